package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.rekord.processor.generate.TestModels.id;
import static dev.rekord.processor.generate.TestModels.indexed;
import static dev.rekord.processor.generate.TestModels.list;
import static dev.rekord.processor.generate.TestModels.plain;
import static dev.rekord.processor.generate.TestModels.scalar;
import static dev.rekord.processor.generate.TestModels.set;
import static dev.rekord.processor.generate.TestModels.tag;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeName;
import dev.rekord.annotations.Storage;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.ScalarKind;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code indexValues} where nulls are subtle: an embedded record whose indexed fields include a
 * collection of records, a collection of texts, and inside a collection of records an embedded
 * record, a tag collection and another collection of records (whose nulls add nothing, so a
 * document is never both absent and present on a multi-valued field). An embedded record without
 * indexed fields is not visited.
 */
class IndexValuesMethodsTest {

  private static final TypeName STRING = ClassName.get(String.class);
  private static final ValueType.Embedded STOP = new ValueType.Embedded(ClassName.get("com.acme", "Stop"), List.of(
      tag("city", scalar(ScalarKind.STRING, STRING), false, true)));
  private static final ValueType.Embedded ROUTE = new ValueType.Embedded(ClassName.get("com.acme", "Route"), List.of(
      tag("from", scalar(ScalarKind.STRING, STRING), false, true),
      plain("stops", list(STOP))));
  private static final ValueType.Embedded LABEL = new ValueType.Embedded(ClassName.get("com.acme", "Label"), List.of(
      indexed("text", scalar(ScalarKind.STRING, STRING), IndexKind.TEXT, false)));
  private static final ValueType.Embedded PARCEL = new ValueType.Embedded(ClassName.get("com.acme", "Parcel"), List.of(
      tag("codes", set(scalar(ScalarKind.STRING, STRING)), false, true),
      plain("label", LABEL),
      plain("stops", list(STOP)),
      plain("note", scalar(ScalarKind.STRING, STRING))));
  private static final ValueType.Embedded SIZE = new ValueType.Embedded(ClassName.get("com.acme", "Size"), List.of(
      plain("width", scalar(ScalarKind.INT, TypeName.INT))));
  private static final ModelDescription SHIPMENT = new ModelDescription(
      ClassName.get("com.acme", "Shipment"), "shipment", Storage.JSON, 0, List.of(
          id("id", scalar(ScalarKind.STRING, STRING)),
          indexed("weight", scalar(ScalarKind.LONG, TypeName.LONG), IndexKind.NUMERIC, true),
          tag("grade", scalar(ScalarKind.CHAR, TypeName.CHAR), false, true),
          indexed("notes", list(scalar(ScalarKind.STRING, STRING)), IndexKind.TEXT, false),
          plain("route", ROUTE),
          plain("parcels", list(PARCEL)),
          plain("size", SIZE)));

  private static final List<JavaFileObject> SOURCES = List.of(
      JavaFileObjects.forSourceString("com.acme.Shipment", """
          package com.acme;

          import dev.rekord.annotations.Id;
          import dev.rekord.annotations.Indexed;
          import dev.rekord.annotations.RedisModel;
          import dev.rekord.annotations.Storage;
          import dev.rekord.annotations.Tag;
          import dev.rekord.annotations.Text;
          import java.util.List;

          @RedisModel(prefix = "shipment", storage = Storage.JSON)
          public record Shipment(
              @Id String id,
              @Indexed(sortable = true) long weight,
              @Tag char grade,
              @Text List<String> notes,
              Route route,
              List<Parcel> parcels,
              Size size) {}
          """),
      JavaFileObjects.forSourceString("com.acme.Route", """
          package com.acme;

          import dev.rekord.annotations.Tag;
          import java.util.List;

          public record Route(@Tag String from, List<Stop> stops) {}
          """),
      JavaFileObjects.forSourceString("com.acme.Stop", """
          package com.acme;

          import dev.rekord.annotations.Tag;

          public record Stop(@Tag String city) {}
          """),
      JavaFileObjects.forSourceString("com.acme.Label", """
          package com.acme;

          import dev.rekord.annotations.Text;

          public record Label(@Text String text) {}
          """),
      JavaFileObjects.forSourceString("com.acme.Size", """
          package com.acme;

          public record Size(int width) {}
          """),
      JavaFileObjects.forSourceString("com.acme.Parcel", """
          package com.acme;

          import dev.rekord.annotations.Tag;
          import java.util.List;
          import java.util.Set;

          public record Parcel(@Tag Set<String> codes, Label label, List<Stop> stops, String note) {}
          """));

