package dev.rekord.processor.generate;

import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.rekord.annotations.Storage;
import dev.rekord.processor.model.CompoundIndexDescription;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ScalarKind;
import dev.rekord.processor.model.ValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.tools.JavaFileObject;

/**
 * Hand-built model descriptions, and the record sources they describe (what validation would build
 * from those records). Each model names its golden directory.
 */
final class TestModels {
  private TestModels() {}

  /**
   * A model with its record sources.
   *
   * @param golden the directory under {@code goldens/}
   */
  record TestModel(String golden, ModelDescription description, List<JavaFileObject> sources) {
    @Override
    public String toString() {
      return golden;
    }
  }

  static List<TestModel> all() {
    return List.of(member(), order(), counter());
  }

  private static final ClassName ADDRESS = ClassName.get("com.acme", "Address");
  private static final ClassName CONTACT = ClassName.get("com.acme", "Contact");
  private static final ClassName COLOR = ClassName.get("com.acme", "Color");
  private static final ClassName MEMBERSHIP = ClassName.get("com.acme", "Membership");
  private static final ClassName GEO_POINT = ClassName.get("dev.rekord.model", "GeoPoint");
  private static final TypeName STRING = ClassName.get(String.class);

  private static final JavaFileObject ADDRESS_SOURCE = source("com.acme.Address", """
      package com.acme;

      import dev.rekord.model.GeoPoint;
      import dev.rekord.annotations.Geo;
      import dev.rekord.annotations.Indexed;

      public record Address(@Indexed String city, @Geo GeoPoint location) {}
      """);

  /** {@code Address(@Indexed String city, @Geo GeoPoint location)} */
  static ValueType.Embedded address() {
    return new ValueType.Embedded(ADDRESS, List.of(
        tag("city", scalar(ScalarKind.STRING, STRING), false, true),
        indexed("location", scalar(ScalarKind.GEO_POINT, GEO_POINT), IndexKind.GEO, false)));
  }

  /**
   * HASH storage: an embedded record (also nested in another embedded record), a list of records
   * with a tag,
   * a map, an enum, a set of enums, a renamed field, every index kind, and two compound indexes
   * (one through an embedded record, ending in a renamed, nullable date).
   */
  static TestModel member() {
    ValueType.Embedded contact = new ValueType.Embedded(CONTACT, List.of(
        plain("name", scalar(ScalarKind.STRING, STRING)),
        plain("address", address())));
    ModelDescription description = new ModelDescription(ClassName.get("com.acme", "Member"), "member", Storage.HASH, 0, List.of(
        id("id", scalar(ScalarKind.STRING, STRING)),
        tag("city", scalar(ScalarKind.STRING, STRING), false, true),
        new Property("joinDate", "joined", scalar(ScalarKind.LOCAL_DATE, ClassName.get(LocalDate.class)),
            Optional.of(new IndexSpec(IndexKind.NUMERIC, true, true)), false, false),
        indexed("age", scalar(ScalarKind.INT, TypeName.INT), IndexKind.NUMERIC, true),
        tag("tags", list(scalar(ScalarKind.STRING, STRING)), false, false),
        plain("address", address()),
        plain("emergency", contact),
        plain("memberships", list(new ValueType.Embedded(MEMBERSHIP, List.of(
            tag("club", scalar(ScalarKind.STRING, STRING), false, false),
            plain("since", scalar(ScalarKind.LOCAL_DATE, ClassName.get(LocalDate.class))))))),
        plain("scores", map(scalar(ScalarKind.INT, ClassName.get(Integer.class)))),
        tag("color", new ValueType.EnumValue(COLOR), false, true),
        plain("favouriteColors", set(new ValueType.EnumValue(COLOR))),
        indexed("bio", scalar(ScalarKind.STRING, STRING), IndexKind.TEXT, false),
        indexed("shift", scalar(ScalarKind.DURATION, ClassName.get(Duration.class)), IndexKind.NUMERIC, false),
        tag("active", scalar(ScalarKind.BOOLEAN, ClassName.get(Boolean.class)), false, true)),
        List.of(new CompoundIndexDescription(List.of("city"), "age"),
            new CompoundIndexDescription(List.of("address.city", "color"), "joinDate")));
    return new TestModel("member", description, List.of(
        source("com.acme.Member", """
            package com.acme;

            import dev.rekord.annotations.CompoundIndex;
            import dev.rekord.annotations.FieldName;
            import dev.rekord.annotations.Id;
            import dev.rekord.annotations.Indexed;
            import dev.rekord.annotations.RedisModel;
            import dev.rekord.annotations.Tag;
            import dev.rekord.annotations.Text;
            import java.time.Duration;
            import java.time.LocalDate;
            import java.util.List;
            import java.util.Map;
            import java.util.Set;

            @RedisModel(prefix = "member")
            @CompoundIndex({"city", "age"})
            @CompoundIndex({"address.city", "color", "joinDate"})
            public record Member(
                @Id String id,
                @Indexed String city,
                @Indexed(sortable = true) @FieldName("joined") LocalDate joinDate,
                @Indexed(sortable = true) int age,
                @Tag(caseSensitive = false) List<String> tags,
                Address address,
                Contact emergency,
                List<Membership> memberships,
                Map<String, Integer> scores,
                @Indexed Color color,
                Set<Color> favouriteColors,
                @Text String bio,
                @Indexed Duration shift,
                @Indexed Boolean active) {}
            """),
        ADDRESS_SOURCE,
        source("com.acme.Contact", """
            package com.acme;

            public record Contact(String name, Address address) {}
            """),
        source("com.acme.Membership", """
            package com.acme;

            import dev.rekord.annotations.Tag;
            import java.time.LocalDate;

            public record Membership(@Tag(caseSensitive = false) String club, LocalDate since) {}
            """),
        source("com.acme.Color", """
            package com.acme;

            public enum Color { RED, GREEN, BLUE }
            """)));
  }

