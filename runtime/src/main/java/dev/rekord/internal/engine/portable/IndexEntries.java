package dev.rekord.internal.engine.portable;

import dev.rekord.model.GeoPoint;
import dev.rekord.exception.SerializationException;
import dev.rekord.internal.engine.VectorValues;
import dev.rekord.model.CompoundIndex;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import dev.rekord.model.IndexSink;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The portable engine's form of a document's index values ({@link IndexSink}): the sorted-set
 * entries and the manifest its save script writes, collected field by field before a save.
 * A {@code null} value (or an empty collection) records the field as null, so {@code isNull}
 * finds it. Not thread-safe; one instance per save.
 *
 * <pre>{@code
 * IndexEntries entries = IndexEntries.create()
 *     .tag(MemberIndex.CITY, member.city())
 *     .numeric(MemberIndex.JOIN_DATE, member.joinDate())
 *     .tags(MemberIndex.TAGS, member.tags());
 * }</pre>
 */
public final class IndexEntries implements IndexSink {

  /**
   * One entry as the save scripts take it: its key in the bucket, its op and the op's values
   * ({@link EntryOp#arity()} of {@code a}, {@code b}).
   */
  record Entry(EntryOp op, Function<KeyLayout.Bucket, String> key, String a, String b, boolean compactable) {

    Entry(EntryOp op, Function<KeyLayout.Bucket, String> key, String a, String b) {
      this(op, key, a, b, false);
    }

    /**
     * Adds the entry's key to {@code keys}, its op and values to {@code args}, and names it in {@code
     * manifest}; in a compact set when the entry's index ({@code #lex:}, {@code #num:}) is one in
     * {@code bucket}'s layout.
     */
    void appendTo(KeyLayout.Bucket bucket, List<String> keys, List<String> args, StringBuilder manifest) {
      String name = key.apply(bucket);
      keys.add(name);
      EntryOp written = compactable && bucket.compact() ? op.compact() : op;
      args.add(written.code());
      if (op.arity() > 0) {
        args.add(a);
      }
      if (op.arity() > 1) {
        args.add(b);
      }
      if (written == EntryOp.COMPACT_SCORE) {
        Manifest.appendCompact(manifest, bucket, name, Manifest.COMPACT_SCORE, a);
      } else if (written == EntryOp.COMPACT_VALUE) {
        Manifest.appendCompact(manifest, bucket, name, Manifest.COMPACT_VALUE, a);
      } else {
        Manifest.append(manifest, bucket, name, op == EntryOp.VALUE ? a : null);
      }
    }
  }

  /** The latitude limit of Redis GEO sets (Web Mercator). */
  public static final double MAX_LATITUDE = 85.05112878;

  private static final String NAN = "NaN has no place in a numeric index; store null instead";

  private final String model;
  private final List<Entry> entries = new ArrayList<>();

  private IndexEntries(String model) {
    this.model = model;
  }

  /** Entries of a document of {@code model} (its simple name, named in errors). */
  public static IndexEntries create(String model) {
    return new IndexEntries(model);
  }

  /** Entries of a document of an unnamed model (for tests and tools). */
  public static IndexEntries create() {
    return new IndexEntries("(model)");
  }

  /**
   * A string tag value (exact and prefix matches, string sort order); call once per element of a
   * multi-valued field. Folded to lower case unless the field is case-sensitive.
   */
  @Override
  public IndexEntries tag(IndexField field, String value) {
    return tag(field, value, true);
  }

  /**
   * A tag of any type {@link IndexEncoding#tag} knows: enums, booleans, UUIDs, … Exact matches,
   * and a sort order when the field is sortable. A single-valued tag (of any type) has one entry,
   * {@code value\0id} in the lexical index (the value {@linkplain IndexEncoding#lexical escaped});
   * a multi-valued one is added to the id set of its value (and, for strings, to the lexical
   * index).
   */
  @Override
  public IndexEntries tag(IndexField field, Object value) {
    return value == null ? absent(field) : tag(field, IndexEncoding.tag(value), field.sortable());
  }

  private IndexEntries tag(IndexField field, String value, boolean lexical) {
    require(field, IndexKind.TAG);
    if (value == null) {
      return absent(field);
    }
    String tag = IndexEncoding.fold(value, field.caseSensitive());
    String path = field.path();
    if (!field.multiValued()) {
      // one entry: the lexical index answers equality (a range of one value, in id order),
      // prefixes and sorting
      entries.add(new Entry(EntryOp.VALUE, layout -> layout.lex(path), IndexEncoding.lexical(tag), null, true));
      return this;
    }
    entries.add(new Entry(EntryOp.ID, layout -> layout.tag(path, tag), null, null));
    if (lexical) {
      entries.add(new Entry(EntryOp.VALUE, layout -> layout.lex(path), IndexEncoding.lexical(tag), null, true));
    }
    return this;
  }

  /**
   * Every element of a collection of tags; {@code null} or empty records the field as null. Exact
   * matches only ({@code contains…}): a collection has neither prefix matches nor a sort order,
   * so no lexical entries are written.
   */
  @Override
  public IndexEntries tags(IndexField field, Collection<?> values) {
    if (values == null || values.isEmpty()) {
      return absent(field);
    }
    for (Object value : values) {
      if (value != null) {
        tag(field, IndexEncoding.tag(value), false);
      }
    }
    return this;
  }

