package dev.rekord.internal.engine.portable;

import dev.rekord.model.GeoPoint;
import dev.rekord.exception.SerializationException;
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
   * One entry as the save script takes it: {@code op} is {@code s} (add the id to the set {@code
   * key}), {@code z} (add the id with score {@code a}), {@code l} (add {@code a\0id} with score 0)
   * or {@code g} (add the id at longitude {@code a}, latitude {@code b}).
   */
  record Entry(String op, Function<KeyLayout.Bucket, String> key, String a, String b) {}

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
   * {@code value\0id} in the lexical index; a multi-valued one is added to the id set of its
   * value (and, for strings, to the lexical index).
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
      // prefixes and sorting; a value holding the byte 0 is also marked, see KeyLayout#lexZero
      entries.add(new Entry("l", layout -> layout.lex(path), tag, ""));
      if (tag.indexOf('\0') >= 0) {
        entries.add(new Entry("s", layout -> layout.lexZero(path), "", ""));
      }
      return this;
    }
    entries.add(new Entry("s", layout -> layout.tag(path, tag), "", ""));
    if (lexical) {
      entries.add(new Entry("l", layout -> layout.lex(path), tag, ""));
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
    entries.add(new Entry("z", layout -> layout.numeric(path), IndexEncoding.format(score), ""));
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
      entries.add(new Entry("s", layout -> layout.text(path, token), "", ""));
      entries.add(new Entry("l", layout -> layout.tokens(path), token, ""));
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
    entries.add(new Entry("g", layout -> layout.geo(path),
        Double.toString(point.longitude()), Double.toString(point.latitude())));
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
    entries.add(new Entry("z", layout -> layout.compound(name, tagValues), IndexEncoding.format(score), ""));
    return this;
  }

  /** Records the field as null. */
  @Override
  public IndexEntries absent(IndexField field) {
    String path = field.path();
    entries.add(new Entry("s", layout -> layout.nulls(path), "", ""));
    return this;
  }

  /**
   * The entries as the save script takes them: keys, and per key its op and the op's values
   * ({@code s} none, {@code z} and {@code l} one, {@code g} two).
   *
   * @return the {@link Manifest} naming them
   */
  String appendTo(KeyLayout.Bucket layout, List<String> keys, List<String> args) {
    StringBuilder manifest = new StringBuilder(24 * entries.size());
    for (Entry entry : entries) {
      String key = entry.key().apply(layout);
      keys.add(key);
      args.add(entry.op());
      switch (entry.op()) {
        case "s" -> Manifest.append(manifest, layout, key, null);
        case "l" -> { // the member is value\0id
          args.add(entry.a());
          Manifest.append(manifest, layout, key, entry.a());
        }
        case "g" -> {
          args.add(entry.a());
          args.add(entry.b());
          Manifest.append(manifest, layout, key, null);
        }
        default -> { // "z"
          args.add(entry.a());
          Manifest.append(manifest, layout, key, null);
        }
      }
    }
    return manifest.toString();
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
      ops.add(entry.op() + ":" + entry.a());
    }
    return "IndexEntries" + ops;
  }
}