  /**
   * JSON storage in another package than its embedded record, with a UUID id, a list of records
   * with tags (a string and an int), a primitive, bytes, a map and a set of tags.
   */
  static TestModel order() {
    ClassName line = ClassName.get("com.acme.shop", "Line");
    ValueType.Embedded lineType = new ValueType.Embedded(line, List.of(
        tag("sku", scalar(ScalarKind.STRING, STRING), false, true),
        tag("quantity", scalar(ScalarKind.INT, TypeName.INT), false, true),
        plain("price", scalar(ScalarKind.BIG_DECIMAL, ClassName.get(BigDecimal.class)))));
    ClassName status = ClassName.get("com.acme.shop", "Status");
    ModelDescription description = new ModelDescription(ClassName.get("com.acme.shop", "Order"), "shop:order", Storage.JSON, 0, List.of(
        id("id", scalar(ScalarKind.UUID, ClassName.get(UUID.class))),
        tag("customer", scalar(ScalarKind.STRING, STRING), true, true),
        indexed("placedAt", scalar(ScalarKind.INSTANT, ClassName.get(Instant.class)), IndexKind.NUMERIC, true),
        plain("lines", list(lineType)),
        plain("shipTo", address()),
        tag("labels", set(scalar(ScalarKind.STRING, STRING)), false, true),
        plain("attributes", map(scalar(ScalarKind.STRING, STRING))),
        plain("status", new ValueType.EnumValue(status)),
        plain("signature", scalar(ScalarKind.BYTES, TypeName.get(byte[].class))),
        plain("total", scalar(ScalarKind.DOUBLE, TypeName.DOUBLE))));
    return new TestModel("order", description, List.of(
        source("com.acme.shop.Order", """
            package com.acme.shop;

            import com.acme.Address;
            import dev.rekord.annotations.Id;
            import dev.rekord.annotations.Indexed;
            import dev.rekord.annotations.RedisModel;
            import dev.rekord.annotations.Storage;
            import dev.rekord.annotations.Tag;
            import java.time.Instant;
            import java.util.List;
            import java.util.Map;
            import java.util.Set;
            import java.util.UUID;

            @RedisModel(prefix = "shop:order", storage = Storage.JSON)
            public record Order(
                @Id UUID id,
                @Tag(sortable = true) String customer,
                @Indexed(sortable = true) Instant placedAt,
                List<Line> lines,
                Address shipTo,
                @Tag Set<String> labels,
                Map<String, String> attributes,
                Status status,
                byte[] signature,
                double total) {}
            """),
        source("com.acme.shop.Line", """
            package com.acme.shop;

            import dev.rekord.annotations.Tag;
            import java.math.BigDecimal;

            public record Line(@Tag String sku, @Tag int quantity, BigDecimal price) {}
            """),
        source("com.acme.shop.Status", """
            package com.acme.shop;

            public enum Status { OPEN, SHIPPED }
            """),
        ADDRESS_SOURCE));
  }

