package dev.rekord.internal.engine.search;

import dev.rekord.exception.SerializationException;
import dev.rekord.internal.engine.portable.IndexEncoding;
import dev.rekord.internal.engine.portable.IndexEntries;
import dev.rekord.model.CompoundIndex;
import dev.rekord.model.GeoPoint;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import dev.rekord.model.IndexSink;
import dev.rekord.internal.engine.VectorValues;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The search engine's form of a document's index values ({@link IndexSink}): the index fields of
 * {@link SearchSchema}, collected field by field before a save. Values are encoded as the portable
 * engine encodes them ({@link IndexEncoding}: the same tag text, case folding, scores and words), so
 * both engines compare the same things. Compound indexes add nothing: the Query Engine intersects
 * the fields' own entries. Not thread-safe; one instance per save.
 */
final class SearchDocument implements IndexSink {

  private static final String NAN = "NaN has no place in a numeric index; store null instead";

  private final String model;
  private final SearchSchema schema;
  private final Map<String, Set<String>> tags = new LinkedHashMap<>();
  private final Map<String, String> values = new LinkedHashMap<>();
  private final Set<String> nulls = new LinkedHashSet<>();

  SearchDocument(String model, SearchSchema schema) {
    this.model = model;
    this.schema = schema;
  }

  /** The index fields of the document with {@code id}, without its expiry (the save script adds it). */
  Map<String, String> fields(String id) {
    Map<String, String> fields = new LinkedHashMap<>(values);
    tags.forEach((name, set) -> fields.put(name, String.join(",", set)));
    if (!nulls.isEmpty()) {
      fields.put(SearchSchema.NULLS, String.join(",", nulls));
    }
    fields.put(SearchSchema.ID, Hex.id(id));
    return fields;
  }

  @Override
  public SearchDocument tag(IndexField field, String value) {
    return tag(field, value, true);
  }

  @Override
  public SearchDocument tag(IndexField field, Object value) {
    return value == null ? absent(field) : tag(field, IndexEncoding.tag(value), !field.multiValued() || field.sortable());
  }

  /** A tag value; with {@code prefixes}, its prefixes too (what the portable engine's lexical index holds). */
  private SearchDocument tag(IndexField field, String value, boolean prefixes) {
    require(field, IndexKind.TAG);
    if (value == null) {
      return absent(field);
    }
    String tag = IndexEncoding.fold(value, field.caseSensitive());
    add(SearchSchema.hashField("t", field), Hex.of(tag));
    if (prefixes || !field.multiValued()) {
      for (String prefix : Hex.properPrefixes(tag)) {
        add(SearchSchema.hashField("p", field), prefix);
      }
    }
    return this;
  }

  @Override
  public SearchDocument tags(IndexField field, Collection<?> collection) {
    if (collection == null || collection.isEmpty()) {
      return absent(field);
    }
    for (Object value : collection) {
      if (value != null) {
        tag(field, IndexEncoding.tag(value), false);
      }
    }
    return this;
  }

  @Override
  public SearchDocument numeric(IndexField field, double score) {
    require(field, IndexKind.NUMERIC);
    if (Double.isNaN(score)) {
      throw unindexable(field, NAN);
    }
    values.put(SearchSchema.hashField("n", field), IndexEncoding.format(score));
    return this;
  }

  @Override
  public SearchDocument numeric(IndexField field, Object value) {
    if (value == null) {
      return absent(field);
    }
    if (value instanceof Number n && Double.isNaN(n.doubleValue())) {
      throw unindexable(field, NAN);
    }
    try {
      return numeric(field, IndexEncoding.score(value));
    } catch (IllegalArgumentException e) {
      throw unindexable(field, e.getMessage());
    }
  }

  @Override
  public SearchDocument text(IndexField field, String text) {
    require(field, IndexKind.TEXT);
    if (text == null) {
      return absent(field);
    }
    if (field.stemmed() && !SearchSchema.direct(field)) { // the values of a collection one per line
      values.merge(SearchSchema.hashField(SearchSchema.STEMMED_CODE, field), text.replace('\0', '\n'),
          (a, b) -> a + "\n" + b);
    } else if (field.stemmed() && text.indexOf('\0') >= 0) { // the Query Engine reads the text only up to it
      values.put(SearchSchema.hashField(SearchSchema.STEMMED_REST_CODE, field),
          text.substring(text.indexOf('\0') + 1).replace('\0', '\n'));
    }
    for (String token : IndexEncoding.tokens(text)) {
      add(SearchSchema.hashField("w", field), Hex.of(token));
      for (String prefix : Hex.properPrefixes(token)) {
        add(SearchSchema.hashField("wp", field), prefix);
      }
    }
    return this;
  }

  @Override
  public SearchDocument geo(IndexField field, GeoPoint point) {
    require(field, IndexKind.GEO);
    if (point == null) {
      return absent(field);
    }
    if (Math.abs(point.latitude()) > IndexEntries.MAX_LATITUDE) {
      throw unindexable(field, "Redis GEO indexes latitudes within ±" + IndexEntries.MAX_LATITUDE + " only, not "
          + point.latitude());
    }
    if (!SearchSchema.direct(field)) { // one point: the index reads the codec's own lon,lat
      values.put(SearchSchema.hashField("g", field), point.longitude() + "," + point.latitude());
    }
    double[] cell = GeoCells.center(point.longitude(), point.latitude());
    values.put(SearchSchema.hashField("gx", field), Double.toString(cell[0]));
    values.put(SearchSchema.hashField("gy", field), Double.toString(cell[1]));
    return this;
  }

  /**
   * The vector's FLOAT32 little-endian bytes, as hex: the save script stores them as the raw blob
   * the Query Engine indexes ({@link SearchScripts}), since values travel to it as text.
   */
  @Override
  public SearchDocument vector(IndexField field, float[] vector) {
    require(field, IndexKind.VECTOR);
    if (vector == null) {
      return absent(field);
    }
    String problem = VectorValues.problem(field, vector);
    if (problem != null) {
      throw unindexable(field, problem);
    }
    values.put(SearchSchema.hashField(SearchSchema.VECTOR_CODE, field), HexFormat.of().formatHex(VectorValues.bytes(vector)));
    return this;
  }

  @Override
  public SearchDocument compound(CompoundIndex index, Object... values) {
    Objects.requireNonNull(index, "index");
    return this;
  }

  @Override
  public SearchDocument absent(IndexField field) {
    nulls.add("f" + schema.position(field));
    return this;
  }

  private void add(String hashField, String value) {
    tags.computeIfAbsent(hashField, k -> new LinkedHashSet<>()).add(value);
  }

  private SerializationException unindexable(IndexField field, String problem) {
    return new SerializationException(model, field.path(), problem, null);
  }

  private static void require(IndexField field, IndexKind kind) {
    Objects.requireNonNull(field, "field");
    if (field.kind() != kind) {
      throw new IllegalArgumentException(field.path() + " is indexed as " + field.kind() + ", not " + kind);
    }
  }
}