  private static String codec() {
    return new CodecWriter().write(SHIPMENT).toString();
  }

  @Test
  void topLevelCallsInDeclarationOrder() {
    assertThat(codec()).contains("""
          @Override
          public void indexValues(Shipment value, IndexSink sink) {
            sink.numeric(ShipmentIndex.WEIGHT, value.weight());
            sink.tag(ShipmentIndex.GRADE, value.grade());
            indexNotes(sink, value.notes());
            indexRoute(sink, value.route());
            indexParcels(sink, value.parcels());
          }
        """);
  }

  @Test
  void nullEmbeddedRecordMarksEveryFieldBelowAbsent() {
    assertThat(codec()).contains("""
          private static void indexRoute(IndexSink sink, Route value) {
            if (value == null) {
              sink.absent(ShipmentIndex.ROUTE_FROM);
              sink.absent(ShipmentIndex.ROUTE_STOPS_CITY);
              return;
            }
            sink.tag(ShipmentIndex.ROUTE_FROM, value.from());
            indexRouteStops(sink, value.stops());
          }
        """);
    assertThat(codec()).contains("""
          private static void indexRouteStops(IndexSink sink, List<Stop> values) {
            if (values == null || values.isEmpty()) {
              sink.absent(ShipmentIndex.ROUTE_STOPS_CITY);
              return;
            }
        """);
  }

  @Test
  void collectionOfTextsIsOneTextCallPerElement() {
    assertThat(codec()).contains("""
          private static void indexNotes(IndexSink sink, List<String> values) {
            if (values == null || values.isEmpty()) {
              sink.absent(ShipmentIndex.NOTES);
              return;
            }
            for (String value : values) {
              if (value != null) {
                sink.text(ShipmentIndex.NOTES, value);
              }
            }
          }
        """);
  }

  @Test
  void collectionOfRecordsSkipsNullsAndIsAbsentOnlyWhenEmpty() {
    String codec = codec();
    assertThat(codec).contains("""
          private static void indexParcels(IndexSink sink, List<Parcel> values) {
            if (values == null || values.isEmpty()) {
              sink.absent(ShipmentIndex.PARCELS_CODES);
              sink.absent(ShipmentIndex.PARCELS_LABEL_TEXT);
              sink.absent(ShipmentIndex.PARCELS_STOPS_CITY);
              return;
            }
            for (Parcel value : values) {
              if (value == null) {
                continue;
              }
              indexParcelsCodes(sink, value.codes());
              indexParcelsLabel(sink, value.label());
              indexParcelsStops(sink, value.stops());
            }
          }
        """);
    // Inside an element, nothing is absent: other elements may hold values.
    assertThat(codec).contains("""
          private static void indexParcelsLabel(IndexSink sink, Label value) {
            if (value == null) {
              return;
            }
            if (value.text() != null) {
              sink.text(ShipmentIndex.PARCELS_LABEL_TEXT, value.text());
            }
          }
        """);
    assertThat(codec).contains("""
          private static void indexParcelsCodes(IndexSink sink, Set<String> values) {
            if (values == null) {
              return;
            }
            for (String value : values) {
              if (value != null) {
                sink.tag(ShipmentIndex.PARCELS_CODES, value);
              }
            }
          }
        """);
    assertThat(codec).contains("""
          private static void indexParcelsStops(IndexSink sink, List<Stop> values) {
            if (values == null) {
              return;
            }
        """);
    assertThat(codec).doesNotContain("indexSize");
  }

  @Test
  void compilesWithoutWarnings() {
    List<JavaFileObject> sources = new ArrayList<>(SOURCES);
    for (JavaFile file : Generators.sources(SHIPMENT)) {
      sources.add(file.toJavaFileObject());
    }
    Compilation compilation = javac().withOptions("-Xlint:all", "-Werror", "-proc:none").compile(sources);
    assertThat(compilation).succeededWithoutWarnings();
  }
}
