package dev.rekord.internal.engine.search;

import static dev.rekord.internal.engine.ConditionChecks.kind;
import static dev.rekord.internal.engine.ConditionChecks.meters;
import static dev.rekord.internal.engine.ConditionChecks.requireValue;

import dev.rekord.exception.QueryException;
import dev.rekord.internal.engine.portable.IndexEncoding;
import dev.rekord.internal.engine.portable.IndexEntries;
import dev.rekord.model.GeoPoint;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import dev.rekord.query.And;
import dev.rekord.query.Comparison;
import dev.rekord.query.Condition;
import dev.rekord.query.Contains;
import dev.rekord.query.GeoBox;
import dev.rekord.query.GeoRadius;
import dev.rekord.query.In;
import dev.rekord.query.IndexedAttribute;
import dev.rekord.query.Not;
import dev.rekord.query.NullCheck;
import dev.rekord.query.Or;
import dev.rekord.query.Range;
import dev.rekord.query.Sort;
import dev.rekord.query.StartsWith;
import dev.rekord.query.TextMatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a condition to a Query Engine query (DIALECT 2) over the index fields of {@link
 * SearchSchema}, with the portable engine's semantics: {@code ne} and {@code not} match null
 * fields too, {@code isNull} finds fields recorded null, words are the portable tokens, and every
 * query is limited to documents that have not expired. User values never reach the query as
 * written: tags, prefixes and words go as {@link Hex}, numbers as numbers ({@link IndexEncoding#format}), so there
 * is nothing to escape and nothing to inject.
 */
final class SearchQueryCompiler {

  /**
   * The values a tag attribute holds that start with a prefix longer than the stored ones: asked
   * of the index before the query is written, as the module's own prefix expansion ({@code
   * value*}) stops at {@code MAXPREFIXEXPANSIONS} (200) values without saying so.
   */
  @FunctionalInterface
  interface LongPrefixes {
    /**
     * The distinct values (as stored: {@link Hex}) of the attribute {@code valueAttribute} that start
     * with {@code prefix} (hex) among the documents whose {@code prefixAttribute} holds {@code
     * stored} (hex, the prefix's stored part).
     */
    List<String> valuesStartingWith(String prefixAttribute, String stored, String valueAttribute, String prefix);
  }

  /** What no stored tag value is (each is {@code x} and hex digits): a tag clause that matches nothing. */
  private static final String NO_VALUE = "z";

  private final SearchSchema schema;
  private final LongPrefixes longPrefixes;
  private final StringBuilder query = new StringBuilder();

  private SearchQueryCompiler(SearchSchema schema, LongPrefixes longPrefixes) {
    this.schema = schema;
    this.longPrefixes = longPrefixes;
  }

  /**
   * The query of {@code condition} ({@code null}: every document) over documents that have not
   * expired at {@code nowMillis} (the server's clock). The expiry is a negation, {@code (condition)
   * -@rkexp:[-inf now]}: a document that never expires has no {@code __rk.exp} (nothing to store),
   * and the expired documents are few, so the module skips them cheaply, where intersecting the
   * condition with the range of the unexpired ones (every document) made a selective query, a
   * filtered KNN above all, several times slower. A prefix longer than the stored ones becomes the
   * values that start with it, as {@code longPrefixes} finds them.
   */
  static String compile(SearchSchema schema, Condition<?> condition, long nowMillis, LongPrefixes longPrefixes) {
    SearchQueryCompiler compiler = new SearchQueryCompiler(schema, longPrefixes);
    if (condition != null) {
      compiler.query.append('(');
      compiler.compile(condition);
      compiler.query.append(") ");
    }
    compiler.query.append("-@rkexp:[-inf ").append(nowMillis).append(']');
    return compiler.query.toString();
  }

  /** The {@code SORTBY} arguments of {@code sort}, then the id in the direction of the last key. */
  static List<String> sortArguments(SearchSchema schema, List<? extends Sort<?>> sort) {
    List<String> args = new ArrayList<>();
    boolean descending = false;
    for (Sort<?> key : sort) {
      IndexField field = key.field().index();
      if (!field.sortable() || field.multiValued()) {
        throw new QueryException("cannot sort by " + field.path()
            + ": only single-valued fields declared sortable keep a sort order");
      }
      if (!SearchSchema.sortsBy(field)) {
        throw new QueryException("cannot sort by " + field.path() + ": a " + field.kind()
            + " field has no sort order; sort by a tag or numeric field");
      }
      args.add("@" + (field.kind() == IndexKind.NUMERIC ? "n" : "t") + schema.position(field));
      descending = key.descending();
      args.add(descending ? "DESC" : "ASC");
    }
    args.add("@rkid");
    args.add(descending ? "DESC" : "ASC");
    return args;
  }

  private void compile(Condition<?> condition) {
    if (condition instanceof Comparison<?> c) {
      comparison(c);
    } else if (condition instanceof In<?> in) {
      equalAny(in.field(), in.values());
    } else if (condition instanceof Range<?> range) {
      IndexField field = kind(range.field(), IndexKind.NUMERIC, "between");
      numericRange(field,
          range.lower() == null ? "-inf" : bound(range.lower(), range.lowerInclusive()),
          range.upper() == null ? "+inf" : bound(range.upper(), range.upperInclusive()));
    } else if (condition instanceof StartsWith<?> startsWith) {
      IndexField field = kind(startsWith.field(), IndexKind.TAG, "startsWith");
      requireValue(startsWith.prefix(), field);
      prefix("t", "p", field, IndexEncoding.fold(startsWith.prefix(), field.caseSensitive()));
    } else if (condition instanceof TextMatch<?> text) {
      textMatch(text);
    } else if (condition instanceof GeoRadius<?> radius) {
      IndexField field = kind(radius.field(), IndexKind.GEO, "within");
      double meters = meters(radius);
      GeoPoint center = radius.center();
      double latitude = Math.max(-IndexEntries.MAX_LATITUDE, Math.min(IndexEntries.MAX_LATITUDE, center.latitude()));
      query.append("@g").append(schema.position(field)).append(":[").append(center.longitude()).append(' ')
          .append(latitude).append(' ').append(meters).append(" m]");
    } else if (condition instanceof GeoBox<?> box) {
      geoBox(box);
    } else if (condition instanceof Contains<?> contains) {
      kind(contains.field(), IndexKind.TAG, "contains");
      if (contains.all() && !contains.values().isEmpty()) {
        group(contains.values(), " ", value -> equalAny(contains.field(), List.of(value)));
      } else if (contains.all()) {
        everything();
      } else {
        equalAny(contains.field(), contains.values());
      }
    } else if (condition instanceof NullCheck<?> check) {
      if (!check.isNull()) {
        query.append('-');
      }
      query.append("@rknull:{f").append(schema.position(check.field().index())).append('}');
    } else if (condition instanceof And<?> and) {
      if (and.conditions().isEmpty()) {
        everything();
      } else {
        group(and.conditions(), " ", this::compile);
      }
    } else if (condition instanceof Or<?> or) {
      if (or.conditions().isEmpty()) {
        nothing();
      } else {
        group(or.conditions(), " | ", this::compile);
      }
    } else if (condition instanceof Not<?> not) {
      query.append("-(");
      compile(not.condition());
      query.append(')');
    } else {
      throw new QueryException("unsupported condition: " + condition);
    }
  }

  private <E> void group(List<E> items, String separator, java.util.function.Consumer<E> each) {
    query.append('(');
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        query.append(separator);
      }
      query.append('(');
      each.accept(items.get(i));
      query.append(')');
    }
    query.append(')');
  }

  /** {@code ne} is {@code not eq}: it matches documents whose field is null, too. */
  private void comparison(Comparison<?> c) {
    switch (c.operator()) {
      case EQ -> equalAny(c.field(), List.of(requireValue(c.value(), c.field().index())));
      case NE -> {
        query.append("-(");
        equalAny(c.field(), List.of(requireValue(c.value(), c.field().index())));
        query.append(')');
      }
      case GT -> numericRange(kind(c.field(), IndexKind.NUMERIC, "gt"), bound(c.value(), false), "+inf");
      case GTE -> numericRange(kind(c.field(), IndexKind.NUMERIC, "gte"), bound(c.value(), true), "+inf");
      case LT -> numericRange(kind(c.field(), IndexKind.NUMERIC, "lt"), "-inf", bound(c.value(), false));
      case LTE -> numericRange(kind(c.field(), IndexKind.NUMERIC, "lte"), "-inf", bound(c.value(), true));
    }
  }

  /** The field equals one of {@code values} (none: nothing matches). */
  private void equalAny(IndexedAttribute<?, ?> attribute, List<?> values) {
    IndexField field = attribute.index();
    if (values.isEmpty()) {
      nothing();
      return;
    }
    if (field.kind() == IndexKind.TAG) {
      query.append("@t").append(schema.position(field)).append(":{");
      for (int i = 0; i < values.size(); i++) {
        Object value = requireValue(values.get(i), field);
        query.append(i == 0 ? "" : "|").append(Hex.of(IndexEncoding.fold(IndexEncoding.tag(value), field.caseSensitive())));
      }
      query.append('}');
    } else if (field.kind() == IndexKind.NUMERIC) {
      if (values.size() > 1) {
        query.append('(');
      }
      for (int i = 0; i < values.size(); i++) {
        String score = bound(requireValue(values.get(i), field), true);
        query.append(i == 0 ? "" : " | ");
        numericRange(field, score, score);
      }
      if (values.size() > 1) {
        query.append(')');
      }
    } else {
      throw new QueryException("cannot compare " + attribute + " for equality: it is a " + field.kind() + " field");
    }
  }

  private void textMatch(TextMatch<?> text) {
    IndexField field = kind(text.field(), IndexKind.TEXT, "matches");
    List<String> tokens = IndexEncoding.tokens(String.join(" ", text.words()));
    if (tokens.isEmpty()) {
      throw new QueryException("a text match on " + field.path() + " needs at least one word: " + text.words());
    }
    query.append('(');
    for (int i = 0; i < tokens.size(); i++) {
      if (i > 0) {
        query.append(text.all() ? " " : " | ");
      }
      query.append('(');
      if (text.prefix() && i == tokens.size() - 1) {
        prefix("w", "wp", field, tokens.get(i));
      } else if (field.stemmed()) { // a word of letters and digits: the Query Engine stems it in the index's LANGUAGE
        int position = schema.position(field); // in the text, or in its rest past a U+0000
        query.append('@').append(SearchSchema.STEMMED_CODE).append(position).append('|')
            .append(SearchSchema.STEMMED_REST_CODE).append(position).append(':').append(tokens.get(i));
      } else {
        query.append("@w").append(schema.position(field)).append(":{").append(Hex.of(tokens.get(i))).append('}');
      }
      query.append(')');
    }
    query.append(')');
  }

  /**
   * Values of {@code field} that start with {@code prefix}: when it is short enough, a stored
   * proper prefix or the value itself; else its stored part and the values that start with it, as
   * the index lists them ({@link LongPrefixes}), each by name.
   */
  private void prefix(String valueCode, String prefixCode, IndexField field, String prefix) {
    int position = schema.position(field);
    String stored = Hex.storedPart(prefix);
    String hex = Hex.of(stored);
    String prefixAttribute = prefixCode + position;
    String valueAttribute = valueCode + position;
    if (stored.equals(prefix)) {
      query.append("(@").append(prefixAttribute).append(":{").append(hex).append("} | @")
          .append(valueAttribute).append(":{").append(hex).append("})");
      return;
    }
    List<String> values = longPrefixes.valuesStartingWith(prefixAttribute, hex, valueAttribute, Hex.of(prefix));
    query.append('@').append(prefixAttribute).append(":{").append(hex).append("} @")
        .append(valueAttribute).append(":{").append(values.isEmpty() ? NO_VALUE : String.join(" | ", values))
        .append('}');
  }

  /** A box is two numeric ranges on the coordinates of the points' cells (two boxes across the antimeridian). */
  private void geoBox(GeoBox<?> box) {
    IndexField field = kind(box.field(), IndexKind.GEO, "withinBox");
    GeoPoint sw = box.southWest();
    GeoPoint ne = box.northEast();
    if (sw.latitude() > ne.latitude()) {
      throw new QueryException("the south-west corner lies north of the north-east corner: " + box);
    }
    int position = schema.position(field);
    String lat = "@gy" + position + ":[" + sw.latitude() + " " + ne.latitude() + "]";
    if (sw.longitude() > ne.longitude()) {
      query.append('(').append(lat).append(" (@gx").append(position).append(":[").append(sw.longitude())
          .append(" 180] | @gx").append(position).append(":[-180 ").append(ne.longitude()).append("]))");
    } else {
      query.append('(').append(lat).append(" @gx").append(position).append(":[").append(sw.longitude())
          .append(' ').append(ne.longitude()).append("])");
    }
  }

  private void numericRange(IndexField field, String min, String max) {
    query.append("@n").append(schema.position(field)).append(":[").append(min).append(' ').append(max).append(']');
  }

  /** No expiry is negative: the empty range matches nothing, its negation everything. */
  private static final String NO_EXPIRY = "@rkexp:[-1 -1]";

  private void nothing() {
    query.append(NO_EXPIRY);
  }

  private void everything() {
    query.append('-').append(NO_EXPIRY);
  }

  /** A range bound: the value's score ({@link IndexEncoding#format}), {@code (} before it when exclusive. */
  private static String bound(Object value, boolean inclusive) {
    if (value == null) {
      throw new QueryException("a comparison needs a value; use isNull() to find null fields");
    }
    String score;
    try {
      score = IndexEncoding.format(IndexEncoding.bound(value));
    } catch (IllegalArgumentException e) {
      throw new QueryException(e.getMessage());
    }
    return inclusive ? score : "(" + score;
  }
}
