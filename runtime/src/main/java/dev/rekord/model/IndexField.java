package dev.rekord.model;

import dev.rekord.annotations.Text;
import dev.rekord.annotations.Vector;
import java.util.Objects;

/**
 * One indexed field of a model. Generated index definitions build it by kind, then add what
 * differs from the defaults (single-valued, no sort order, case-sensitive):
 *
 * <pre>{@code
 * IndexField.tag("city")                         // exact matches on one value
 * IndexField.numeric("age").withSortOrder()      // ranges, and queries can sort by it
 * IndexField.tags("skills").caseInsensitive()    // a collection, folded to lower case
 * }</pre>
 *
 * @param path the stored path: a hash field name or a dotted JSON path ({@code address.city})
 * @param kind how the field is indexed
 * @param sortable whether a sort order is kept on the field
 * @param caseSensitive for tags: whether matching is case-sensitive; {@code true} for every other
 *     kind
 * @param multiValued whether the field holds several values (a collection, or a field of records
 *     in a collection)
 * @param vector for a vector: its dimensions, distance and algorithm; {@code null} for every other
 *     kind
 * @param stemming for a text, the language the search engine stems it in ({@code @Text(stemming =
 *     …)}); {@link Text.Language#NONE} for exact words (the portable engine's only form) and every
 *     other kind
 */
public record IndexField(String path, IndexKind kind, boolean sortable, boolean caseSensitive, boolean multiValued,
    VectorIndex vector, Text.Language stemming) {

  public IndexField {
    if ((kind == IndexKind.VECTOR) != (vector != null)) {
      throw new IllegalArgumentException("a vector field, and only a vector field, has vector settings: " + path);
    }
    Objects.requireNonNull(stemming, "stemming");
    if (stemming != Text.Language.NONE && kind != IndexKind.TEXT) {
      throw new IllegalArgumentException("only a text is stemmed, not the " + kind + " field " + path);
    }
  }

  /** A field without stemming. */
  public IndexField(
      String path, IndexKind kind, boolean sortable, boolean caseSensitive, boolean multiValued, VectorIndex vector) {
    this(path, kind, sortable, caseSensitive, multiValued, vector, Text.Language.NONE);
  }

  /** Whether the search engine stems this text. */
  public boolean stemmed() {
    return stemming != Text.Language.NONE;
  }

  /**
   * This text, stemmed by the search engine in {@code language} ({@code @Text(stemming = …)}); the
   * portable engine keeps matching its exact words.
   *
   * @throws IllegalArgumentException when this field is not a text
   */
  public IndexField stemmed(Text.Language language) {
    return new IndexField(path, kind, sortable, caseSensitive, multiValued, vector, language);
  }

  /** A field of any kind but {@link IndexKind#VECTOR}. */
  public IndexField(String path, IndexKind kind, boolean sortable, boolean caseSensitive, boolean multiValued) {
    this(path, kind, sortable, caseSensitive, multiValued, null);
  }

  /** A tag with one value per document: an exact (and, on strings, prefix) match. */
  public static IndexField tag(String path) {
    return new IndexField(path, IndexKind.TAG, false, true, false);
  }

  /** A tag with several values per document: a collection, or a tag inside a collection of records. */
  public static IndexField tags(String path) {
    return new IndexField(path, IndexKind.TAG, false, true, true);
  }

  /** A number, date, time or duration, indexed numerically. */
  public static IndexField numeric(String path) {
    return new IndexField(path, IndexKind.NUMERIC, false, true, false);
  }

  /** Full text with one value per document. */
  public static IndexField text(String path) {
    return new IndexField(path, IndexKind.TEXT, false, true, false);
  }

  /** Full text with several values per document: a collection of strings, or inside a collection of records. */
  public static IndexField texts(String path) {
    return new IndexField(path, IndexKind.TEXT, false, true, true);
  }

  /** A point. */
  public static IndexField geo(String path) {
    return new IndexField(path, IndexKind.GEO, false, true, false);
  }

  /** A {@code float[]} of {@code dimensions} elements, for nearest-neighbour queries ({@code @Vector}). */
  public static IndexField vector(String path, int dimensions, Vector.Distance distance, Vector.Algorithm algorithm) {
    return new IndexField(path, IndexKind.VECTOR, false, true, false, new VectorIndex(dimensions, distance, algorithm));
  }

  /**
   * An {@link Vector.Algorithm#HNSW} vector with its graph settings ({@link VectorIndex#DEFAULT}:
   * the Query Engine's), as {@code @Vector(m = …, efConstruction = …, efRuntime = …)} gives them.
   */
  public static IndexField vector(String path, int dimensions, Vector.Distance distance, Vector.Algorithm algorithm,
      int m, int efConstruction, int efRuntime) {
    return new IndexField(path, IndexKind.VECTOR, false, true, false,
        new VectorIndex(dimensions, distance, algorithm, m, efConstruction, efRuntime));
  }

  /** This field, also keeping a sort order ({@code @Sortable}, {@code sortable = true}). */
  public IndexField withSortOrder() {
    return new IndexField(path, kind, true, caseSensitive, multiValued, vector, stemming);
  }

  /**
   * This tag, matching values folded to lower case ({@code @Tag(caseSensitive = false)}).
   *
   * @throws IllegalStateException when this field is not a tag: only tags fold case
   */
  public IndexField caseInsensitive() {
    if (kind != IndexKind.TAG) {
      throw new IllegalStateException("only a tag can be case-insensitive, not the " + kind + " field " + path);
    }
    return new IndexField(path, kind, sortable, false, multiValued, vector, stemming);
  }
}
