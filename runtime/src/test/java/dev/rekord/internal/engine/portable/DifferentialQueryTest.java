package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.model.GeoPoint;
import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.portable.Doc.Doc_;
import dev.rekord.metamodel.SortableField;
import dev.rekord.query.IndexedAttribute;
import dev.rekord.query.And;
import dev.rekord.query.Comparison;
import dev.rekord.query.Condition;
import dev.rekord.query.Contains;
import dev.rekord.query.DistanceUnit;
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
import dev.rekord.test.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.GeoCoordinate;
import redis.clients.jedis.UnifiedJedis;

/**
 * Random documents and random queries, seeded: the portable engine must return exactly what an
 * in-memory evaluation of the same condition, sort and page returns. Ids, tag values and prefixes
 * hold the bytes 0 and 1 too (the separator of lexicographic members and its escape).
 */
public class DifferentialQueryTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final long SEED = Long.getLong("rekord.seed", 20240501L);
  private static final int DOCUMENTS = 2500;
  private static final int QUERIES = 600;

  private static final String[] CITIES = {"Oslo", "oslo", "Bergen", "Berg", "Ålesund", "東京", "São Paulo",
      "", "New York", "Zürich", "Z", "😀 Emoji", "\0", "a\0b", "a\0", "Oslo\0", "\1x", "a\1"};
  private static final String[] COUNTRIES = {"Norway", "NORWAY", "norway", "Sweden", "Deutschland",
      "Ελλάδα", "España", "nor", "nor\0way", "\0NO"};
  private static final String[] WORDS = {"redis", "Rekord", "fast", "FAST", "database", "naïve", "café",
      "日本語", "x1", "data-base", "e-mail", "Straße", "42"};
  private static final String[] TAGS = {"a", "B", "c", "Red", "red", "ünï", "x y", "a\0b", "\0", "a\1"};

  private KeyLayout layout;
  private final Map<String, Doc> docs = new LinkedHashMap<>();
  private final Map<String, GeoPoint> indexedLoc = new HashMap<>();
  private Random random;

  /**
   * One bucket, and four (the client merges per-bucket results), in the standard and the compact
   * index layout: each must equal the evaluation.
   */
  @ParameterizedTest(name = "{0} bucket(s), compact {1}")
  @CsvSource({"1, false", "4, false", "1, true", "4, true"})
  public void engineAgreesWithInMemoryEvaluation(int buckets, boolean compact) {
    layout = KeyLayout.of("rnd" + buckets + (compact ? "c" : ""), buckets, compact);
    random = new Random(SEED);
    try (RedisConnection connection = connect()) {
      IndexWriter writer = new IndexWriter(connection, layout);
      PortableQueries engine = new PortableQueries(connection, layout);
      for (int i = 0; i < DOCUMENTS; i++) {
        save(writer, randomDoc(randomId(i)));
      }
      List<String> ids = new ArrayList<>(docs.keySet());
      for (int i = 0; i < DOCUMENTS / 5; i++) { // updates move entries; deletes remove them
        String id = ids.get(random.nextInt(ids.size()));
        if (random.nextInt(3) == 0 && docs.containsKey(id)) {
          writer.delete(id);
          docs.remove(id);
        } else {
          save(writer, randomDoc(id));
        }
      }
      readIndexedPositions(connection);

      for (int q = 0; q < QUERIES; q++) {
        Condition<Doc> condition = random.nextInt(20) == 0 ? null : randomCondition(random.nextInt(3));
        List<Sort<Doc>> sort = randomSort();
        long offset = random.nextInt(4) == 0 ? random.nextInt(200) : 0;
        long limit = random.nextInt(3) == 0 ? PortableQueries.NO_LIMIT : random.nextInt(40);
        check(engine, "query " + q, condition, sort, offset, limit);
      }
      for (int q = 0; q < QUERIES / 3; q++) {
        oneIndexQuery(engine, q);
      }
    }
  }

  private void check(PortableQueries engine, String name, Condition<Doc> condition, List<Sort<Doc>> sort,
      long offset, long limit) {
    String what = name + " (seed " + SEED + "): " + condition + " sort " + sort + " offset " + offset + " limit " + limit;
    List<String> expected = expected(condition, sort, offset, limit);
    assertEquals(expected, engine.ids(condition, sort, offset, limit), what);
    assertEquals(count(condition), engine.count(condition), what);
    if (limit != PortableQueries.NO_LIMIT) { // a page: ids and documents from the same script call where it can
      List<PortableQueries.PageRow> page = engine.page(condition, sort, offset, limit);
      assertEquals(expected, page.stream().map(PortableQueries.PageRow::id).toList(), what + " (page)");
      for (PortableQueries.PageRow row : page) {
        if (row.document() != null) {
          assertEquals(row.id(), fields(row.document()).get("id"), what + ": the document of " + row.id());
        }
      }
    }
  }

  /**
   * A query one index read answers (query_direct.lua, query_node.lua: a tag value, a tag, all ids,
   * a numeric range in id order or sorted by its own field), from offsets around the direct read's
   * bound (1,000) and beyond, where the random conditions above seldom land.
   */
  private void oneIndexQuery(PortableQueries engine, int q) {
    int kind = random.nextInt(5);
    Condition<Doc> condition = switch (kind) {
      case 0 -> Doc_.city.eq(pick(CITIES));
      case 1 -> Doc_.country.eq(randomCase(pick(COUNTRIES)));
      case 2 -> Doc_.tags.contains(randomCase(pick(TAGS)));
      case 3 -> random.nextBoolean() ? Doc_.age.gte(randomAge()) : Doc_.age.between(randomAge(), randomAge());
      default -> null;
    };
    List<Sort<Doc>> sort = kind == 3 && random.nextBoolean() // a range sorted by its own field
        ? List.of(random.nextBoolean() ? Doc_.age.asc() : Doc_.age.desc()) : List.of();
    long offset = random.nextInt(3) == 0 ? random.nextInt(1_200) : random.nextInt(150);
    long limit = random.nextInt(8) == 0 ? PortableQueries.NO_LIMIT : 1 + random.nextInt(40);
    check(engine, "one-index query " + q, condition, sort, offset, limit);
  }

  /**
   * A document's fields as a page reads it: a hash's fields and values one after the other (a
   * script's reply), or a map (a plain {@code HGETALL} on a RESP3 connection).
   */
  private static Map<String, String> fields(Object document) {
    Map<String, String> fields = new HashMap<>();
    if (document instanceof Map<?, ?> map) {
      map.forEach((field, value) -> fields.put(text(field), text(value)));
      return fields;
    }
    List<?> flat = (List<?>) document;
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(text(flat.get(i)), text(flat.get(i + 1)));
    }
    return fields;
  }

  private static String text(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
  }

  /** The server the test runs on; the cluster variant ({@code dev.rekord.cluster}) overrides it. */
  protected RedisConnection connect() {
    return IndexMaintenanceTest.open(redis.server().host(), redis.server().port());
  }

  // ---------------------------------------------------------------- data

  private String randomId(int i) {
    return switch (random.nextInt(10)) {
      case 0 -> "é" + i;
      case 1 -> "Z" + i;
      case 2 -> "d\0" + i; // the byte 0 and the byte 1 (its escape in lexical members) in ids too
      case 3 -> "\1" + i;
      default -> "d" + i;
    };
  }

  private Doc randomDoc(String id) {
    return new Doc(id,
        nullOr(() -> pick(CITIES)),
        nullOr(() -> pick(COUNTRIES)),
        nullOr(this::randomAge),
        nullOr(() -> LocalDate.ofEpochDay(random.nextInt(200 * 365) - 70 * 365)),
        nullOr(this::randomInstant),
        nullOr(this::randomText),
        nullOr(this::randomPoint),
        random.nextInt(8) == 0 ? null : randomTags());
  }

  private <T> T nullOr(java.util.function.Supplier<T> value) {
    return random.nextInt(8) == 0 ? null : value.get();
  }

  private Integer randomAge() {
    return switch (random.nextInt(30)) {
      case 0 -> Integer.MIN_VALUE;
      case 1 -> Integer.MAX_VALUE;
      default -> random.nextInt(130) - 5;
    };
  }

  private Instant randomInstant() {
    return Instant.ofEpochSecond(random.nextInt(40) - 20 + (random.nextBoolean() ? 0 : random.nextInt()),
        random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
  }

  private String randomText() {
    int n = random.nextInt(6);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append(pick(WORDS)).append(random.nextBoolean() ? " " : ", ");
    }
    return text.toString();
  }

  private GeoPoint randomPoint() {
    return GeoPoint.of(-20 + random.nextDouble() * 60, 30 + random.nextDouble() * 40);
  }

  private List<String> randomTags() {
    int n = random.nextInt(4);
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      tags.add(pick(TAGS));
    }
    return tags;
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private String randomCase(String value) {
    return switch (random.nextInt(3)) {
      case 0 -> value.toUpperCase(Locale.ROOT);
      case 1 -> value.toLowerCase(Locale.ROOT);
      default -> value;
    };
  }

  private void save(IndexWriter writer, Doc doc) {
    writer.saveHash(doc.id(), Map.of("id", doc.id()), Duration.ZERO, doc.entries());
    docs.put(doc.id(), doc);
  }

  /** Geo conditions compare what the index holds: points at 52-bit geohash precision. */
  private void readIndexedPositions(RedisConnection connection) {
    List<String> located = docs.values().stream().filter(d -> d.loc() != null).map(Doc::id).toList();
    for (String id : located) {
      GeoCoordinate p = connection.unwrap(UnifiedJedis.class).geopos(layout.bucketFor(id).geo("loc"), id).get(0);
      indexedLoc.put(id, GeoPoint.of(p.getLongitude(), p.getLatitude()));
    }
  }

  // ---------------------------------------------------------------- queries

  private Condition<Doc> randomCondition(int depth) {
    if (depth > 0 && random.nextInt(3) > 0) {
      return switch (random.nextInt(3)) {
        case 0 -> new And<>(children(depth));
        case 1 -> new Or<>(children(depth));
        default -> randomCondition(depth - 1).not();
      };
    }
    return switch (random.nextInt(16)) {
      case 0 -> random.nextBoolean() ? Doc_.city.eq(pick(CITIES)) : Doc_.city.ne(pick(CITIES));
      case 1 -> Doc_.city.in(pick(CITIES), pick(CITIES), pick(CITIES));
      case 2 -> Doc_.city.startsWith(prefix(pick(CITIES), random.nextInt(3)));
      case 3 -> random.nextBoolean() ? Doc_.country.eq(randomCase(pick(COUNTRIES)))
          : Doc_.country.startsWith(randomCase(prefix(pick(COUNTRIES), 1 + random.nextInt(2))));
      case 4 -> comparison(Doc_.age, randomAge());
      case 5 -> random.nextBoolean() ? Doc_.age.between(randomAge(), randomAge())
          : Doc_.age.between(randomAge(), random.nextBoolean(), randomAge(), random.nextBoolean());
      case 6 -> comparison(Doc_.born, existing(Doc::born, () -> LocalDate.ofEpochDay(random.nextInt(20000) - 10000)));
      case 7 -> comparison(Doc_.seen, existing(Doc::seen, this::randomInstant));
      case 8 -> Doc_.born.in(existing(Doc::born, () -> LocalDate.EPOCH), existing(Doc::born, () -> LocalDate.EPOCH));
      case 9 -> switch (random.nextInt(3)) {
        case 0 -> Doc_.bio.matches(randomCase(pick(WORDS)) + " " + pick(WORDS));
        case 1 -> Doc_.bio.matchesAny(pick(WORDS) + " " + randomCase(pick(WORDS)));
        default -> Doc_.bio.matchesPrefix(randomCase(prefix(pick(WORDS), 1 + random.nextInt(2))));
      };
      case 10 -> Doc_.loc.within(randomPoint(), random.nextDouble() * 1500, DistanceUnit.KM);
      case 11 -> {
        GeoPoint a = randomPoint();
        GeoPoint b = GeoPoint.of(a.longitude() + random.nextDouble() * 20, Math.min(85, a.latitude() + random.nextDouble() * 15));
        yield Doc_.loc.withinBox(a, b);
      }
      case 12 -> switch (random.nextInt(3)) {
        case 0 -> Doc_.tags.contains(randomCase(pick(TAGS)));
        case 1 -> Doc_.tags.containsAll(pick(TAGS), pick(TAGS));
        default -> Doc_.tags.containsAny(pick(TAGS), randomCase(pick(TAGS)));
      };
      case 13 -> {
        IndexedAttribute<Doc, ?> field = pick(List.of(Doc_.city, Doc_.country, Doc_.age, Doc_.born,
            Doc_.seen, Doc_.bio, Doc_.loc, Doc_.tags));
        yield random.nextBoolean() ? field.isNull() : field.isNotNull();
      }
      case 14 -> Doc_.country.in(randomCase(pick(COUNTRIES)), pick(COUNTRIES));
      default -> Doc_.age.in(randomAge(), existing(Doc::age, this::randomAge));
    };
  }

  private List<Condition<Doc>> children(int depth) {
    List<Condition<Doc>> children = new ArrayList<>();
    int n = 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      children.add(randomCondition(depth - 1));
    }
    return children;
  }

  private <T extends Comparable<? super T>> Condition<Doc> comparison(
      dev.rekord.metamodel.ComparableField<Doc, T> field, T value) {
    return switch (random.nextInt(7)) {
      case 0 -> field.eq(value);
      case 1 -> field.ne(value);
      case 2 -> field.gt(value);
      case 3 -> field.gte(value);
      case 4 -> field.lt(value);
      case 5 -> field.lte(value);
      default -> field.between(value, random.nextBoolean(), value, random.nextBoolean());
    };
  }

  /** Mostly a value some document has, so equality and bounds meet data. */
  private <T> T existing(Function<Doc, T> getter, java.util.function.Supplier<T> otherwise) {
    if (random.nextInt(3) > 0) {
      List<Doc> all = new ArrayList<>(docs.values());
      T value = getter.apply(all.get(random.nextInt(all.size())));
      if (value != null) {
        return value;
      }
    }
    return otherwise.get();
  }

  /** The first code points of {@code text} (never half a surrogate pair). */
  private static String prefix(String text, int codePoints) {
    return text.substring(0, text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length()))));
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private List<Sort<Doc>> randomSort() {
    List<Sort<Doc>> sort = new ArrayList<>();
    int n = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(2);
    for (int i = 0; i < n; i++) {
      SortableField<Doc> field = pick(List.<SortableField<Doc>>of(Doc_.city, Doc_.country, Doc_.age, Doc_.born));
      sort.add(random.nextBoolean() ? field.asc() : field.desc());
    }
    return sort;
  }

  // ---------------------------------------------------------------- the in-memory evaluation

  private List<String> expected(Condition<Doc> condition, List<Sort<Doc>> sort, long offset, long limit) {
    List<Doc> matches = docs.values().stream()
        .filter(d -> condition == null || matches(condition, d)).collect(Collectors.toList());
    boolean lastDesc = !sort.isEmpty() && sort.get(sort.size() - 1).descending();
    Comparator<Doc> order = null;
    for (Sort<Doc> key : sort) {
      Comparator<Doc> byKey = (a, b) -> {
        Comparable<Object> x = sortValue(key.field(), a);
        Comparable<Object> y = sortValue(key.field(), b);
        if (x == null || y == null) {
          return x == null ? (y == null ? 0 : 1) : -1; // nulls last in both directions
        }
        return key.descending() ? y.compareTo(x) : x.compareTo(y);
      };
      order = order == null ? byKey : order.thenComparing(byKey);
    }
    Comparator<Doc> byId = (a, b) -> compareBytes(a.id(), b.id());
    byId = lastDesc ? byId.reversed() : byId;
    matches.sort(order == null ? byId : order.thenComparing(byId));
    return matches.stream().skip(offset).limit(limit < 0 ? Long.MAX_VALUE : limit).map(Doc::id).toList();
  }

  private long count(Condition<Doc> condition) {
    return docs.values().stream().filter(d -> condition == null || matches(condition, d)).count();
  }

  @SuppressWarnings("unchecked")
  private static Comparable<Object> sortValue(IndexedAttribute<Doc, ?> field, Doc doc) {
    Object value = value(field, doc);
    if (value instanceof String s) {
      String folded = IndexEncoding.fold(s, field.index().caseSensitive());
      return (Comparable<Object>) (Comparable<?>) new Utf8(folded);
    }
    return value == null ? null : (Comparable<Object>) (Comparable<?>) IndexEncoding.score(value);
  }

  private record Utf8(String text) implements Comparable<Utf8> {
    @Override
    public int compareTo(Utf8 other) {
      return compareBytes(text, other.text);
    }
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static Object value(IndexedAttribute<Doc, ?> field, Doc doc) {
    return switch (field.path()) {
      case "city" -> doc.city();
      case "country" -> doc.country();
      case "age" -> doc.age();
      case "born" -> doc.born();
      case "seen" -> doc.seen();
      case "bio" -> doc.bio();
      case "loc" -> doc.loc();
      case "tags" -> doc.tags() == null || doc.tags().isEmpty() ? null : doc.tags();
      default -> throw new IllegalArgumentException(field.path());
    };
  }

  private boolean matches(Condition<Doc> condition, Doc doc) {
    if (condition instanceof Comparison<Doc> c) {
      Object value = value(c.field(), doc);
      return switch (c.operator()) {
        case EQ -> equal(c.field(), value, c.value());
        case NE -> !equal(c.field(), value, c.value());
        case GT -> value != null && score(value) > score(c.value());
        case GTE -> value != null && score(value) >= score(c.value());
        case LT -> value != null && score(value) < score(c.value());
        case LTE -> value != null && score(value) <= score(c.value());
      };
    }
    if (condition instanceof In<Doc> in) {
      Object value = value(in.field(), doc);
      return in.values().stream().anyMatch(v -> equal(in.field(), value, v));
    }
    if (condition instanceof Range<Doc> r) {
      Object value = value(r.field(), doc);
      if (value == null) {
        return false;
      }
      double s = score(value);
      double lo = score(r.lower());
      double hi = score(r.upper());
      return (r.lowerInclusive() ? s >= lo : s > lo) && (r.upperInclusive() ? s <= hi : s < hi);
    }
    if (condition instanceof StartsWith<Doc> sw) {
      Object value = value(sw.field(), doc);
      boolean cs = sw.field().index().caseSensitive();
      return value != null && IndexEncoding.fold((String) value, cs).startsWith(IndexEncoding.fold(sw.prefix(), cs));
    }
    if (condition instanceof TextMatch<Doc> t) {
      if (doc.bio() == null) {
        return false;
      }
      List<String> tokens = IndexEncoding.tokens(doc.bio());
      List<String> words = IndexEncoding.tokens(String.join(" ", t.words()));
      List<Boolean> found = new ArrayList<>();
      for (int i = 0; i < words.size(); i++) {
        String word = words.get(i);
        boolean prefix = t.prefix() && i == words.size() - 1;
        found.add(tokens.stream().anyMatch(k -> prefix ? k.startsWith(word) : k.equals(word)));
      }
      return t.all() ? !found.contains(false) : found.contains(true);
    }
    if (condition instanceof GeoRadius<Doc> g) {
      GeoPoint p = indexedLoc.get(doc.id());
      return p != null && QueryPlan.distance(g.center().longitude(), g.center().latitude(),
          p.longitude(), p.latitude()) <= g.unit().toMeters(g.radius());
    }
    if (condition instanceof GeoBox<Doc> b) {
      GeoPoint p = indexedLoc.get(doc.id());
      return p != null && p.longitude() >= b.southWest().longitude() && p.longitude() <= b.northEast().longitude()
          && p.latitude() >= b.southWest().latitude() && p.latitude() <= b.northEast().latitude();
    }
    if (condition instanceof Contains<Doc> c) {
      if (doc.tags() == null) {
        return false;
      }
      List<String> tags = doc.tags().stream().map(s -> IndexEncoding.fold(s, false)).toList();
      List<Boolean> found = c.values().stream().map(v -> tags.contains(IndexEncoding.fold((String) v, false))).toList();
      return c.all() ? !found.contains(false) : found.contains(true);
    }
    if (condition instanceof NullCheck<Doc> n) {
      return (value(n.field(), doc) == null) == n.isNull();
    }
    if (condition instanceof And<Doc> and) {
      return and.conditions().stream().allMatch(c -> matches(c, doc));
    }
    if (condition instanceof Or<Doc> or) {
      return or.conditions().stream().anyMatch(c -> matches(c, doc));
    }
    if (condition instanceof Not<Doc> not) {
      return !matches(not.condition(), doc);
    }
    throw new IllegalArgumentException(String.valueOf(condition));
  }

  private static boolean equal(IndexedAttribute<Doc, ?> field, Object value, Object wanted) {
    if (value == null) {
      return false;
    }
    if (value instanceof String s) {
      boolean cs = field.index().caseSensitive();
      return IndexEncoding.fold(s, cs).equals(IndexEncoding.fold((String) wanted, cs));
    }
    return score(value) == score(wanted);
  }

  private static double score(Object value) {
    return IndexEncoding.score(value);
  }
}
