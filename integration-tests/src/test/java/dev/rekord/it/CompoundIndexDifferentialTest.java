package dev.rekord.it;

import dev.rekord.ItAccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.it.model.Color;
import dev.rekord.it.model.Home;
import dev.rekord.it.model.Resident;
import dev.rekord.it.model.ResidentIndex;
import dev.rekord.it.model.ResidentRepository;
import dev.rekord.it.model.Resident_;
import dev.rekord.metamodel.ComparableField;
import dev.rekord.metamodel.SortableField;
import dev.rekord.model.CompoundIndex;
import dev.rekord.query.And;
import dev.rekord.query.Comparison;
import dev.rekord.query.Condition;
import dev.rekord.query.Range;
import dev.rekord.query.Sort;
import dev.rekord.Query;
import dev.rekord.test.RedisExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.UnifiedJedis;

/**
 * Seeded random residents and random queries shaped to meet {@link Resident}'s compound indexes
 * ({@code eq} on their tags, ranges on and sorts by their numbers, among other conjuncts, nested
 * {@code and}s, nulls, descending sorts, offsets), with 1 and 4 buckets: every query must return
 * exactly what an in-memory evaluation returns (order, page, count, existence), as without the
 * compound indexes.
 *
 * <p>That the compound indexes are really used is checked after all queries: with every compound
 * key deleted, each query the rules of {@code docs/queries.md} say a compound index answers (a
 * specification written out here, independently of the planner) finds nothing, and every other
 * query still finds what it found. Reproduce a failure with {@code -Drekord.seed=<seed>}.
 */
class CompoundIndexDifferentialTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final long SEED = Long.getLong("rekord.seed", 20240707L);
  private static final int DOCUMENTS = 700;
  private static final int QUERIES = 300;

  /** Tag values with ':', a prefix of another value, non-ASCII, the empty string and the byte 0. */
  private static final String[] CITIES = {"Oslo", "oslo", "Bergen", "a", "a:1", "1:a", "東京", "😀", "", "a\0b", "a\0"};
  private static final String[] TEAMS = {"Red", "RED", "red", "Red\0", "Blue", "Grün", "GRÜN", "x:y"};
  private static final String[] COUNTRIES = {"NO", "no", "SE", "4:NO", "N\0O"};
  private static final String[] NICKNAMES = {"ace", "bee", "cee"};

  static {
    System.out.println("CompoundIndexDifferentialTest seed: " + SEED + " (-Drekord.seed=" + SEED + ")");
  }

  /**
   * The compound indexes of {@link Resident}, as its annotations declare them: the paths of the
   * tags, the path of the number, and whether the number may be null.
   */
  private record Compound(List<String> tags, String number, boolean numberNullable) {}

  private static final List<Compound> COMPOUNDS = List.of(
      new Compound(List.of("city"), "age", false),
      new Compound(List.of("city", "team"), "age", false),
      new Compound(List.of("team"), "joined", true),
      new Compound(List.of("color"), "score", true),
      new Compound(List.of("city"), "home.floor", true),
      new Compound(List.of("home.country"), "age", false));

  private Random random;
  private final Map<String, Resident> residents = new LinkedHashMap<>();
  private final InMemoryEvaluation<Resident> evaluation = new InMemoryEvaluation<>(Resident::id,
      CompoundIndexDifferentialTest::value, (condition, resident) -> {
        throw new IllegalArgumentException(String.valueOf(condition));
      });
  /** The compound index the current query is shaped for, if any. */
  private Compound target;

  /**
   * A query run, with what it returned and whether a compound index should answer it: its page
   * ({@code ids}), and its count (which ignores the sort order, so needs a range).
   */
  private record Run(Query<Resident, String> query, List<String> ids, long count, boolean compound,
      boolean compoundCount) {}

  /** Where the tests run: the extension's standalone server; the {@code Cluster…} subclass overrides it. */
  RedisTarget target() {
    return new RedisTarget(redis.server());
  }

  /** A Rekord on {@link #target()} with {@code buckets}; the {@code Compact…} subclass sets its index layout. */
  Rekord connect(int buckets) {
    return Rekord.builder().url(target().url()).buckets(buckets).build();
  }

  static Stream<Arguments> buckets() {
    return Stream.of(Arguments.of(1), Arguments.of(4));
  }

  /**
   * Pages deep into a compound index's range sorted by its number (over 4 buckets: found by
   * counting, {@code RankedPages}), ages shared by ~75 residents a bucket, both directions, against the
   * in-memory evaluation.
   */
  @Test
  void deepPagesOfACompoundIndexAgreeWithInMemoryEvaluation() {
    target().flushAll();
    Random seeded = new Random(SEED);
    List<Resident> all = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      String city = i % 10 == 0 ? "Bergen" : "Oslo";
      all.add(new Resident("d" + i, city, null, seeded.nextInt(10), null, null, null, null, null));
    }
    try (Rekord rekord = connect(4)) {
      ResidentRepository repository = new ResidentRepository(rekord);
      repository.saveAll(all);
      for (int q = 0; q < 40; q++) {
        int low = seeded.nextInt(3);
        int high = low + 5 + seeded.nextInt(5);
        boolean descending = seeded.nextBoolean();
        Condition<Resident> condition = Resident_.city.eq("Oslo").and(Resident_.age.between(low, high));
        List<Sort<Resident>> sort = List.of(descending ? Resident_.age.desc() : Resident_.age.asc());
        long offset = 1_000 + seeded.nextInt(1_000);
        long limit = 1 + seeded.nextInt(40);
        String what = "seed " + SEED + ", deep page " + q + ": age " + low + "-" + high + (descending ? " desc" : " asc")
            + " offset " + offset + " limit " + limit;
        assertEquals(evaluation.expected(all, condition, sort, offset, limit),
            Differential.query(repository, condition, sort, offset, limit).ids(), what);
      }
    }
  }

  @ParameterizedTest(name = "{0} bucket(s)")
  @MethodSource("buckets")
  void queriesAgreeWithInMemoryEvaluationAndUseTheCompoundIndexes(int buckets) {
    assertEquals(COMPOUNDS, ResidentIndex.DEFINITION.compounds().stream()
        .map(CompoundIndexDifferentialTest::describe).toList(), "the generated definition");
    target().flushAll();
    random = new Random(SEED);
    residents.clear();
    try (Rekord rekord = connect(buckets)) {
      ResidentRepository repository = new ResidentRepository(rekord);
      assertEquals(buckets, repository.buckets());
      // updates move compound entries; deletes remove them
      Differential.write(repository, residents, Resident::id, i -> randomResident((random.nextInt(5) == 0 ? "é" : "r") + i),
          this::randomResident, DOCUMENTS, DOCUMENTS / 4, random);

      List<Run> runs = new ArrayList<>();
      for (int q = 0; q < QUERIES; q++) {
        Condition<Resident> condition = randomCondition();
        List<Sort<Resident>> sort = randomSort();
        long offset = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
        long limit = random.nextInt(3) == 0 ? -1 : random.nextInt(25);
        Query<Resident, String> query = Differential.query(repository, condition, sort, offset, limit);
        String what = "seed " + SEED + ", " + buckets + " bucket(s), query " + q + ": " + query;
        List<String> expected = evaluation.expected(residents.values(), condition, sort, offset, limit);
        long count = evaluation.count(residents.values(), condition);
        assertEquals(expected, query.ids(), what);
        assertEquals(count, query.count(), what);
        assertEquals(count > 0, query.exists(), what);
        if (q % 10 == 0) { // loading and the cursor return the same documents in the same order
          assertEquals(expected, query.list().stream().map(Resident::id).toList(), what);
          assertEquals(expected, query.pageSize(1 + random.nextInt(7)).stream().map(Resident::id).toList(), what);
        }
        runs.add(new Run(query, expected, count, usesCompound(condition, sort), usesCompound(condition, List.of())));
      }

      // Without the compound keys, what a compound index answers is gone, and nothing else changes.
      deleteCompoundKeys();
      long answered = 0;
      for (int q = 0; q < runs.size(); q++) {
        Run run = runs.get(q);
        String what = "seed " + SEED + ", " + buckets + " bucket(s), query " + q + " without compound keys: " + run.query();
        assertEquals(run.compound() ? List.of() : run.ids(), run.query().ids(), what);
        assertEquals(run.compoundCount() ? 0 : run.count(), run.query().count(), what);
        assertEquals(!run.compoundCount() && run.count() > 0, run.query().exists(), what);
        answered += run.compound() && !run.ids().isEmpty() ? 1 : 0;
      }
      long compound = runs.stream().filter(Run::compound).count();
      assertTrue(compound >= QUERIES / 4 && compound <= QUERIES * 3 / 4, compound + " of " + QUERIES + " queries for compound indexes");
      assertTrue(answered >= QUERIES / 10, answered + " queries answered by a compound index found something");
      long sortedOnly = runs.stream().filter(run -> run.compound() && !run.compoundCount()).count();
      assertTrue(sortedOnly >= 5, sortedOnly + " queries used a compound index for their sort order alone");
    }
  }

  private static Compound describe(CompoundIndex index) {
    return new Compound(index.tags().stream().map(tag -> tag.path()).toList(), index.number().path(),
        index.numberNullable());
  }

  private void deleteCompoundKeys() {
    try (UnifiedJedis raw = target().raw()) {
      for (String key : target().keys("{resident*#cmp:*")) {
        raw.del(key);
      }
    }
    assertEquals(List.of(), List.copyOf(target().keys("{resident*#cmp:*")));
  }

  // ---------------------------------------------------------------- data

  private Resident randomResident(String id) {
    return new Resident(id,
        nullOr(() -> pick(CITIES)),
        nullOr(() -> pick(TEAMS)),
        random.nextInt(30) == 0 ? (random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE) : random.nextInt(70) - 5,
        nullOr(this::randomDate),
        nullOr(() -> pick(Color.values())),
        nullOr(this::randomScore),
        nullOr(() -> pick(NICKNAMES)),
        nullOr(() -> new Home(nullOr(() -> pick(COUNTRIES)), random.nextInt(6))));
  }

  private <T> T nullOr(Supplier<T> value) {
    return random.nextInt(6) == 0 ? null : value.get();
  }

  private LocalDate randomDate() {
    return LocalDate.ofEpochDay(random.nextInt(3000) - 500);
  }

  private Double randomScore() {
    return switch (random.nextInt(20)) {
      case 0 -> Double.POSITIVE_INFINITY;
      case 1 -> Double.NEGATIVE_INFINITY;
      case 2 -> -0.0;
      default -> Math.round(random.nextDouble() * 400 - 100) / 4.0;
    };
  }

  private <T> T pick(T[] values) {
    return values[random.nextInt(values.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** Mostly a value some resident has, so equalities and bounds meet data. */
  private <T> T existing(Function<Resident, T> getter, Supplier<T> otherwise) {
    if (random.nextInt(4) > 0 && !residents.isEmpty()) {
      List<Resident> all = new ArrayList<>(residents.values());
      T value = getter.apply(all.get(random.nextInt(all.size())));
      if (value != null) {
        return value;
      }
    }
    return otherwise.get();
  }

  private static String randomCase(Random random, String value) {
    return switch (random.nextInt(3)) {
      case 0 -> value.toUpperCase(Locale.ROOT);
      case 1 -> value.toLowerCase(Locale.ROOT);
      default -> value;
    };
  }

  // ---------------------------------------------------------------- queries

  /** Equalities on tags and ranges on numbers, often those of one compound index, among other conjuncts. */
  private Condition<Resident> randomCondition() {
    if (random.nextInt(25) == 0) {
      target = null;
      return null;
    }
    List<Condition<Resident>> conjuncts = new ArrayList<>();
    target = random.nextInt(4) > 0 ? pick(COMPOUNDS) : null;
    List<String> tags = List.of("city", "team", "color", "home.country");
    for (String tag : tags) {
      boolean wanted = target != null && target.tags().contains(tag) ? random.nextInt(8) > 0 : random.nextInt(5) == 0;
      if (wanted) {
        conjuncts.add(equality(tag));
      }
    }
    List<String> numbers = List.of("age", "joined", "score", "home.floor");
    for (String number : numbers) {
      boolean wanted = target != null && target.number().equals(number) ? random.nextInt(3) > 0 : random.nextInt(6) == 0;
      if (wanted) {
        conjuncts.add(range(number));
        if (random.nextInt(4) == 0) {
          conjuncts.add(range(number));
        }
      }
    }
    int extras = random.nextInt(3) == 0 ? 1 + random.nextInt(2) : 0;
    for (int i = 0; i < extras; i++) {
      conjuncts.add(extra());
    }
    if (conjuncts.isEmpty()) {
      return extra();
    }
    Collections.shuffle(conjuncts, random);
    return nest(conjuncts);
  }

  /** The conjuncts as one {@code and}, or as nested ones. */
  private Condition<Resident> nest(List<Condition<Resident>> conjuncts) {
    if (conjuncts.size() == 1) {
      return conjuncts.get(0);
    }
    if (random.nextInt(3) == 0) {
      int cut = 1 + random.nextInt(conjuncts.size() - 1);
      return nest(conjuncts.subList(0, cut)).and(nest(conjuncts.subList(cut, conjuncts.size())));
    }
    return new And<>(conjuncts);
  }

  private Condition<Resident> equality(String tag) {
    return switch (tag) {
      case "city" -> Resident_.city.eq(existing(Resident::city, () -> pick(CITIES)));
      case "team" -> Resident_.team.eq(randomCase(random, existing(Resident::team, () -> pick(TEAMS))));
      case "color" -> Resident_.color.eq(pick(Color.values()));
      default -> Resident_.home.country.eq(existing(r -> r.home() == null ? null : r.home().country(), () -> pick(COUNTRIES)));
    };
  }

  private Condition<Resident> range(String number) {
    return switch (number) {
      case "age" -> comparison(Resident_.age, () -> existing(Resident::age, () -> random.nextInt(70) - 5));
      case "joined" -> comparison(Resident_.joined, () -> existing(Resident::joined, this::randomDate));
      case "score" -> comparison(Resident_.score, () -> existing(Resident::score, this::randomScore));
      default -> comparison(Resident_.home.floor, () -> random.nextInt(7) - 1);
    };
  }

  private <T extends Comparable<? super T>> Condition<Resident> comparison(
      ComparableField<Resident, T> field, Supplier<T> value) {
    return switch (random.nextInt(9)) {
      case 0 -> field.eq(value.get());
      case 1 -> field.gt(value.get());
      case 2 -> field.gte(value.get());
      case 3 -> field.lt(value.get());
      case 4 -> field.lte(value.get());
      case 5 -> field.between(null, value.get());
      case 6 -> field.between(value.get(), null);
      default -> {
        T a = value.get();
        T b = value.get();
        T lower = a.compareTo(b) <= 0 || random.nextInt(5) == 0 ? a : b;
        T upper = lower == a ? b : a;
        yield field.between(lower, random.nextBoolean(), upper, random.nextBoolean());
      }
    };
  }

  /** A conjunct no compound index covers (or one that looks close: {@code in}, {@code ne}, {@code or}). */
  private Condition<Resident> extra() {
    return switch (random.nextInt(10)) {
      case 0 -> Resident_.nickname.eq(pick(NICKNAMES));
      case 1 -> Resident_.city.in(pick(CITIES), pick(CITIES));
      case 2 -> Resident_.city.ne(pick(CITIES));
      case 3 -> Resident_.age.ne(existing(Resident::age, () -> 3));
      case 4 -> random.nextBoolean() ? Resident_.joined.isNull() : Resident_.home.floor.isNotNull();
      case 5 -> Resident_.city.eq(pick(CITIES)).or(Resident_.team.eq(pick(TEAMS)));
      case 6 -> Resident_.city.eq(pick(CITIES)).and(Resident_.age.gt(20)).not();
      case 7 -> Resident_.city.startsWith(pick(List.of("a", "O", "")));
      case 8 -> Resident_.nickname.isNull();
      default -> Resident_.score.gt(0.0);
    };
  }

  private List<Sort<Resident>> randomSort() {
    List<SortableField<Resident>> sortable =
        List.of(Resident_.age, Resident_.joined, Resident_.score, Resident_.home.floor, Resident_.city);
    List<Sort<Resident>> sort = new ArrayList<>();
    int n = random.nextInt(3) == 0 ? 0 : random.nextInt(4) == 0 ? 2 : 1;
    for (int i = 0; i < n; i++) {
      SortableField<Resident> field = pick(sortable);
      if (i == 0 && target != null && random.nextBoolean()) { // by the number of the compound index
        field = sortable.stream().filter(f -> f.path().equals(target.number())).findFirst().orElseThrow();
      }
      sort.add(random.nextBoolean() ? field.asc() : field.desc());
    }
    return sort;
  }

  /**
   * Whether a compound index answers the query, by the documented rules: in the root conjunction
   * (nested {@code and}s flattened), an {@code eq} with a value on each of its tags, and a range
   * on its number or a first sort key on its number when the number cannot be null.
   */
  private static boolean usesCompound(Condition<Resident> condition, List<Sort<Resident>> sort) {
    if (condition == null) {
      return false;
    }
    List<Condition<?>> conjuncts = new ArrayList<>();
    flatten(condition, conjuncts);
    for (Compound compound : COMPOUNDS) {
      boolean tags = compound.tags().stream().allMatch(tag -> conjuncts.stream().anyMatch(c ->
          c instanceof Comparison<?> eq && eq.operator() == Comparison.Operator.EQ && eq.value() != null
              && eq.field().path().equals(tag)));
      boolean range = conjuncts.stream().anyMatch(c ->
          c instanceof Range<?> r && r.field().path().equals(compound.number())
              || c instanceof Comparison<?> cmp && cmp.operator() != Comparison.Operator.NE && cmp.value() != null
                  && cmp.field().path().equals(compound.number()));
      boolean sorted = !sort.isEmpty() && sort.get(0).field().path().equals(compound.number());
      if (tags && (range || sorted && !compound.numberNullable())) {
        return true;
      }
    }
    return false;
  }

  private static void flatten(Condition<?> condition, List<Condition<?>> out) {
    if (condition instanceof And<?> and) {
      and.conditions().forEach(c -> flatten(c, out));
    } else {
      out.add(condition);
    }
  }

  // ---------------------------------------------------------------- the in-memory evaluation

  private static Object value(String path, Resident r) {
    return switch (path) {
      case "city" -> r.city();
      case "team" -> r.team();
      case "age" -> r.age();
      case "joined" -> r.joined();
      case "color" -> r.color();
      case "score" -> r.score();
      case "nickname" -> r.nickname();
      case "home.country" -> r.home() == null ? null : r.home().country();
      case "home.floor" -> r.home() == null ? null : r.home().floor();
      default -> throw new IllegalArgumentException(path);
    };
  }
}