  /**
   * A {@code long} id, a {@code @Version}, a default TTL, and components named like the locals and
   * parameters of generated code.
   */
  static TestModel counter() {
    ModelDescription description = new ModelDescription(ClassName.get("com.acme", "Counter"), "counter", Storage.HASH, 3600, List.of(
        id("id", scalar(ScalarKind.LONG, TypeName.LONG)),
        new Property("version", "version", scalar(ScalarKind.LONG, TypeName.LONG), Optional.empty(), false, true),
        indexed("value", scalar(ScalarKind.INT, TypeName.INT), IndexKind.NUMERIC, true),
        plain("json", scalar(ScalarKind.STRING, STRING)),
        plain("hash", scalar(ScalarKind.STRING, STRING)),
        plain("key", scalar(ScalarKind.STRING, STRING)),
        plain("fields", scalar(ScalarKind.STRING, STRING)),
        plain("entity", scalar(ScalarKind.STRING, STRING)),
        plain("text", scalar(ScalarKind.CHAR, TypeName.CHAR))));
    return new TestModel("counter", description, List.of(
        source("com.acme.Counter", """
            package com.acme;

            import dev.rekord.annotations.Id;
            import dev.rekord.annotations.Indexed;
            import dev.rekord.annotations.RedisModel;
            import dev.rekord.annotations.Version;

            @RedisModel(prefix = "counter", ttlSeconds = 3600)
            public record Counter(
                @Id long id,
                @Version long version,
                @Indexed(sortable = true) int value,
                String json,
                String hash,
                String key,
                String fields,
                String entity,
                char text) {}
            """)));
  }

  static ValueType.Scalar scalar(ScalarKind kind, TypeName type) {
    return new ValueType.Scalar(kind, type);
  }

  static ValueType.CollectionValue list(ValueType element) {
    return new ValueType.CollectionValue(ValueType.CollectionKind.LIST, element,
        ParameterizedTypeName.get(ClassName.get(List.class), element.typeName()));
  }

  static ValueType.CollectionValue set(ValueType element) {
    return new ValueType.CollectionValue(ValueType.CollectionKind.SET, element,
        ParameterizedTypeName.get(ClassName.get(Set.class), element.typeName()));
  }

  static ValueType.MapValue map(ValueType value) {
    return new ValueType.MapValue(value, ParameterizedTypeName.get(ClassName.get(Map.class), STRING, value.typeName()));
  }

  static Property plain(String name, ValueType type) {
    return new Property(name, name, type, Optional.empty(), false, false);
  }

  static Property id(String name, ValueType type) {
    return new Property(name, name, type, Optional.empty(), true, false);
  }

  static Property tag(String name, ValueType type, boolean sortable, boolean caseSensitive) {
    return new Property(name, name, type, Optional.of(new IndexSpec(IndexKind.TAG, sortable, caseSensitive)), false, false);
  }

  static Property indexed(String name, ValueType type, IndexKind kind, boolean sortable) {
    return new Property(name, name, type, Optional.of(new IndexSpec(kind, sortable, true)), false, false);
  }

  private static JavaFileObject source(String qualifiedName, String text) {
    return JavaFileObjects.forSourceString(qualifiedName, text);
  }
}
