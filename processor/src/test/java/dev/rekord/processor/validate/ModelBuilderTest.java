package dev.rekord.processor.validate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.rekord.processor.ProcessorTestSupport.source;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.rekord.annotations.Storage;
import dev.rekord.processor.ProcessorTestSupport;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ScalarKind;
import dev.rekord.processor.model.ValueType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The model descriptions built from valid records: types, stored names, indexes, nesting. */
class ModelBuilderTest {
  private static final JavaFileObject EVERYTHING = source("test.OrderLine", """
      @RedisModel(storage = Storage.JSON, ttlSeconds = 3600)
      public record OrderLine(
          @Id UUID id,
          @Version long version,
          @Indexed String city,
          @Tag(caseSensitive = false) String code,
          @Text @FieldName("desc") String description,
          @Indexed(sortable = true) LocalDate day,
          @Numeric Instant at,
          @Sortable int quantity,
          @Tag long sku,
          @Indexed boolean active,
          Boolean flagged,
          char grade,
          Character letter,
          byte b,
          Byte boxedByte,
          short s,
          Short boxedShort,
          Integer boxedInt,
          Long boxedLong,
          float f,
          Float boxedFloat,
          double d,
          @Numeric(sortable = true) Double boxedDouble,
          BigDecimal price,
          BigInteger big,
          LocalDateTime localDateTime,
          LocalTime localTime,
          OffsetDateTime offsetDateTime,
          ZonedDateTime zonedDateTime,
          @Indexed Duration took,
          byte[] photo,
          @Geo GeoPoint location,
          @Indexed Color color,
          @Tag List<String> tags,
          @Indexed Set<Color> colors,
          @Text List<String> notes,
          Map<String, Integer> counts,
          Map<String, Color> colorByName,
          Address address,
          List<Address> previous) {
        public enum Color { RED, GREEN }
      }
      """);
  private static final JavaFileObject ADDRESS = source("test.Address", """
      public record Address(
          @Indexed String city,
          @FieldName("zip") String postalCode,
          GeoPoint location,
          Country country) {}
      """);
  private static final JavaFileObject COUNTRY = source("test.Country", """
      public record Country(@Tag(caseSensitive = false) String code, String name) {}
      """);

  private static ModelDescription everything() {
    ProcessorTestSupport.Validated validated = ProcessorTestSupport.validate(EVERYTHING, ADDRESS, COUNTRY);
    assertThat(validated.compilation()).succeededWithoutWarnings();
    return validated.model("OrderLine");
  }

