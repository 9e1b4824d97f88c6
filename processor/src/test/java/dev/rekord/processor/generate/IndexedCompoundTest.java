package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.rekord.processor.generate.TestModels.id;
import static dev.rekord.processor.generate.TestModels.indexed;
import static dev.rekord.processor.generate.TestModels.plain;
import static dev.rekord.processor.generate.TestModels.scalar;
import static dev.rekord.processor.generate.TestModels.tag;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeName;
import dev.rekord.annotations.Storage;
import dev.rekord.processor.model.CompoundIndexDescription;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ScalarKind;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compound indexes in the generated code: key names from stored paths, constants that never clash
 * with field constants, the nullability of the number, and values read through two embedded
 * records that may each be null.
 */
class IndexedCompoundTest {

  private static final TypeName STRING = ClassName.get(String.class);
  private static final ValueType.Embedded ADDRESS = new ValueType.Embedded(ClassName.get("com.acme", "Address"), List.of(
      tag("city", scalar(ScalarKind.STRING, STRING), false, false),
      indexed("floor", scalar(ScalarKind.INT, TypeName.INT), IndexKind.NUMERIC, false)));
  private static final ValueType.Embedded CONTACT = new ValueType.Embedded(ClassName.get("com.acme", "Contact"), List.of(
      plain("address", ADDRESS)));
  private static final ModelDescription PERSON = new ModelDescription(
      ClassName.get("com.acme", "Person"), "person", Storage.HASH, 0, List.of(
          id("id", scalar(ScalarKind.STRING, STRING)),
          tag("city", scalar(ScalarKind.STRING, STRING), false, true),
          new Property("age", "years", scalar(ScalarKind.INT, TypeName.INT),
              Optional.of(new IndexSpec(IndexKind.NUMERIC, true, true)), false, false),
          indexed("score", scalar(ScalarKind.DOUBLE, ClassName.get(Double.class)), IndexKind.NUMERIC, false),
          tag("cityAge", scalar(ScalarKind.STRING, STRING), false, true),
          plain("emergency", CONTACT)),
      List.of(
          new CompoundIndexDescription(List.of("city"), "age"),
          new CompoundIndexDescription(List.of("city"), "score"),
          new CompoundIndexDescription(List.of("emergency.address.city", "city"), "emergency.address.floor")));

  private static final List<JavaFileObject> SOURCES = List.of(
      JavaFileObjects.forSourceString("com.acme.Person", """
          package com.acme;

          import dev.rekord.annotations.CompoundIndex;
          import dev.rekord.annotations.FieldName;
          import dev.rekord.annotations.Id;
          import dev.rekord.annotations.Numeric;
          import dev.rekord.annotations.RedisModel;
          import dev.rekord.annotations.Tag;

          @RedisModel(prefix = "person")
          @CompoundIndex({"city", "age"})
          @CompoundIndex({"city", "score"})
          @CompoundIndex({"emergency.address.city", "city", "emergency.address.floor"})
          public record Person(
              @Id String id,
              @Tag String city,
              @Numeric(sortable = true) @FieldName("years") int age,
              @Numeric Double score,
              @Tag String cityAge,
              Contact emergency) {}
          """),
      JavaFileObjects.forSourceString("com.acme.Contact", """
          package com.acme;

          public record Contact(Address address) {}
          """),
      JavaFileObjects.forSourceString("com.acme.Address", """
          package com.acme;

          import dev.rekord.annotations.Numeric;
          import dev.rekord.annotations.Tag;

          public record Address(@Tag(caseSensitive = false) String city, @Numeric int floor) {}
          """));

  @Test
  void namesAreStoredPathsAndConstantsDoNotClash() {
    List<IndexedCompound> compounds = IndexedCompound.of(PERSON);
    assertThat(compounds.stream().map(IndexedCompound::name).toList())
        .containsExactly("city+years", "city+score", "emergency.address.city+city+emergency.address.floor").inOrder();
    assertThat(compounds.stream().map(IndexedCompound::constant).toList())
        .containsExactly("CITY_AGE_", "CITY_SCORE", "EMERGENCY_ADDRESS_CITY_CITY_EMERGENCY_ADDRESS_FLOOR").inOrder();
  }

  @Test
  void aNumberIsNullableWhenBoxedOrInsideAnEmbeddedRecord() {
    assertThat(IndexedCompound.of(PERSON).stream().map(IndexedCompound::numberNullable).toList())
        .containsExactly(false, true, true).inOrder();
  }

  @Test
  void valuesThroughEmbeddedRecordsAreNullWhenARecordOnTheWayIs() {
    String codec = new CodecWriter().write(PERSON).toString();
    assertThat(codec).contains("""
            sink.compound(PersonIndex.CITY_AGE_, value.city(), value.age());
            sink.compound(PersonIndex.CITY_SCORE, value.city(), value.score());
            sink.compound(PersonIndex.EMERGENCY_ADDRESS_CITY_CITY_EMERGENCY_ADDRESS_FLOOR,
                value.emergency() == null || value.emergency().address() == null ? null : value.emergency().address().city(),
                value.city(),
                value.emergency() == null || value.emergency().address() == null ? null : value.emergency().address().floor());
          }
        """);
  }

  @Test
  void theIndexDefinitionListsThem() {
    String index = new IndexDefinitionWriter().write(PERSON).toString();
    assertThat(index).contains(
        "public static final CompoundIndex CITY_AGE_ = CompoundIndex.of(List.of(CITY), AGE).numberNeverNull();");
    assertThat(index).contains(
        "public static final CompoundIndex CITY_SCORE = CompoundIndex.of(List.of(CITY), SCORE);");
    assertThat(index).contains("List.of(CITY_AGE_, CITY_SCORE, EMERGENCY_ADDRESS_CITY_CITY_EMERGENCY_ADDRESS_FLOOR),\n");
  }

  @Test
  void compilesWithoutWarnings() {
    List<JavaFileObject> sources = new ArrayList<>(SOURCES);
    for (JavaFile file : Generators.sources(PERSON)) {
      sources.add(file.toJavaFileObject());
    }
    Compilation compilation = javac().withOptions("-Xlint:all", "-Werror", "-proc:none").compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
  }
}
