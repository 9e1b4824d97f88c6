package dev.rekord.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The readable forms of {@link IndexField} and {@link CompoundIndex} build the same values as their constructors. */
class IndexFieldTest {

  @Test
  void factoriesSetKindAndMultiplicityWithTheAnnotationsDefaults() {
    assertEquals(new IndexField("city", IndexKind.TAG, false, true, false), IndexField.tag("city"));
    assertEquals(new IndexField("tags", IndexKind.TAG, false, true, true), IndexField.tags("tags"));
    assertEquals(new IndexField("age", IndexKind.NUMERIC, false, true, false), IndexField.numeric("age"));
    assertEquals(new IndexField("bio", IndexKind.TEXT, false, true, false), IndexField.text("bio"));
    assertEquals(new IndexField("notes", IndexKind.TEXT, false, true, true), IndexField.texts("notes"));
    assertEquals(new IndexField("where", IndexKind.GEO, false, true, false), IndexField.geo("where"));
  }

  @Test
  void withersChangeOneFlagEach() {
    assertEquals(new IndexField("joined", IndexKind.NUMERIC, true, true, false), IndexField.numeric("joined").withSortOrder());
    assertEquals(new IndexField("name", IndexKind.TAG, true, false, false),
        IndexField.tag("name").caseInsensitive().withSortOrder());
    assertEquals(IndexField.tag("name").caseInsensitive().withSortOrder(), IndexField.tag("name").withSortOrder().caseInsensitive());
    assertEquals(new IndexField("skills", IndexKind.TAG, false, false, true), IndexField.tags("skills").caseInsensitive());
  }

  @Test
  void onlyATagFoldsCase() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> IndexField.text("bio").caseInsensitive());
    assertEquals("only a tag can be case-insensitive, not the TEXT field bio", e.getMessage());
  }

  @Test
  void aCompoundIndexAssumesANullableNumberUnlessToldOtherwise() {
    IndexField city = IndexField.tag("city");
    IndexField age = IndexField.numeric("age").withSortOrder();
    assertTrue(CompoundIndex.of(List.of(city), age).numberNullable());
    assertEquals(new CompoundIndex(List.of(city), age, false), CompoundIndex.of(List.of(city), age).numberNeverNull());
    assertFalse(CompoundIndex.of(List.of(city), age).numberNeverNull().numberNullable());
    assertEquals("city+age", CompoundIndex.of(List.of(city), age).name());
  }

  @Test
  void aVectorCarriesItsSettingsAndOnlyAVectorDoes() {
    IndexField vector = IndexField.vector("embedding", 3, dev.rekord.annotations.Vector.Distance.L2,
        dev.rekord.annotations.Vector.Algorithm.HNSW);
    assertEquals(new IndexField("embedding", IndexKind.VECTOR, false, true, false, new VectorIndex(3,
        dev.rekord.annotations.Vector.Distance.L2, dev.rekord.annotations.Vector.Algorithm.HNSW)), vector);
    assertThrows(IllegalArgumentException.class, () -> new IndexField("embedding", IndexKind.VECTOR, false, true, false));
    assertThrows(IllegalArgumentException.class, () -> new VectorIndex(0, dev.rekord.annotations.Vector.Distance.L2,
        dev.rekord.annotations.Vector.Algorithm.FLAT));
  }

  @Test
  void hnswSettingsBelongToAnHnswVectorAndArePositive() {
    var l2 = dev.rekord.annotations.Vector.Distance.L2;
    var hnsw = dev.rekord.annotations.Vector.Algorithm.HNSW;
    var flat = dev.rekord.annotations.Vector.Algorithm.FLAT;
    VectorIndex tuned = IndexField.vector("embedding", 3, l2, hnsw, 32, 0, 50).vector();
    assertEquals(new VectorIndex(3, l2, hnsw, 32, VectorIndex.DEFAULT, 50), tuned);
    assertEquals(new VectorIndex(3, l2, hnsw, 0, 0, 0), new VectorIndex(3, l2, hnsw));
    assertThrows(IllegalArgumentException.class, () -> new VectorIndex(3, l2, flat, 16, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new VectorIndex(3, l2, hnsw, 0, -1, 0));
  }

  @Test
  void onlyATextIsStemmedAndAModelStemsInOneLanguage() {
    var english = dev.rekord.annotations.Text.Language.ENGLISH;
    IndexField body = IndexField.text("body").stemmed(english);
    assertTrue(body.stemmed());
    assertFalse(IndexField.text("title").stemmed());
    assertThrows(IllegalArgumentException.class, () -> IndexField.tag("city").stemmed(english));
    assertEquals(english, new IndexDefinition("a-idx", "a", dev.rekord.annotations.Storage.HASH,
        List.of(IndexField.text("title"), body), "f").stemming());
    assertThrows(IllegalArgumentException.class, () -> new IndexDefinition("a-idx", "a",
        dev.rekord.annotations.Storage.HASH,
        List.of(body, IndexField.text("notes").stemmed(dev.rekord.annotations.Text.Language.GERMAN)), "f"));
  }

  @Test
  void distancesAreTheQueryEnginesDefinitions() {
    float[] a = {1, 0};
    float[] b = {3, 4};
    assertEquals(1 - 3.0 / 5, distance(dev.rekord.annotations.Vector.Distance.COSINE, a, b), 1e-12);
    assertEquals(4 + 16, distance(dev.rekord.annotations.Vector.Distance.L2, a, b), 1e-12); // squared
    assertEquals(1 - 3, distance(dev.rekord.annotations.Vector.Distance.IP, a, b), 1e-12);
  }

  private static double distance(dev.rekord.annotations.Vector.Distance distance, float[] a, float[] b) {
    return new VectorIndex(2, distance, dev.rekord.annotations.Vector.Algorithm.FLAT).distance(a, b);
  }
}
