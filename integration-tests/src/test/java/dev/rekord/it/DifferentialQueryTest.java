package dev.rekord.it;

import dev.rekord.ItAccess;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.model.GeoPoint;
import dev.rekord.Rekord;
import dev.rekord.it.model.Item;
import dev.rekord.it.model.ItemHash;
import dev.rekord.it.model.ItemHashRepository;
import dev.rekord.it.model.ItemHash_;
import dev.rekord.it.model.ItemJson;
import dev.rekord.it.model.ItemJsonRepository;
import dev.rekord.it.model.ItemJson_;
import dev.rekord.it.model.Part;
import dev.rekord.it.model.Size;
import dev.rekord.metamodel.CollectionField;
import dev.rekord.metamodel.ComparableField;
import dev.rekord.metamodel.GeoField;
import dev.rekord.metamodel.SortableDateField;
import dev.rekord.metamodel.SortableField;
import dev.rekord.metamodel.SortableNumericField;
import dev.rekord.metamodel.SortableStringField;
import dev.rekord.query.IndexedAttribute;
import dev.rekord.metamodel.StringField;
import dev.rekord.metamodel.TextField;
import dev.rekord.query.Condition;
import dev.rekord.query.Contains;
import dev.rekord.query.DistanceUnit;
import dev.rekord.query.GeoBox;
import dev.rekord.query.GeoRadius;
import dev.rekord.query.Sort;
import dev.rekord.query.TextMatch;
import dev.rekord.Query;
import dev.rekord.RekordRepository;
import dev.rekord.test.RedisExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.GeoCoordinate;
import redis.clients.jedis.UnifiedJedis;

/**
 * Seeded random items and random queries through the generated metamodels of {@link ItemHash}
 * and {@link ItemJson}, with 1 and 4 buckets: every query must return exactly what an in-memory
 * evaluation over the records' accessors returns (the documented semantics: nulls last, ties by
 * id, {@code ne}/{@code not} match nulls, case folding, whole-word text, microsecond dates; ids and
 * strings holding the bytes 0 and 1).
 * Reproduce a failure with {@code -Drekord.seed=<seed>}.
 */
class DifferentialQueryTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final long SEED = Long.getLong("rekord.seed", 20240601L);
  private static final int DOCUMENTS = 600;
  private static final int QUERIES = 200;
  private static final double EARTH_RADIUS_METERS = 6372797.560856; // Redis' radius

  private final String[] skus = pool("skus", new String[] {"A-1", "a-1", "B-2", "b", "", "Z", "Å-9", "東京", "😀", "x y", "A", "\0", "a\0b", "A\0", "a\1"});
  private final String[] labels = pool("labels", new String[] {"Blue", "BLUE", "blue", "Bluish", "Grün", "GRÜN", "straße", "ΣΊΣΥΦΟΣ", "é", "Blue\0", "\0blue"});
  private final String[] words = pool("words", new String[] {"redis", "Rekord", "fast", "FAST", "naïve", "café", "日本語", "x1",
      "data-base", "e-mail", "42", "Straße"});
  private final String[] tags = pool("tags", new String[] {"a", "A", "b", "Red", "red", "ünï", "x y", "東", "a\0b", "\0"});
  private final String[] codes = pool("codes", new String[] {"bolt", "nut", "Nut", "screw", "ø", "n\0t", "n\1"});
  private final String[] units = pool("units", new String[] {"cm", "CM", "mm", "In"});

  static {
    System.out.println("DifferentialQueryTest seed: " + SEED + " (-Drekord.seed=" + SEED + ")");
  }

  static Stream<Arguments> setups() {
    return Stream.of(Arguments.of("HASH", 1), Arguments.of("HASH", 4), Arguments.of("JSON", 1),
        Arguments.of("JSON", 4));
  }

  /** The typed fields of one of the two generated metamodels. */
  private record Fields<R>(
      SortableStringField<R> sku, SortableStringField<R> label, SortableNumericField<R, Integer> qty,
      SortableNumericField<R, Double> price, SortableNumericField<R, BigDecimal> cost,
      SortableDateField<R, LocalDate> made, SortableDateField<R, Instant> seen, TextField<R, String> notes,
      GeoField<R> where, CollectionField<R, String, List<String>> tags,
      CollectionField<R, String, List<String>> topics, CollectionField<R, String, String> partCode,
      CollectionField<R, Integer, Integer> partCount, SortableNumericField<R, Integer> width, StringField<R> unit) {

    List<IndexedAttribute<R, ?>> all() {
      return List.of(sku, label, qty, price, cost, made, seen, notes, where, tags, topics, partCode,
          partCount, width, unit);
    }

    List<SortableField<R>> sortable() {
      return List.of(sku, label, qty, price, cost, made, seen, width);
    }
  }

  private static final Fields<ItemHash> HASH_FIELDS = new Fields<>(ItemHash_.sku, ItemHash_.label,
      ItemHash_.qty, ItemHash_.price, ItemHash_.cost, ItemHash_.made, ItemHash_.seen, ItemHash_.notes,
      ItemHash_.where, ItemHash_.tags, ItemHash_.topics, ItemHash_.parts.code, ItemHash_.parts.count,
      ItemHash_.size.width, ItemHash_.size.unit);
  private static final Fields<ItemJson> JSON_FIELDS = new Fields<>(ItemJson_.sku, ItemJson_.label,
      ItemJson_.qty, ItemJson_.price, ItemJson_.cost, ItemJson_.made, ItemJson_.seen, ItemJson_.notes,
      ItemJson_.where, ItemJson_.tags, ItemJson_.topics, ItemJson_.parts.code, ItemJson_.parts.count,
      ItemJson_.size.width, ItemJson_.size.unit);

  private Random random;
  private final Map<String, Item> items = new LinkedHashMap<>();
  private final InMemoryEvaluation<Item> evaluation =
      new InMemoryEvaluation<>(Item::id, DifferentialQueryTest::value, this::matchesOther);
  private final Map<String, GeoPoint> indexedWhere = new HashMap<>();

  /** Where the tests run: the extension's standalone server; the {@code Cluster…} subclass overrides it. */
  RedisTarget target() {
    return new RedisTarget(redis.server());
  }

  /** The strings of one pool the random data and queries pick from; the fuzz subclass swaps in hostile ones. */
  String[] pool(String name, String[] defaults) {
    return defaults;
  }

  /** A Rekord on {@link #target()}; the search-engine subclass configures its engine and migrates. */
  Rekord connect(int buckets) {
    return Rekord.builder().url(target().url()).buckets(buckets).build();
  }

  @ParameterizedTest(name = "{0}, {1} bucket(s)")
  @MethodSource("setups")
  void queriesAgreeWithInMemoryEvaluation(String storage, int buckets) {
    target().flushAll(); // buckets are fixed when the schema record is created
    try (Rekord rekord = connect(buckets)) {
      if (storage.equals("HASH")) {
        ItemHashRepository repository = new ItemHashRepository(rekord);
        run(repository, HASH_FIELDS, buckets, i -> new ItemHash(i.id(), i.sku(), i.label(), i.qty(),
            i.price(), i.cost(), i.made(), i.seen(), i.notes(), i.where(), i.tags(), i.topics(),
            i.parts(), i.size()));
      } else {
        ItemJsonRepository repository = new ItemJsonRepository(rekord);
        run(repository, JSON_FIELDS, buckets, i -> new ItemJson(i.id(), i.sku(), i.label(), i.qty(),
            i.price(), i.cost(), i.made(), i.seen(), i.notes(), i.where(), i.tags(), i.topics(),
            i.parts(), i.size()));
      }
    }
  }

  private <R extends Item> void run(RekordRepository<R, String> repository, Fields<R> fields,
      int buckets, Function<Item, R> convert) {
    random = new Random(SEED);
    items.clear();
    indexedWhere.clear();
    assertEquals(buckets, repository.buckets());
    // updates move index entries; deletes remove them
    Differential.write(repository, items, Item::id, i -> convert.apply(randomItem(randomId(i))),
        id -> convert.apply(randomItem(id)), DOCUMENTS, DOCUMENTS / 5, random);
    readIndexedPositions(repository);
    assertEquals(items.size(), repository.count(), "seed " + SEED);

    for (int q = 0; q < QUERIES; q++) {
      Condition<R> condition = random.nextInt(15) == 0 ? null : randomCondition(fields, random.nextInt(3));
      List<Sort<R>> sort = randomSort(fields);
      long offset = random.nextInt(4) == 0 ? random.nextInt(100) : 0;
      long limit = random.nextInt(3) == 0 ? -1 : random.nextInt(30);
      Query<R, String> query = Differential.query(repository, condition, sort, offset, limit);
      String what = "seed " + SEED + ", query " + q + ": " + query;
      List<String> expected = evaluation.expected(items.values(), condition, sort, offset, limit);
      assertEquals(expected, query.ids(), what);
      long count = evaluation.count(items.values(), condition);
      assertEquals(count, query.count(), what);
      assertEquals(count > 0, query.exists(), what);
      if (q % 10 == 0) { // loading and the cursor return the same documents in the same order
        assertEquals(expected, query.list().stream().map(Item::id).toList(), what);
        assertEquals(expected, query.pageSize(1 + random.nextInt(7)).stream().map(Item::id).toList(), what);
      }
    }
  }

  // ---------------------------------------------------------------- data

  private String randomId(int i) {
    return switch (random.nextInt(10)) {
      case 0 -> "é" + i;
      case 1 -> "Z" + i;
      case 2 -> "東" + i;
      case 3 -> "d\0" + i; // the byte 0 and the byte 1 (its escape in lexical members) in ids too
      case 4 -> "\1" + i;
      default -> "d" + i;
    };
  }

  private Item randomItem(String id) {
    return new ItemHash(id,
        nullOr(() -> pick(skus)),
        nullOr(() -> pick(labels)),
        nullOr(this::randomQty),
        nullOr(this::randomPrice),
        nullOr(this::randomCost),
        nullOr(this::randomDate),
        nullOr(this::randomInstant),
        nullOr(this::randomText),
        nullOr(this::randomPoint),
        nullOr(() -> randomList(tags)),
        nullOr(() -> randomList(tags)),
        nullOr(this::randomParts),
        nullOr(() -> new Size(nullOr(() -> random.nextInt(5)), nullOr(() -> pick(units)))));
  }

  private <T> T nullOr(Supplier<T> value) {
    return random.nextInt(7) == 0 ? null : value.get();
  }

  private Integer randomQty() {
    return switch (random.nextInt(25)) {
      case 0 -> Integer.MIN_VALUE;
      case 1 -> Integer.MAX_VALUE;
      default -> random.nextInt(60) - 10;
    };
  }

  private Double randomPrice() {
    return switch (random.nextInt(30)) {
      case 0 -> Double.POSITIVE_INFINITY;
      case 1 -> Double.NEGATIVE_INFINITY;
      case 2 -> Double.MAX_VALUE;
      case 3 -> -0.0;
      case 4 -> Double.MIN_VALUE;
      default -> Math.round(random.nextDouble() * 2000 - 500) / 4.0;
    };
  }

  private BigDecimal randomCost() {
    return switch (random.nextInt(20)) {
      case 0 -> new BigDecimal("123456789012345678901234567890.5");
      case 1 -> new BigDecimal("-0.000000000000000000001");
      default -> BigDecimal.valueOf(random.nextInt(2000) - 1000, random.nextInt(3));
    };
  }

  private LocalDate randomDate() {
    return LocalDate.ofEpochDay(random.nextInt(400 * 365) - 250 * 365); // 1720 .. 2120
  }

  private Instant randomInstant() {
    return Instant.ofEpochSecond(random.nextInt(40) - 20 + (random.nextBoolean() ? 0 : random.nextInt()),
        random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
  }

  private String randomText() {
    int n = random.nextInt(5);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < n; i++) {
      text.append(pick(words)).append(random.nextBoolean() ? " " : ", ");
    }
    return text.toString();
  }

  private GeoPoint randomPoint() {
    return GeoPoint.of(-20 + random.nextDouble() * 60, 30 + random.nextDouble() * 40);
  }

  private List<String> randomList(String[] values) {
    int n = random.nextInt(4);
    List<String> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(pick(values));
    }
    return list;
  }

  /** Parts always have a code, so a document is never both absent and present on parts.code. */
  private List<Part> randomParts() {
    int n = random.nextInt(3);
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      parts.add(new Part(pick(codes), random.nextInt(4)));
    }
    return parts;
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private String randomCase(String value) {
    return switch (random.nextInt(3)) {
      case 0 -> value.toUpperCase(Locale.ROOT);
      case 1 -> value.toLowerCase(Locale.ROOT);
      default -> value;
    };
  }

  /** Geo conditions are compared with what the index holds (52-bit geohash precision). */
  private void readIndexedPositions(RekordRepository<?, String> repository) {
    try (UnifiedJedis raw = target().raw()) {
      for (Item item : items.values()) {
        if (item.where() != null) {
          indexedWhere.put(item.id(), indexedPosition(raw, repository, item));
        }
      }
    }
  }

  /** The point Redis holds for {@code item.where()}: the centre of its geohash cell, as the index stores it. */
  GeoPoint indexedPosition(UnifiedJedis raw, RekordRepository<?, String> repository, Item item) {
    GeoCoordinate p = raw.geopos(ItAccess.layout(repository).bucketFor(item.id()).geo("where"), item.id()).get(0);
    return GeoPoint.of(p.getLongitude(), p.getLatitude());
  }

  // ---------------------------------------------------------------- random queries

  private <R> Condition<R> randomCondition(Fields<R> f, int depth) {
    if (depth > 0 && random.nextInt(3) > 0) {
      return switch (random.nextInt(3)) {
        case 0 -> Condition.allOf(children(f, depth));
        case 1 -> Condition.anyOf(children(f, depth));
        default -> randomCondition(f, depth - 1).not();
      };
    }
    return switch (random.nextInt(18)) {
      case 0 -> random.nextBoolean() ? f.sku().eq(pick(skus)) : f.sku().ne(pick(skus));
      case 1 -> f.sku().in(pick(skus), pick(skus), pick(skus));
      case 2 -> f.sku().startsWith(prefix(pick(skus), random.nextInt(3)));
      case 3 -> switch (random.nextInt(4)) {
        case 0 -> f.label().eq(randomCase(pick(labels)));
        case 1 -> f.label().ne(randomCase(pick(labels)));
        case 2 -> f.label().in(randomCase(pick(labels)), pick(labels));
        default -> f.label().startsWith(randomCase(prefix(pick(labels), 1 + random.nextInt(3))));
      };
      case 4 -> comparison(f.qty(), existing(Item::qty, this::randomQty));
      case 5 -> comparison(f.price(), existing(Item::price, this::randomPrice));
      case 6 -> comparison(f.cost(), existing(Item::cost, this::randomCost));
      case 7 -> comparison(f.made(), existing(Item::made, this::randomDate));
      case 8 -> comparison(f.seen(), existing(Item::seen, this::randomInstant));
      case 9 -> random.nextBoolean() ? f.qty().in(randomQty(), existing(Item::qty, this::randomQty))
          : f.made().in(existing(Item::made, this::randomDate), existing(Item::made, this::randomDate));
      case 10 -> switch (random.nextInt(3)) {
        case 0 -> f.notes().matches(randomCase(pick(words)) + " " + pick(words));
        case 1 -> f.notes().matchesAny(pick(words) + " " + randomCase(pick(words)));
        default -> f.notes().matchesPrefix(randomCase(prefix(pick(words), 1 + random.nextInt(3))));
      };
      case 11 -> f.where().within(randomPoint(), random.nextDouble() * 1500,
          pick(List.of(DistanceUnit.KM, DistanceUnit.MI)));
      case 12 -> {
        GeoPoint a = randomPoint();
        yield f.where().withinBox(a, GeoPoint.of(Math.min(180, a.longitude() + random.nextDouble() * 25),
            Math.min(85, a.latitude() + random.nextDouble() * 15)));
      }
      case 13 -> collection(random.nextBoolean() ? f.tags() : f.topics(), () -> randomCase(pick(tags)));
      case 14 -> random.nextBoolean() ? collection(f.partCode(), () -> pick(codes))
          : collection(f.partCount(), () -> random.nextInt(5));
      case 15 -> random.nextBoolean() ? comparison(f.width(), random.nextInt(6) - 1)
          : f.unit().eq(randomCase(pick(units)));
      default -> {
        IndexedAttribute<R, ?> field = pick(f.all());
        yield random.nextBoolean() ? field.isNull() : field.isNotNull();
      }
    };
  }

  private <R> Condition<R>[] children(Fields<R> f, int depth) {
    int n = 1 + random.nextInt(3);
    @SuppressWarnings({"unchecked", "rawtypes"})
    Condition<R>[] children = new Condition[n];
    for (int i = 0; i < n; i++) {
      children[i] = randomCondition(f, depth - 1);
    }
    return children;
  }

  private <R, T extends Comparable<? super T>> Condition<R> comparison(ComparableField<R, T> field, T value) {
    return switch (random.nextInt(8)) {
      case 0 -> field.eq(value);
      case 1 -> field.ne(value);
      case 2 -> field.gt(value);
      case 3 -> field.gte(value);
      case 4 -> field.lt(value);
      case 5 -> field.lte(value);
      case 6 -> field.between(value, value);
      default -> {
        T other = value;
        yield field.between(value, random.nextBoolean(), other, random.nextBoolean());
      }
    };
  }

  private <R, E> Condition<R> collection(CollectionField<R, E, ?> field, Supplier<E> element) {
    return switch (random.nextInt(3)) {
      case 0 -> field.contains(element.get());
      case 1 -> field.containsAll(element.get(), element.get());
      default -> field.containsAny(element.get(), element.get());
    };
  }

  /** Mostly a value some document has, so equality and bounds meet data. */
  private <T> T existing(Function<Item, T> getter, Supplier<T> otherwise) {
    if (random.nextInt(3) > 0) {
      List<Item> all = new ArrayList<>(items.values());
      T value = getter.apply(all.get(random.nextInt(all.size())));
      if (value != null) {
        return value;
      }
    }
    return otherwise.get();
  }

  private static String prefix(String text, int codePoints) {
    return text.substring(0, text.offsetByCodePoints(0, Math.min(codePoints, text.codePointCount(0, text.length()))));
  }

  private <R> List<Sort<R>> randomSort(Fields<R> f) {
    List<Sort<R>> sort = new ArrayList<>();
    int n = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(3);
    for (int i = 0; i < n; i++) {
      SortableField<R> field = pick(f.sortable());
      sort.add(random.nextBoolean() ? field.asc() : field.desc());
    }
    return sort;
  }

  // ---------------------------------------------------------------- the in-memory evaluation

  /** The value of a field path: a single value, a list (multi-valued fields), or null. */
  private static Object value(String path, Item item) {
    return switch (path) {
      case "sku" -> item.sku();
      case "label" -> item.label();
      case "qty" -> item.qty();
      case "price" -> item.price();
      case "cost" -> item.cost();
      case "made" -> item.made();
      case "seen" -> item.seen();
      case "notes" -> item.notes();
      case "where" -> item.where();
      case "tags" -> emptyToNull(item.tags());
      case "topics" -> emptyToNull(item.topics());
      case "parts.code" -> item.parts() == null ? null : emptyToNull(item.parts().stream().map(Part::code).toList());
      case "parts.count" -> item.parts() == null ? null : emptyToNull(item.parts().stream().map(Part::count).toList());
      case "size.width" -> item.size() == null ? null : item.size().width();
      case "size.unit" -> item.size() == null ? null : item.size().unit();
      default -> throw new IllegalArgumentException(path);
    };
  }

  private static List<?> emptyToNull(List<?> list) {
    return list == null || list.isEmpty() ? null : list;
  }

  /** Words: maximal runs of letters and digits, lower-cased. */
  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    text.codePoints().forEach(cp -> {
      if (Character.isLetterOrDigit(cp)) {
        word.appendCodePoint(cp);
      } else if (word.length() > 0) {
        words.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
    });
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }

  /** Whether the item matches a condition {@link InMemoryEvaluation} leaves to this test: text, geo, collections. */
  private boolean matchesOther(Condition<?> condition, Item item) {
    if (condition instanceof TextMatch<?> t) {
      if (item.notes() == null) {
        return false;
      }
      List<String> tokens = words(item.notes());
      List<String> wanted = words(String.join(" ", t.words()));
      List<Boolean> found = new ArrayList<>();
      for (int i = 0; i < wanted.size(); i++) {
        String word = wanted.get(i);
        boolean prefix = t.prefix() && i == wanted.size() - 1;
        found.add(tokens.stream().anyMatch(k -> prefix ? k.startsWith(word) : k.equals(word)));
      }
      return t.all() ? !found.contains(false) : found.contains(true);
    }
    if (condition instanceof GeoRadius<?> g) {
      GeoPoint p = indexedWhere.get(item.id());
      return p != null && distance(g.center(), p) <= g.unit().toMeters(g.radius());
    }
    if (condition instanceof GeoBox<?> b) {
      GeoPoint p = indexedWhere.get(item.id());
      return p != null && p.longitude() >= b.southWest().longitude() && p.longitude() <= b.northEast().longitude()
          && p.latitude() >= b.southWest().latitude() && p.latitude() <= b.northEast().latitude();
    }
    if (condition instanceof Contains<?> c) {
      Object value = value(c.field().path(), item);
      if (value == null) {
        return false;
      }
      boolean cs = c.field().index().caseSensitive();
      List<String> present = ((Collection<?>) value).stream().filter(v -> v != null)
          .map(v -> InMemoryEvaluation.fold(String.valueOf(v), cs)).toList();
      List<Boolean> found = c.values().stream().map(v -> present.contains(InMemoryEvaluation.fold(String.valueOf(v), cs))).toList();
      return c.all() ? !found.contains(false) : found.contains(true);
    }
    throw new IllegalArgumentException(String.valueOf(condition));
  }

  /** Haversine on Redis' Earth radius, as GEOSEARCH computes it. */
  private static double distance(GeoPoint a, GeoPoint b) {
    double lat1 = Math.toRadians(a.latitude());
    double lat2 = Math.toRadians(b.latitude());
    double u = Math.sin((lat2 - lat1) / 2);
    double v = Math.sin(Math.toRadians(b.longitude() - a.longitude()) / 2);
    return 2.0 * EARTH_RADIUS_METERS * Math.asin(Math.sqrt(u * u + Math.cos(lat1) * Math.cos(lat2) * v * v));
  }
}
