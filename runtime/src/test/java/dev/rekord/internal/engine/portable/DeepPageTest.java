package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pages deep into a numeric range sorted by its own index, over several buckets (found by counting:
 * {@link RankedPages}), against an in-memory evaluation: scores with many ties (ages) and few
 * (dates), both directions, bounds inclusive and exclusive, ids holding the bytes 0 and 1 (ties go
 * in byte order). Such a page runs no script; with expiring documents it is merged as any page.
 */
public class DeepPageTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final long SEED = Long.getLong("rekord.seed", 20261204L);
  private static final int DOCUMENTS = 3000;
  private static final int QUERIES = 150;

  @ParameterizedTest(name = "{0} buckets")
  @ValueSource(ints = {4, 16})
  public void deepPagesEqualTheInMemoryEvaluation(int buckets) {
    Random random = new Random(SEED + buckets);
    KeyLayout layout = KeyLayout.of("deep" + buckets, buckets);
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
        Doc doc = new Doc(id, null, null, age, born, null, null, null, null);
        writer.saveHash(id, Map.of("id", id), Duration.ZERO, doc.entries());
        docs.add(doc);
      }

      long scriptsBefore = evalshaCalls();
      for (int q = 0; q < QUERIES; q++) {
        Query query = random.nextBoolean() ? ageQuery(random) : bornQuery(random);
        boolean descending = random.nextBoolean();
        Sort<Doc> sort = query.sort(descending);
        List<Doc> matching = docs.stream().filter(query.where()).sorted(query.order(descending)).toList();
        long offset = NodeFanOut.SPREAD_ROWS + 1 + random.nextInt(Math.max(1, matching.size() - 900));
        int limit = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(60);
        List<String> expected = matching.stream().skip(offset).limit(limit).map(Doc::id).toList();
        String what = "query " + q + " (seed " + (SEED + buckets) + "): " + query.condition() + " "
            + (descending ? "desc" : "asc") + " offset " + offset + " limit " + limit;
        assertEquals(expected, engine.ids(query.condition(), List.of(sort), offset, limit), what);
      }
      assertEquals(scriptsBefore, evalshaCalls(), "deep pages of a ranked range are counted, not merged by scripts");

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

  private long evalshaCalls() {
    long calls = 0;
    for (RedisServer server : masters()) {
      String stats = (String) server.command("INFO", "commandstats");
      for (String line : stats.split("\r\n")) {
        if (line.startsWith("cmdstat_evalsha:")) {
          calls += Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
        }
      }
    }
    return calls;
  }
}