  /** A numeric score (single-valued fields only: a sorted set keeps one score per id). */
  @Override
  public IndexEntries numeric(IndexField field, double score) {
    require(field, IndexKind.NUMERIC);
    if (Double.isNaN(score)) {
      throw unindexable(field, NAN);
    }
    String path = field.path();
    entries.add(new Entry(EntryOp.SCORE, layout -> layout.numeric(path), IndexEncoding.format(score), null, true));
    return this;
  }

  /**
   * A number, date, time, duration or zone offset, scored by {@link IndexEncoding#score}.
   *
   * @throws SerializationException for a value the index cannot hold exactly ({@code NaN}, a date
   *     or time beyond the range its score holds), naming model and field
   */
  @Override
  public IndexEntries numeric(IndexField field, Object value) {
    return value == null ? absent(field) : numeric(field, score(field, value));
  }

  /** A text, indexed by its {@linkplain IndexEncoding#tokens words}. */
  @Override
  public IndexEntries text(IndexField field, String text) {
    require(field, IndexKind.TEXT);
    if (text == null) {
      return absent(field);
    }
    String path = field.path();
    for (String token : IndexEncoding.tokens(text)) {
      entries.add(new Entry(EntryOp.ID, layout -> layout.text(path, token), null, null));
      entries.add(new Entry(EntryOp.VALUE, layout -> layout.tokens(path), IndexEncoding.lexical(token), null));
    }
    return this;
  }

  /** A point. */
  @Override
  public IndexEntries geo(IndexField field, GeoPoint point) {
    require(field, IndexKind.GEO);
    if (point == null) {
      return absent(field);
    }
    if (Math.abs(point.latitude()) > MAX_LATITUDE) {
      throw unindexable(field, "Redis GEO indexes latitudes within ±" + MAX_LATITUDE + " only, not "
          + point.latitude());
    }
    String path = field.path();
    entries.add(new Entry(EntryOp.GEO, layout -> layout.geo(path),
        Double.toString(point.longitude()), Double.toString(point.latitude())));
    return this;
  }

  /**
   * A vector: no entry (nearest-neighbour queries read the documents, {@code Query.nearest}), but
   * checked like on the search engine, so both engines store the same documents.
   */
  @Override
  public IndexEntries vector(IndexField field, float[] vector) {
    require(field, IndexKind.VECTOR);
    if (vector == null) {
      return absent(field);
    }
    String problem = VectorValues.problem(field, vector);
    if (problem != null) {
      throw unindexable(field, problem);
    }
    return this;
  }

  /**
   * The entry of a compound index: {@code values} are the values of its tags, in order, then the
   * number. One {@code ZADD} of the id, scored like {@link #numeric(IndexField, Object)}, to the
   * key of this combination of tag values ({@link KeyLayout.Bucket#compound}), the tags encoded
   * and folded like {@link #tag(IndexField, Object)}. Nothing when any value is {@code null}: a
   * document without a value of one of the fields is not in the compound index (nor recorded
   * absent there; the fields' own entries say that).
   */
  @Override
  public IndexEntries compound(CompoundIndex index, Object... values) {
    Objects.requireNonNull(index, "index");
    List<IndexField> tags = index.tags();
    if (values.length != tags.size() + 1) {
      throw new IllegalArgumentException(index.name() + " takes " + (tags.size() + 1) + " values, not "
          + values.length);
    }
    for (Object value : values) {
      if (value == null) {
        return this;
      }
    }
    List<String> tagValues = new ArrayList<>(tags.size());
    for (int i = 0; i < tags.size(); i++) {
      tagValues.add(IndexEncoding.fold(IndexEncoding.tag(values[i]), tags.get(i).caseSensitive()));
    }
    double score = score(index.number(), values[tags.size()]);
    String name = index.name();
    entries.add(new Entry(EntryOp.SCORE, layout -> layout.compound(name, tagValues), IndexEncoding.format(score),
        null));
    return this;
  }

  /** Records the field as null. */
  @Override
  public IndexEntries absent(IndexField field) {
    String path = field.path();
    entries.add(new Entry(EntryOp.ID, layout -> layout.nulls(path), null, null));
    return this;
  }

  /**
   * The entries as the save scripts take them: their keys to {@code keys}, per entry its op and
   * values to {@code args}, and each named in {@code manifest} ({@link Manifest}).
   */
  void appendTo(KeyLayout.Bucket bucket, List<String> keys, List<String> args, StringBuilder manifest) {
    for (Entry entry : entries) {
      entry.appendTo(bucket, keys, args, manifest);
    }
  }

  int size() {
    return entries.size();
  }

  /** The score of {@code value}, or a typed error when the index cannot hold it exactly. */
  private double score(IndexField field, Object value) {
    if (value instanceof Number n && Double.isNaN(n.doubleValue())) {
      throw unindexable(field, NAN);
    }
    try {
      return IndexEncoding.score(value);
    } catch (IllegalArgumentException e) {
      throw unindexable(field, e.getMessage());
    }
  }

  /** A value this index cannot hold: a typed error naming model and field, before anything is written. */
  private SerializationException unindexable(IndexField field, String problem) {
    return new SerializationException(model, field.path(), problem, null);
  }

  private static void require(IndexField field, IndexKind kind) {
    Objects.requireNonNull(field, "field");
    if (field.kind() != kind) {
      throw new IllegalArgumentException(
          field.path() + " is indexed as " + field.kind() + ", not " + kind);
    }
  }

  @Override
  public String toString() {
    List<String> ops = new ArrayList<>();
    for (Entry entry : entries) {
      ops.add(entry.op().code() + (entry.a() == null ? "" : ":" + entry.a()));
    }
    return "IndexEntries" + ops;
  }
}
