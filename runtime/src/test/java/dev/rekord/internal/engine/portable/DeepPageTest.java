package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.portable.Doc.Doc_;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages deep into one index's range over several buckets (found by counting: {@link RankedPages}),
 * against an in-memory evaluation: numeric ranges sorted by their own field, with scores with many
 * ties (ages) and few (dates), both directions, bounds inclusive and exclusive; a tag's value, a
 * collection's value and every id, in id order; ids holding the bytes 0 and 1 (ties go in byte
 * order). Each page is asked as a query, and of the counting alone ({@link RankedPages}), which must
 * answer (not leave it to the merge) with its numeric windows cut by score and cut by rank. With
 * expiring documents a page is merged as any page.
 */
public class DeepPageTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final long SEED = Long.getLong("rekord.seed", 20261204L);
  private static final int DOCUMENTS = 3000;
  private static final int QUERIES = 150;

  /** On both index layouts: a compact set answers the counting's reads through {@code compact_read.lua}. */
  @ParameterizedTest(name = "{0} buckets, compact {1}")
  @CsvSource({"4, false", "16, false", "4, true", "16, true"})
  public void deepPagesEqualTheInMemoryEvaluation(int buckets, boolean compact) {
    Random random = new Random(SEED + buckets);
    KeyLayout layout = KeyLayout.of("deep" + buckets + (compact ? "c" : ""), buckets, compact);
    try (RedisConnection connection = connect()) {
      IndexWriter writer = new IndexWriter(connection, layout);
      PortableQueries engine = new PortableQueries(connection, layout);
      List<Doc> docs = new ArrayList<>();
      for (int i = 0; i < DOCUMENTS; i++) {
        String id = switch (random.nextInt(4)) {
          case 0 -> "d\0" + i;
          case 1 -> "\1" + i;
          default -> "d" + i;
        };
        Integer age = random.nextInt(12) == 0 ? null : random.nextInt(30);
        LocalDate born = random.nextInt(12) == 0 ? null : LocalDate.ofEpochDay(random.nextInt(20_000));
        String city = random.nextInt(12) == 0 ? null : CITIES.get(random.nextInt(CITIES.size()));
        List<String> tags = random.nextInt(6) == 0 ? List.of() : List.of(TAGS.get(random.nextInt(TAGS.size())));
        Doc doc = new Doc(id, city, null, age, born, null, null, null, tags);
        writer.saveHash(id, Map.of("id", id), Duration.ZERO, doc.entries());
        docs.add(doc);
      }

      long scriptsBefore = evalshaCalls();
      for (int q = 0; q < QUERIES; q++) {
        Query query = random.nextBoolean() ? ageQuery(random) : bornQuery(random);
        boolean descending = random.nextBoolean();
        List<Sort<Doc>> sort = List.of(query.sort(descending));
        List<Doc> matching = docs.stream().filter(query.where()).sorted(query.order(descending)).toList();
        assertDeepPages(connection, layout, query.condition(), sort, matching, random, "query " + q + " (seed "
            + (SEED + buckets) + "): " + query.condition() + " " + (descending ? "desc" : "asc"));
      }
      // a compact set's every read is a script call (compact_read.lua): no bound on them here
      assertTrue(compact || evalshaCalls() - scriptsBefore <= QUERIES * 2L * buckets,
          "no query scripts: at most one window script per bucket, for the query and the page cut by rank");

      scriptsBefore = evalshaCalls();
      List<Doc> byId = docs.stream().sorted(Comparator.comparing(Doc::id, DeepPageTest::compareBytes)).toList();
      for (int q = 0; q < QUERIES / 3; q++) {
        String city = CITIES.get(random.nextInt(CITIES.size()));
        String tag = TAGS.get(random.nextInt(TAGS.size()));
        String what = "query " + q + " (seed " + (SEED + buckets) + "): ";
        assertDeepPages(connection, layout, Doc_.city.eq(city), List.of(),
            byId.stream().filter(d -> city.equals(d.city())).toList(), random, what + "city = " + city);
        assertDeepPages(connection, layout, Doc_.tags.contains(tag), List.of(),
            byId.stream().filter(d -> d.tags().contains(tag)).toList(), random, what + "tags contain " + tag);
        assertDeepPages(connection, layout, null, List.of(), byId, random, what + "every document");
      }
      if (!compact) {
        assertEquals(scriptsBefore, evalshaCalls(), "deep pages of members are counted with plain commands");
      }

      for (int i = 0; i < 50; i++) { // an expiring document in every bucket: the pages are merged by scripts
        Doc doc = docs.get(i);
        writer.saveHash(doc.id(), Map.of("id", doc.id()), Duration.ofHours(1), doc.entries());
      }
      List<Doc> byAge = docs.stream().filter(d -> d.age() != null && d.age() >= 3)
          .sorted(Comparator.comparing(Doc::age).thenComparing(Doc::id, DeepPageTest::compareBytes)).toList();
      assertEquals(byAge.stream().skip(1500).limit(25).map(Doc::id).toList(),
          engine.ids(Doc_.age.gte(3), List.of(Doc_.age.asc()), 1500, 25));
      assertEquals(true, evalshaCalls() > scriptsBefore, "merged by scripts once documents expire");
    }
  }

  /**
   * A page deep inside one score that every row shares (625 rows a bucket: crowded) is cut out of
   * that score by rank: the servers send a window of it, not all of it (the page before this read
   * every row of a score that the buckets' samples fell in).
   */
  @ParameterizedTest(name = "{0} buckets")
  @ValueSource(ints = {16})
  public void aPageDeepInsideOneScoreReadsAWindowOfIt(int buckets) {
    KeyLayout layout = KeyLayout.of("tie" + buckets, buckets);
    int documents = 10_000;
    try (RedisConnection connection = connect()) {
      IndexWriter writer = new IndexWriter(connection, layout);
      PortableQueries engine = new PortableQueries(connection, layout);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < documents; i++) {
        String id = "member-" + i;
        Doc doc = new Doc(id, null, null, 42, null, null, null, null, null);
        writer.saveHash(id, Map.of("id", id), Duration.ZERO, doc.entries());
        ids.add(id);
      }
      ids.sort(DeepPageTest::compareBytes);
      long tieBytes = ids.stream().mapToLong(id -> id.length() + 8).sum(); // "$9\r\nmember-1\r\n"
      for (boolean descending : List.of(false, true)) {
        List<String> inOrder = new ArrayList<>(ids);
        if (descending) {
          java.util.Collections.reverse(inOrder);
        }
        long sent = outputBytes();
        List<String> page = engine.ids(Doc_.age.gte(0), List.of(descending ? Doc_.age.desc() : Doc_.age.asc()),
            4000, 20);
        long read = outputBytes() - sent;
        assertEquals(inOrder.subList(4000, 4020), page);
        assertTrue(read < tieBytes / 4, "read " + read + " bytes of a score of " + tieBytes);
      }
    }
  }

  private static final List<String> CITIES = List.of("Oslo", "Bergen", "Tromsø\0", "Ås");
  private static final List<String> TAGS = List.of("a", "b", "c");

  /**
   * A deep page of {@code matching} (in result order), random offset and limit, asked as a query and
   * of the counting alone: numeric windows cut by score (no score crowded) and by rank (every one).
   */
  private void assertDeepPages(RedisConnection connection, KeyLayout layout, Condition<Doc> condition,
      List<Sort<Doc>> sort, List<Doc> matching, Random random, String what) {
    long offset = NodeFanOut.SPREAD_ROWS + 1 + random.nextInt(Math.max(1, matching.size() - 900));
    int limit = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(60);
    List<String> expected = matching.stream().skip(offset).limit(limit).map(Doc::id).toList();
    String page = what + " offset " + offset + " limit " + limit;
    assertEquals(expected, new PortableQueries(connection, layout).ids(condition, sort, offset, limit), page);
    List<QueryPlan.DirectRange> ranges = new ArrayList<>();
    for (int b = 0; b < layout.buckets(); b++) {
      ranges.add(QueryPlan.of(layout.bucket(b), condition, sort).directRange());
    }
    for (long crowded : List.of(Long.MAX_VALUE, 1L)) {
      List<PortableQueries.Row> rows = new RankedPages(connection, crowded).page(ranges, offset, limit,
          PortableQueries.order(sort));
      assertEquals(expected, rows == null ? null : rows.stream().map(PortableQueries.Row::id).toList(),
          page + ", counted, crowded " + crowded);
    }
  }

  /** A condition on one sortable number, its sort and its order in memory. */
  private record Query(Condition<Doc> condition, Predicate<Doc> where, Function<Doc, Comparable<?>> value,
      Function<Boolean, Sort<Doc>> sorts) {
    Sort<Doc> sort(boolean descending) {
      return sorts.apply(descending);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    Comparator<Doc> order(boolean descending) {
      Comparator<Doc> byValue = Comparator.comparing(d -> (Comparable) value.apply(d));
      Comparator<Doc> ascending = byValue.thenComparing(Doc::id, DeepPageTest::compareBytes);
      return descending ? ascending.reversed() : ascending;
    }
  }

  private static Query ageQuery(Random random) {
    int lo = random.nextInt(10);
    int hi = lo + 5 + random.nextInt(25);
    Function<Boolean, Sort<Doc>> sorts = d -> d ? Doc_.age.desc() : Doc_.age.asc();
    return switch (random.nextInt(3)) {
      case 0 -> new Query(Doc_.age.between(lo, hi), d -> d.age() != null && d.age() >= lo && d.age() <= hi, Doc::age, sorts);
      case 1 -> new Query(Doc_.age.gte(lo), d -> d.age() != null && d.age() >= lo, Doc::age, sorts);
      default -> new Query(Doc_.age.lt(hi), d -> d.age() != null && d.age() < hi, Doc::age, sorts);
    };
  }

  private static Query bornQuery(Random random) {
    LocalDate lo = LocalDate.ofEpochDay(random.nextInt(5_000));
    LocalDate hi = LocalDate.ofEpochDay(10_000 + random.nextInt(10_000));
    Function<Boolean, Sort<Doc>> sorts = d -> d ? Doc_.born.desc() : Doc_.born.asc();
    return switch (random.nextInt(3)) {
      case 0 -> new Query(Doc_.born.between(lo, false, hi, false),
          d -> d.born() != null && d.born().isAfter(lo) && d.born().isBefore(hi), Doc::born, sorts);
      case 1 -> new Query(Doc_.born.gt(lo), d -> d.born() != null && d.born().isAfter(lo), Doc::born, sorts);
      default -> new Query(Doc_.born.lte(hi), d -> d.born() != null && !d.born().isAfter(hi), Doc::born, sorts);
    };
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** The server the test runs on; the cluster variant ({@code dev.rekord.cluster}) overrides it. */
  protected RedisConnection connect() {
    return IndexMaintenanceTest.open(redis.server().host(), redis.server().port());
  }

  /** The servers' masters, whose {@code EVALSHA} calls are counted. */
  protected List<RedisServer> masters() {
    return List.of(redis.server());
  }

  /** What the masters have sent their clients, in bytes. */
  private long outputBytes() {
    return sumOverMasters("stats", "total_net_output_bytes:", line -> line.substring(line.indexOf(':') + 1).trim());
  }

  private long evalshaCalls() {
    return sumOverMasters("commandstats", "cmdstat_evalsha:", line -> line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
  }

  /**
   * The number {@code read} finds in the line starting {@code field} of {@code INFO section},
   * summed over the masters.
   */
  private long sumOverMasters(String section, String field, Function<String, String> read) {
    long sum = 0;
    for (RedisServer server : masters()) {
      for (String line : ((String) server.command("INFO", section)).split("\r\n")) {
        if (line.startsWith(field)) {
          sum += Long.parseLong(read.apply(line));
        }
      }
    }
    return sum;
  }
}
