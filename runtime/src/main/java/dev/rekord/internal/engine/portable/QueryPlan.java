package dev.rekord.internal.engine.portable;

import static dev.rekord.internal.engine.ConditionChecks.kind;
import static dev.rekord.internal.engine.ConditionChecks.meters;
import static dev.rekord.internal.engine.ConditionChecks.requireValue;

import dev.rekord.model.GeoPoint;
import dev.rekord.exception.QueryException;
import dev.rekord.query.IndexedAttribute;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import dev.rekord.query.And;
import dev.rekord.query.Comparison;
import dev.rekord.query.Condition;
import dev.rekord.query.Contains;
import dev.rekord.query.GeoBox;
import dev.rekord.query.GeoRadius;
import dev.rekord.query.In;
import dev.rekord.query.Not;
import dev.rekord.query.NullCheck;
import dev.rekord.query.Or;
import dev.rekord.query.Range;
import dev.rekord.query.Sort;
import dev.rekord.query.StartsWith;
import dev.rekord.query.TextMatch;
import dev.rekord.internal.engine.portable.EngineProtocol.Direction;
import dev.rekord.internal.engine.portable.EngineProtocol.SortIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a condition and sort order to the arguments of {@code query.lua}: the index keys (as
 * {@code KEYS}, named by position in the plan), the sort keys and the plan in prefix notation
 * ({@link PlanOp}). Query values only ever become arguments; tag values and prefixes go escaped
 * ({@link IndexEncoding#lexical}), as the lexicographic indexes hold them.
 */
final class QueryPlan {

  /** Half the Earth's circumference, as Redis measures it: a radius that covers every point. */
  private static final double WHOLE_EARTH_METERS = 20_100_000;
  private static final double EARTH_RADIUS_METERS = 6372797.560856;

  private final KeyLayout.Bucket layout;
  private final List<String> keys = new ArrayList<>();
  private final Map<String, Integer> keyPositions = new HashMap<>();
  private final List<String> sortArgs = new ArrayList<>();
  private final List<String> plan = new ArrayList<>();
  private int sortCount;

  private QueryPlan(KeyLayout.Bucket layout) {
    this.layout = layout;
    key(layout.all());
    key(layout.expiring());
  }

  /**
   * The plan of {@code condition} ({@code null}: every document) sorted by {@code sort}, over the
   * keys of one bucket.
   */
  static <R> QueryPlan of(KeyLayout.Bucket layout, Condition<R> condition, List<Sort<R>> sort) {
    return of(layout, condition, sort, null, false);
  }

  /**
   * The plan of {@code condition} sorted by {@code sort}, as {@code rewrite} (if not {@code null},
   * found for this condition and sort) puts it: the compound range replaces the conjuncts it
   * covers, and when the first sort key is the compound's number, that key walks the compound's
   * sorted set (as the range's key, so {@code query.lua} walks within the range and stops early).
   *
   * @param anyOrder whether the caller takes the matches in any order ({@code exists}): without a
   *     sort key, a compound range is then walked in score order, so a page stops early
   */
  static <R> QueryPlan of(KeyLayout.Bucket layout, Condition<R> condition, List<Sort<R>> sort,
      CompoundRewrite<R> rewrite, boolean anyOrder) {
    QueryPlan compiled = new QueryPlan(layout);
    String compoundKey = rewrite == null ? null : rewrite.key(layout);
    for (int i = 0; i < sort.size(); i++) {
      compiled.sortBy(sort.get(i), i == 0 && rewrite != null && rewrite.sorted() ? compoundKey : null);
    }
    if (rewrite != null) {
      if (sort.isEmpty() && anyOrder) {
        compiled.sortKey(SortIndex.SCORE, compoundKey, false);
      }
      compiled.compileRewritten(rewrite, compoundKey);
    } else if (condition == null) {
      compiled.node(PlanOp.ALL);
    } else {
      compiled.compile(condition);
    }
    return compiled;
  }

  /**
   * This plan over the keys of {@code other}, a bucket of the same model: a bucket's keys differ
   * from another's only in their hash tag ({@link KeyLayout#retagged}), and the plan names keys by position, so
   * a query compiled once is moved to each bucket instead of compiled per bucket (on a cluster's 16
   * buckets, compiling was a twentieth of a page's client time).
   */
  QueryPlan in(KeyLayout.Bucket other) {
    if (other.tag().equals(layout.tag())) {
      return this;
    }
    QueryPlan moved = new QueryPlan(other);
    for (int k = 0; k < keys.size(); k++) {
      String key = KeyLayout.retagged(keys.get(k), layout.tag(), other.tag());
      if (key == null || moved.key(key) != k + 1) {
        throw new IllegalStateException("a plan's key outside its bucket: " + keys.get(k) + " (" + layout.tag() + ")");
      }
    }
    moved.sortArgs.addAll(sortArgs);
    moved.plan.addAll(plan);
    moved.sortCount = sortCount;
    return moved;
  }

  /** The bucket whose keys the plan names. */
  KeyLayout.Bucket bucket() {
    return layout;
  }

  List<String> keys() {
    return keys;
  }

  /** How many sort keys the plan has. */
  int sortCount() {
    return sortCount;
  }

  /**
   * The plan as {@link DirectReads} reads it when its whole result, in result order, is one range
   * of one sorted set: every id or a set of ids (scores 0, in id order) or one value of a
   * single-valued tag (members {@code value\0id}, in id order), without a sort order; or a numeric
   * range sorted by its own index (or a compound index's range sorted by its number). Otherwise
   * {@code null}. {@link RankedPages} reads deep pages of these by rank.
   */
  DirectRange directRange() {
    if (sortCount > 0) {
      if (sortCount != 1 || plan.size() != 4 || !plan.get(0).equals(PlanOp.RANGE.code())
          || !sortArgs.get(0).equals(SortIndex.SCORE.code()) || !sortArgs.get(1).equals(plan.get(1))) {
        return null;
      }
      return new DirectRange(keys.get(1), keyAt(plan.get(1)), DirectRange.By.SCORE, plan.get(2), plan.get(3),
          sortArgs.get(2).equals(Direction.DESC.code()), "", compactAt(plan.get(1)));
    }
    DirectRange range = countedRange();
    return range == null || range.by() == DirectRange.By.SCORE ? null : range; // id order, not score order
  }

  /**
   * The plan's one range of one sorted set in any order, as a count reads it: every id, a set of
   * ids, one value of a single-valued tag, or one numeric range (a compound index's too).
   * Otherwise {@code null}.
   */
  DirectRange countedRange() {
    String expiring = keys.get(1);
    int root = 0; // an 'and' or 'or' of one operand is that operand ('contains' of one value)
    while ((plan.get(root).equals(PlanOp.AND.code()) || plan.get(root).equals(PlanOp.OR.code()))
        && plan.get(root + 1).equals("1")) {
      root += 2;
    }
    String op = plan.get(root);
    int size = plan.size() - root;
    if (op.equals(PlanOp.ALL.code()) && size == 1) {
      return new DirectRange(expiring, keys.get(0), DirectRange.By.RANK, "-", "+", false, "", layout.compact());
    }
    if (op.equals(PlanOp.SET.code()) && size == 2) {
      return new DirectRange(expiring, keyAt(plan.get(root + 1)), DirectRange.By.RANK, "-", "+", false, "",
          compactAt(plan.get(root + 1)));
    }
    if (op.equals(PlanOp.VALUE.code()) && size == 3) {
      String value = plan.get(root + 2);
      return new DirectRange(expiring, keyAt(plan.get(root + 1)), DirectRange.By.LEX,
          "[" + value + "\0", "(" + value + "\1", false, value + "\0", compactAt(plan.get(root + 1)));
    }
    if (op.equals(PlanOp.RANGE.code()) && size == 4) {
      return new DirectRange(expiring, keyAt(plan.get(root + 1)), DirectRange.By.SCORE,
          plan.get(root + 2), plan.get(root + 3), false, "", compactAt(plan.get(root + 1)));
    }
    return null;
  }

  /**
   * A range of one bucket's sorted set {@code key}, in result order: by rank (every member), by
   * member ({@code min} and {@code max} as {@code ZRANGE … BYLEX} takes them) or by score (as {@code
   * ZRANGE … BYSCORE} takes them, {@code descending} for {@code REV}); each member is an id after
   * {@code prefix}. {@code expiring} is the bucket's set of expiring ids. {@code compact}: the set
   * is a compact set (compact_set.lua), read through {@code compact_read.lua}.
   */
  record DirectRange(String expiring, String key, By by, String min, String max, boolean descending,
      String prefix, boolean compact) {

    enum By { RANK, LEX, SCORE }
  }

  /**
   * The key at a plan argument's position in {@code KEYS} (1-based, as the script reads it;
   * negative for a compact set's).
   */
  private String keyAt(String position) {
    return keys.get(Math.abs(Integer.parseInt(position)) - 1);
  }

  /** Whether the key at a plan argument's position is a compact set (its position is negative). */
  private static boolean compactAt(String position) {
    return position.startsWith("-");
  }

  /** Adds {@code key} to the plan's keys (if new); returns its position in {@code KEYS}. */
  int addKey(String key) {
    return key(key);
  }

  /**
   * The script's arguments after mode, prefixes and paging: the number of sort keys, per sort key
   * its index, key position and direction, then the plan.
   */
  List<String> arguments() {
    List<String> args = new ArrayList<>(1 + sortArgs.size() + plan.size());
    args.add(Integer.toString(sortCount));
    args.addAll(sortArgs);
    args.addAll(plan);
    return args;
  }

  /** A sort key; {@code compoundKey}, if not {@code null}, is walked instead of the field's own index. */
  private void sortBy(Sort<?> sort, String compoundKey) {
    IndexField field = sort.field().index();
    if (!field.sortable() || field.multiValued()) {
      throw new QueryException("cannot sort by " + field.path()
          + ": only single-valued fields declared sortable keep a sort order");
    }
    SortIndex index;
    String key;
    if (field.kind() == IndexKind.NUMERIC) {
      index = SortIndex.SCORE;
      key = layout.numeric(field.path());
    } else if (field.kind() == IndexKind.TAG) {
      index = SortIndex.VALUE;
      key = layout.lex(field.path());
    } else {
      throw new QueryException("cannot sort by " + field.path() + ": a " + field.kind()
          + " field has no sort order; sort by a tag or numeric field");
    }
    sortKey(index, compoundKey == null ? key : compoundKey, sort.descending());
  }

  /** Three arguments: the index kind, its key's position, the direction. */
  private void sortKey(SortIndex index, String key, boolean descending) {
    sortArgs.add(index.code());
    sortArgs.add(keyPosition(key));
    sortArgs.add((descending ? Direction.DESC : Direction.ASC).code());
    sortCount++;
  }

  /** The compound range, as the root or the first operand of a root {@code and} with the other conjuncts. */
  private void compileRewritten(CompoundRewrite<?> rewrite, String compoundKey) {
    if (!rewrite.rest().isEmpty()) {
      node(PlanOp.AND, Integer.toString(1 + rewrite.rest().size()));
    }
    node(PlanOp.RANGE, keyPosition(compoundKey), rewrite.min(), rewrite.max());
    rewrite.rest().forEach(this::compile);
  }

  private void compile(Condition<?> condition) {
    if (condition instanceof Comparison<?> c) {
      comparison(c);
    } else if (condition instanceof In<?> in) {
      IndexField field = in.field().index();
      node(PlanOp.OR, Integer.toString(in.values().size()));
      for (Object value : in.values()) {
        equal(in.field(), field, value);
      }
    } else if (condition instanceof Range<?> range) {
      IndexField field = numeric(range.field(), "between");
      range(field,
          range.lower() == null ? "-inf" : bound(range.lower(), range.lowerInclusive()),
          range.upper() == null ? "+inf" : bound(range.upper(), range.upperInclusive()));
    } else if (condition instanceof StartsWith<?> startsWith) {
      IndexField field = kind(startsWith.field(), IndexKind.TAG, "startsWith");
      requireValue(startsWith.prefix(), field);
      prefix(layout.lex(field.path()), IndexEncoding.fold(startsWith.prefix(), field.caseSensitive()));
    } else if (condition instanceof TextMatch<?> text) {
      textMatch(text);
    } else if (condition instanceof GeoRadius<?> radius) {
      IndexField field = kind(radius.field(), IndexKind.GEO, "within");
      double meters = meters(radius);
      geo(PlanOp.RADIUS, field, radius.center(), meters);
    } else if (condition instanceof GeoBox<?> box) {
      geoBox(box);
    } else if (condition instanceof Contains<?> contains) {
      IndexField field = kind(contains.field(), IndexKind.TAG, "contains");
      node(contains.all() ? PlanOp.AND : PlanOp.OR, Integer.toString(contains.values().size()));
      for (Object value : contains.values()) {
        equal(contains.field(), field, value);
      }
    } else if (condition instanceof NullCheck<?> check) {
      if (!check.isNull()) {
        node(PlanOp.NOT);
      }
      set(layout.nulls(check.field().index().path()));
    } else if (condition instanceof And<?> and) {
      node(PlanOp.AND, Integer.toString(and.conditions().size()));
      and.conditions().forEach(this::compile);
    } else if (condition instanceof Or<?> or) {
      node(PlanOp.OR, Integer.toString(or.conditions().size()));
      or.conditions().forEach(this::compile);
    } else if (condition instanceof Not<?> not) {
      node(PlanOp.NOT);
      compile(not.condition());
    } else {
      throw new QueryException("unsupported condition: " + condition);
    }
  }

  /** {@code ne} is {@code not eq}: it matches documents whose field is null, too. */
  private void comparison(Comparison<?> c) {
    IndexField field = c.field().index();
    switch (c.operator()) {
      case EQ -> equal(c.field(), field, c.value());
      case NE -> {
        node(PlanOp.NOT);
        equal(c.field(), field, c.value());
      }
      case GT -> range(numeric(c.field(), "gt"), bound(c.value(), false), "+inf");
      case GTE -> range(numeric(c.field(), "gte"), bound(c.value(), true), "+inf");
      case LT -> range(numeric(c.field(), "lt"), "-inf", bound(c.value(), false));
      case LTE -> range(numeric(c.field(), "lte"), "-inf", bound(c.value(), true));
    }
  }

  private void equal(IndexedAttribute<?, ?> attribute, IndexField field, Object value) {
    requireValue(value, field);
    if (field.kind() == IndexKind.TAG) {
      String tag = IndexEncoding.fold(IndexEncoding.tag(value), field.caseSensitive());
      if (field.multiValued()) {
        set(layout.tag(field.path(), tag));
      } else {
        // a single-valued tag has only its lexical entry: the range of members 'tag\0id'
        node(PlanOp.VALUE, keyPosition(layout.lex(field.path())), IndexEncoding.lexical(tag));
      }
    } else if (field.kind() == IndexKind.NUMERIC) {
      String score = bound(value, true);
      range(field, score, score);
    } else {
      throw new QueryException("cannot compare " + attribute + " for equality: it is a "
          + field.kind() + " field");
    }
  }

  private void textMatch(TextMatch<?> text) {
    IndexField field = kind(text.field(), IndexKind.TEXT, "matches");
    List<String> tokens = IndexEncoding.tokens(String.join(" ", text.words()));
    if (tokens.isEmpty()) {
      throw new QueryException("a text match on " + field.path() + " needs at least one word: "
          + text.words());
    }
    node(text.all() ? PlanOp.AND : PlanOp.OR, Integer.toString(tokens.size()));
    for (int i = 0; i < tokens.size(); i++) {
      if (text.prefix() && i == tokens.size() - 1) {
        prefix(layout.tokens(field.path()), tokens.get(i));
      } else {
        set(layout.text(field.path(), tokens.get(i)));
      }
    }
  }

  /** A box is searched as the circle around it, then filtered by coordinates in the script. */
  private void geoBox(GeoBox<?> box) {
    IndexField field = kind(box.field(), IndexKind.GEO, "withinBox");
    GeoPoint sw = box.southWest();
    GeoPoint ne = box.northEast();
    if (sw.latitude() > ne.latitude()) {
      throw new QueryException("the south-west corner lies north of the north-east corner: " + box);
    }
    if (sw.longitude() > ne.longitude()) { // crosses the antimeridian: two boxes
      node(PlanOp.OR, "2");
      box(field, sw.longitude(), sw.latitude(), 180, ne.latitude());
      box(field, -180, sw.latitude(), ne.longitude(), ne.latitude());
    } else {
      box(field, sw.longitude(), sw.latitude(), ne.longitude(), ne.latitude());
    }
  }

  private void box(IndexField field, double west, double south, double east, double north) {
    GeoPoint center = GeoPoint.of((west + east) / 2, (south + north) / 2);
    double radius = WHOLE_EARTH_METERS;
    if (east - west <= 90 && north - south <= 90) {
      double farthest = 0;
      double[] lons = {west, center.longitude(), east};
      double[] lats = {south, center.latitude(), north};
      for (double lon : lons) {
        for (double lat : lats) {
          farthest = Math.max(farthest, distance(center.longitude(), center.latitude(), lon, lat));
        }
      }
      radius = Math.min(WHOLE_EARTH_METERS, farthest * 1.01 + 10);
    }
    geo(PlanOp.BOX, field, center, radius, Double.toString(west), Double.toString(south),
        Double.toString(east), Double.toString(north));
  }

  private void geo(PlanOp op, IndexField field, GeoPoint center, double meters, String... box) {
    String[] args = new String[4 + box.length];
    args[0] = keyPosition(layout.geo(field.path()));
    args[1] = Double.toString(center.longitude());
    args[2] = Double.toString(Math.max(-IndexEntries.MAX_LATITUDE,
        Math.min(IndexEntries.MAX_LATITUDE, center.latitude())));
    args[3] = Double.toString(meters);
    System.arraycopy(box, 0, args, 4, box.length);
    node(op, args);
  }

  /** Great-circle distance as Redis computes it (haversine on Redis' Earth radius). */
  static double distance(double lon1, double lat1, double lon2, double lat2) {
    double lat1r = Math.toRadians(lat1);
    double lat2r = Math.toRadians(lat2);
    double u = Math.sin((lat2r - lat1r) / 2);
    double v = Math.sin((Math.toRadians(lon2) - Math.toRadians(lon1)) / 2);
    return 2.0 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(u * u + Math.cos(lat1r) * Math.cos(lat2r) * v * v));
  }

  private void set(String key) {
    node(PlanOp.SET, keyPosition(key));
  }

  private void range(IndexField field, String min, String max) {
    node(PlanOp.RANGE, keyPosition(layout.numeric(field.path())), min, max);
  }

  /** The values of the lexicographic index {@code key} that start with {@code text}. */
  private void prefix(String key, String text) {
    node(PlanOp.PREFIX, keyPosition(key), IndexEncoding.lexical(text));
  }

  /** One node of the plan: its op and exactly its {@link PlanOp#arity()} arguments (operands follow). */
  private void node(PlanOp op, String... args) {
    if (args.length != op.arity()) {
      throw new IllegalArgumentException(op + " takes " + op.arity() + " arguments (" + op.arguments()
          + "), not " + args.length);
    }
    plan.add(op.code());
    plan.addAll(List.of(args));
  }

  private static String bound(Object value, boolean inclusive) {
    if (value == null) {
      throw new QueryException("a comparison needs a value; use isNull() to find null fields");
    }
    String score = IndexEncoding.format(IndexEncoding.bound(value));
    return inclusive ? score : "(" + score; // Redis accepts "(+inf" and "(-inf" too
  }

  private static IndexField numeric(IndexedAttribute<?, ?> attribute, String operation) {
    return kind(attribute, IndexKind.NUMERIC, operation);
  }


  private int key(String key) {
    return keyPositions.computeIfAbsent(key, k -> {
      keys.add(k);
      return keys.size();
    });
  }

  /** The position of {@code key} as the plan names it: negated for a compact set ({@code query_plan.lua}'s keyAt). */
  private String keyPosition(String key) {
    return Integer.toString(layout.compactSet(key) ? -key(key) : key(key));
  }
}
