package dev.rekord.processor.generate;

import static com.google.common.truth.Truth.assertThat;

import com.palantir.javapoet.ClassName;
import dev.rekord.annotations.Storage;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ScalarKind;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IndexResourceWriterTest {

  @Test
  void namesTheResourceAfterTheRecord() {
    assertThat(IndexResourceWriter.resourceName(TestModels.member().description()))
        .isEqualTo("META-INF/rekord/com.acme.Member.redis");
  }

  @Test
  void hashSchemaUsesFieldNamesAndLeavesOutCollections() {
    String text = IndexResourceWriter.text(TestModels.member().description());

    assertThat(text).contains("FT.CREATE member-idx ON HASH PREFIX 2 {member}: {member: SCHEMA \\\n"
        + "  city TAG CASESENSITIVE \\\n"
        + "  joined NUMERIC SORTABLE \\\n"
        + "  age NUMERIC SORTABLE \\\n"
        + "  address.city TAG CASESENSITIVE \\\n"
        + "  address.location GEO \\\n"
        + "  emergency.address.city TAG CASESENSITIVE \\\n"
        + "  emergency.address.location GEO \\\n"
        + "  color TAG CASESENSITIVE \\\n"
        + "  bio TEXT \\\n"
        + "  shift NUMERIC \\\n"
        + "  active TAG CASESENSITIVE\n");
    assertThat(text).contains("# Not in this index (a collection is one JSON text field of the hash): "
        + "tags, memberships.club\n");
    assertThat(text).contains("# fingerprint: " + Fingerprint.of(TestModels.member().description()) + "\n");
  }

  @Test
  void jsonSchemaUsesJsonPathsWithArraysAndAliases() {
    String text = IndexResourceWriter.text(TestModels.order().description());

    assertThat(text).contains("FT.CREATE shop:order-idx ON JSON PREFIX 2 {shop:order}: {shop:order: SCHEMA \\\n"
        + "  $.customer AS customer TAG CASESENSITIVE SORTABLE \\\n"
        + "  $.placedAt AS placedAt NUMERIC SORTABLE \\\n"
        + "  $.lines[*].sku AS lines.sku TAG CASESENSITIVE \\\n"
        + "  $.lines[*].quantity AS lines.quantity TAG CASESENSITIVE \\\n"
        + "  $.shipTo.city AS shipTo.city TAG CASESENSITIVE \\\n"
        + "  $.shipTo.location AS shipTo.location GEO \\\n"
        + "  $.labels[*] AS labels TAG CASESENSITIVE\n");
    assertThat(text).doesNotContain("Not in this index");
  }

  @Test
  void caseInsensitiveTagsHaveNoFlag() {
    IndexedField tags = IndexedField.of(TestModels.member().description()).stream()
        .filter(field -> field.path().javaPath().equals("tags"))
        .findFirst()
        .orElseThrow();
    assertThat(IndexResourceWriter.schemaField(Storage.JSON, tags)).isEqualTo("$.tags[*] AS tags TAG");
  }

  @Test
  void quotesJsonPathsOfNamesWithDashes() {
    IndexSpec spec = new IndexSpec(IndexKind.TAG, false, true);
    Property firstName = new Property(
        "firstName", "first-name", TestModels.scalar(ScalarKind.STRING, ClassName.get(String.class)), Optional.of(spec), false, false);
    IndexedField field = new IndexedField(new FieldPath(List.of(firstName)), spec, "FIRST_NAME");

    assertThat(IndexResourceWriter.schemaField(Storage.JSON, field))
        .isEqualTo("'$[\"first-name\"]' AS first-name TAG CASESENSITIVE");
  }
}