  private static Property property(List<Property> properties, String name) {
    return properties.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  private static Optional<IndexSpec> index(IndexKind kind, boolean sortable, boolean caseSensitive) {
    return Optional.of(new IndexSpec(kind, sortable, caseSensitive));
  }

  @Test
  void settingsAndDefaultPrefix() {
    ModelDescription model = everything();
    assertThat(model.recordType()).isEqualTo(ClassName.get("test", "OrderLine"));
    assertThat(model.keyPrefix()).isEqualTo("order-line");
    assertThat(model.storage()).isEqualTo(Storage.JSON);
    assertThat(model.ttlSeconds()).isEqualTo(3600);
    assertThat(model.id().name()).isEqualTo("id");
    assertThat(model.version().orElseThrow().name()).isEqualTo("version");
  }

  @Test
  void componentsInDeclarationOrderWithStoredNames() {
    ModelDescription model = everything();
    assertThat(model.properties().stream().map(Property::name).toList()).containsExactly(
        "id", "version", "city", "code", "description", "day", "at", "quantity", "sku", "active", "flagged",
        "grade", "letter", "b", "boxedByte", "s", "boxedShort", "boxedInt", "boxedLong", "f", "boxedFloat", "d",
        "boxedDouble", "price", "big", "localDateTime", "localTime", "offsetDateTime", "zonedDateTime", "took",
        "photo", "location", "color", "tags", "colors", "notes", "counts", "colorByName", "address", "previous")
        .inOrder();
    assertThat(property(model.properties(), "description").storedName()).isEqualTo("desc");
    assertThat(property(model.properties(), "city").storedName()).isEqualTo("city");
  }

  @Test
  void everyScalarKind() {
    List<Property> properties = everything().properties();
    Map<String, ScalarKind> expected = Map.ofEntries(
        Map.entry("id", ScalarKind.UUID), Map.entry("version", ScalarKind.LONG), Map.entry("city", ScalarKind.STRING),
        Map.entry("day", ScalarKind.LOCAL_DATE), Map.entry("at", ScalarKind.INSTANT), Map.entry("quantity", ScalarKind.INT),
        Map.entry("active", ScalarKind.BOOLEAN), Map.entry("flagged", ScalarKind.BOOLEAN), Map.entry("grade", ScalarKind.CHAR),
        Map.entry("letter", ScalarKind.CHAR), Map.entry("b", ScalarKind.BYTE), Map.entry("boxedByte", ScalarKind.BYTE),
        Map.entry("s", ScalarKind.SHORT), Map.entry("boxedShort", ScalarKind.SHORT), Map.entry("boxedInt", ScalarKind.INT),
        Map.entry("boxedLong", ScalarKind.LONG), Map.entry("f", ScalarKind.FLOAT), Map.entry("boxedFloat", ScalarKind.FLOAT),
        Map.entry("d", ScalarKind.DOUBLE), Map.entry("boxedDouble", ScalarKind.DOUBLE), Map.entry("price", ScalarKind.BIG_DECIMAL),
        Map.entry("big", ScalarKind.BIG_INTEGER), Map.entry("localDateTime", ScalarKind.LOCAL_DATE_TIME),
        Map.entry("localTime", ScalarKind.LOCAL_TIME), Map.entry("offsetDateTime", ScalarKind.OFFSET_DATE_TIME),
        Map.entry("zonedDateTime", ScalarKind.ZONED_DATE_TIME), Map.entry("took", ScalarKind.DURATION),
        Map.entry("photo", ScalarKind.BYTES), Map.entry("location", ScalarKind.GEO_POINT));
    expected.forEach((name, kind) ->
        assertThat(((ValueType.Scalar) property(properties, name).type()).kind()).isEqualTo(kind));
    assertThat(property(properties, "quantity").type().typeName()).isEqualTo(TypeName.INT);
    assertThat(((ValueType.Scalar) property(properties, "quantity").type()).primitive()).isTrue();
    assertThat(property(properties, "boxedInt").type().typeName()).isEqualTo(ClassName.get(Integer.class));
    assertThat(property(properties, "photo").type().typeName().toString()).isEqualTo("byte[]");
    assertThat(property(properties, "location").type().typeName()).isEqualTo(ClassName.get("dev.rekord.model", "GeoPoint"));
  }

  @Test
  void enumsCollectionsAndMaps() {
    List<Property> properties = everything().properties();
    ClassName color = ClassName.get("test", "OrderLine", "Color");
    assertThat(property(properties, "color").type()).isEqualTo(new ValueType.EnumValue(color));
    assertThat(property(properties, "tags").type()).isEqualTo(new ValueType.CollectionValue(
        ValueType.CollectionKind.LIST, new ValueType.Scalar(ScalarKind.STRING, ClassName.get(String.class)),
        ParameterizedTypeName.get(List.class, String.class)));
    ValueType.CollectionValue colors = (ValueType.CollectionValue) property(properties, "colors").type();
    assertThat(colors.kind()).isEqualTo(ValueType.CollectionKind.SET);
    assertThat(colors.element()).isEqualTo(new ValueType.EnumValue(color));
    assertThat(property(properties, "counts").type()).isEqualTo(new ValueType.MapValue(
        new ValueType.Scalar(ScalarKind.INT, ClassName.get(Integer.class)),
        ParameterizedTypeName.get(Map.class, String.class, Integer.class)));
    assertThat(((ValueType.MapValue) property(properties, "colorByName").type()).value())
        .isEqualTo(new ValueType.EnumValue(color));
  }

  @Test
  void indexKindsResolvedFromAnnotationsAndTypes() {
    List<Property> properties = everything().properties();
    assertThat(property(properties, "city").index()).isEqualTo(index(IndexKind.TAG, false, true));
    assertThat(property(properties, "code").index()).isEqualTo(index(IndexKind.TAG, false, false));
    assertThat(property(properties, "description").index()).isEqualTo(index(IndexKind.TEXT, false, true));
    assertThat(property(properties, "day").index()).isEqualTo(index(IndexKind.NUMERIC, true, true));
    assertThat(property(properties, "at").index()).isEqualTo(index(IndexKind.NUMERIC, false, true));
    assertThat(property(properties, "quantity").index()).isEqualTo(index(IndexKind.NUMERIC, true, true));
    assertThat(property(properties, "sku").index()).isEqualTo(index(IndexKind.TAG, false, true));
    assertThat(property(properties, "active").index()).isEqualTo(index(IndexKind.TAG, false, true));
    assertThat(property(properties, "boxedDouble").index()).isEqualTo(index(IndexKind.NUMERIC, true, true));
    assertThat(property(properties, "took").index()).isEqualTo(index(IndexKind.NUMERIC, false, true));
    assertThat(property(properties, "location").index()).isEqualTo(index(IndexKind.GEO, false, true));
    assertThat(property(properties, "color").index()).isEqualTo(index(IndexKind.TAG, false, true));
    assertThat(property(properties, "tags").index()).isEqualTo(index(IndexKind.TAG, false, true));
    assertThat(property(properties, "colors").index()).isEqualTo(index(IndexKind.TAG, false, true));
    assertThat(property(properties, "notes").index()).isEqualTo(index(IndexKind.TEXT, false, true));
    assertThat(property(properties, "flagged").index()).isEmpty();
    assertThat(property(properties, "address").index()).isEmpty();
  }

  @Test
  void embeddedRecordsNestRecursivelyWithTheirOwnIndexes() {
    List<Property> properties = everything().properties();
    ValueType.Embedded address = (ValueType.Embedded) property(properties, "address").type();
    assertThat(address.typeName()).isEqualTo(ClassName.get("test", "Address"));
    assertThat(address.properties().stream().map(Property::storedName).toList())
        .containsExactly("city", "zip", "location", "country").inOrder();
    assertThat(property(address.properties(), "city").index()).isEqualTo(index(IndexKind.TAG, false, true));
    assertThat(property(address.properties(), "location").index()).isEmpty();
    assertThat(property(address.properties(), "city").id()).isFalse();

    ValueType.Embedded country = (ValueType.Embedded) property(address.properties(), "country").type();
    assertThat(property(country.properties(), "code").index()).isEqualTo(index(IndexKind.TAG, false, false));

    ValueType.CollectionValue previous = (ValueType.CollectionValue) property(properties, "previous").type();
    assertThat(previous.element()).isEqualTo(address);
  }

  @Test
  void indexesInsideACollectionOfRecordsAreMultiValuedTags() {
    JavaFileObject order = source("test.Order", """
        @RedisModel(prefix = "shop:order")
        public record Order(@Id long id, List<Line> lines) {}
        """);
    JavaFileObject line = source("test.Line", "public record Line(@Indexed String sku, @Tag int quantity, @Text String note) {}\n");
    ModelDescription model = ProcessorTestSupport.validate(order, line).model("Order");
    assertThat(model.keyPrefix()).isEqualTo("shop:order");
    assertThat(model.storage()).isEqualTo(Storage.HASH);
    ValueType.Embedded element =
        (ValueType.Embedded) ((ValueType.CollectionValue) model.properties().get(1).type()).element();
    assertThat(element.properties().stream().map(p -> p.index().orElseThrow().kind()).toList())
        .containsExactly(IndexKind.TAG, IndexKind.TAG, IndexKind.TEXT).inOrder();
  }

  @Test
  void prefixDefaultsToKebabCase() {
    assertThat(RedisNames.kebabCase("OrderLine")).isEqualTo("order-line");
    assertThat(RedisNames.kebabCase("Member")).isEqualTo("member");
    assertThat(RedisNames.kebabCase("HTTPServer")).isEqualTo("http-server");
    assertThat(RedisNames.kebabCase("Order2Go")).isEqualTo("order2-go");
  }

  @Test
  void builderReportsUnresolvedTypesInsteadOfProblems() {
    JavaFileObject member = source("test.Member", "@RedisModel\npublic record Member(@Id String id, List<Money> prices) {}\n");
    Map<String, BuildResult> results = ProcessorTestSupport.buildModels(member);
    assertThat(results.get("Member")).isEqualTo(new BuildResult.Unresolved("Money"));
  }

  @Test
  void nestedModelInPublicClassIsAccessible() {
    JavaFileObject outer = source("test.Outer",
        "public class Outer {\n  @RedisModel\n  public record Inner(@Id String id) {}\n}\n");
    Map<String, BuildResult> results = ProcessorTestSupport.buildModels(outer);
    ModelDescription model = ((BuildResult.Built) results.get("Inner")).model();
    assertThat(model.recordType()).isEqualTo(ClassName.get("test", "Outer", "Inner"));
    assertThat(model.generated("Model")).isEqualTo(ClassName.get("test", "InnerModel"));
  }
}
