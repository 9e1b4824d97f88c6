package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.portable.Doc.Doc_;
import dev.rekord.query.Condition;
import dev.rekord.query.DistanceUnit;
import dev.rekord.query.Sort;
import dev.rekord.connection.ScriptCall;
import dev.rekord.test.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * Pins the planner's early stop: a page of 20 from 50,000 documents costs O(page) commands inside
 * the query script, not O(matches). Counted with {@code INFO commandstats} (nested calls of a
 * script count there), never timed.
 */
class EarlyStopTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final int DOCUMENTS = 50_000;
  private static final KeyLayout LAYOUT = KeyLayout.of("stop");
  private static RedisConnection connection;
  private static PortableQueries engine;

  @BeforeAll
  static void connect() {
    connection = IndexMaintenanceTest.open(redis.server().host(), redis.server().port());
  }

  /** The extension empties the server before each test. */
  @BeforeEach
  void load() {
    IndexWriter writer = new IndexWriter(connection, LAYOUT);
    List<ScriptCall> batch = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      String id = String.format("d%06d", i);
      IndexEntries entries = IndexEntries.create()
          .tag(Doc.CITY, "city" + (i % 10))
          .numeric(Doc.AGE, (double) (i % 100))
          .geo(Doc.LOC, point(i));
      batch.add(writer.saveHashCall(id, Map.of("id", id), Duration.ZERO, entries));
      if (batch.size() == 1000) {
        writer.saveAll(batch);
        batch.clear();
      }
    }
    writer.saveAll(batch);
  }

  /** A grid of 250 × 200 points 0.1° apart (about 11 km). */
  private static GeoPoint point(int i) {
    return GeoPoint.of((i % 250) * 0.1, (i / 250) * 0.1);
  }

  @AfterAll
  static void close() {
    connection.close();
  }

  /** Runs the query and returns the calls of each command it made on the server. */
  private static Map<String, Long> calls(Condition<Doc> condition, List<Sort<Doc>> sort, List<String> expected) {
    UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
    jedis.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("RESETSTAT"));
    assertEquals(expected, engine().ids(condition, sort, 0, 20));
    Map<String, Long> calls = new HashMap<>();
    for (String line : jedis.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        String count = line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls=")));
        calls.put(name, Long.parseLong(count));
      }
    }
    return calls;
  }

  private static PortableQueries engine() {
    if (engine == null) {
      engine = new PortableQueries(connection, LAYOUT);
    }
    return engine;
  }

  private static long inner(Map<String, Long> calls) {
    long sum = 0;
    for (Map.Entry<String, Long> call : calls.entrySet()) {
      if (!call.getKey().startsWith("eval") && !call.getKey().equals("config") && !call.getKey().equals("script")) {
        sum += call.getValue();
      }
    }
    return sum;
  }

  @Test
  void anUnsortedEqualityPageStopsAfterThePage() {
    List<String> expected = new ArrayList<>();
    for (int i = 3; expected.size() < 20; i += 10) {
      expected.add(String.format("d%06d", i));
    }
    Map<String, Long> calls = calls(Doc_.city.eq("city3"), List.of(), expected); // 5,000 matches
    assertTrue(calls.getOrDefault("zrange", 0L) <= 2, calls.toString());
    assertTrue(inner(calls) <= 60, "O(page) commands, not O(5000): " + calls);
  }

  @Test
  void aRangeSortedByItsOwnFieldStopsAfterThePage() {
    // ages 30..32: 1,500 matches; by age, ties by id
    List<String> expected = new ArrayList<>();
    for (int i = 30; expected.size() < 20; i += 100) {
      expected.add(String.format("d%06d", i));
    }
    Map<String, Long> calls = calls(Doc_.age.between(30, 32), List.of(Doc_.age.asc()), expected);
    assertTrue(inner(calls) <= 80, "O(page) commands, not O(1500): " + calls);

    List<String> descending = new ArrayList<>();
    for (int i = DOCUMENTS - 100 + 32; descending.size() < 20; i -= 100) {
      descending.add(String.format("d%06d", i));
    }
    calls = calls(Doc_.age.between(30, 32), List.of(Doc_.age.desc()), descending);
    assertTrue(inner(calls) <= 80, "O(page) commands, not O(1500): " + calls);
  }

  @Test
  void aSelectiveConditionSortedByAnotherIndexDrivesFromTheCondition() {
    // 500 matches of 50,000: collecting and sorting them beats walking the age index
    Condition<Doc> condition = Doc_.city.eq("city7").and(Doc_.age.eq(37));
    List<String> expected = new ArrayList<>();
    for (int i = 37; expected.size() < 20; i += 100) {
      expected.add(String.format("d%06d", i));
    }
    Map<String, Long> calls = calls(condition, List.of(Doc_.age.asc()), expected);
    assertTrue(inner(calls) <= 3 * 500 + 20, calls.toString());
  }

  @Test
  void countsOfOneIndexAreReadFromTheIndexWhenNothingExpires() {
    UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
    jedis.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("RESETSTAT"));
    assertEquals(5_000, engine().count(Doc_.city.eq("city3")));
    assertEquals(1_500, engine().count(Doc_.age.between(30, 32)));
    assertEquals(DOCUMENTS, engine().count(null));
    String stats = jedis.info("commandstats");
    assertTrue(!stats.contains("cmdstat_exists") && !stats.contains("cmdstat_zrange:"), stats);
  }

  @Test
  void aPrefixSortedByItsOwnFieldWalksOnlyThePrefix() {
    // 5,000 cities "city3" of 50,000, after 15,000 "city0".."city2": the walk starts at the prefix
    // (the age operand, probed per id walked, would cost a ZSCORE for each of those 15,000)
    Condition<Doc> condition = Doc_.age.lt(100).and(Doc_.city.startsWith("city3"));
    List<String> expected = new ArrayList<>();
    for (int i = 3; expected.size() < 20; i += 10) {
      expected.add(String.format("d%06d", i));
    }
    Map<String, Long> calls = calls(condition, List.of(Doc_.city.asc()), expected);
    assertTrue(calls.getOrDefault("zrange", 0L) <= 2, calls.toString());
    assertTrue(inner(calls) <= 80, "O(page) commands, not O(index): " + calls);

    List<String> descending = new ArrayList<>();
    for (int i = DOCUMENTS - 10 + 3; descending.size() < 20; i -= 10) {
      descending.add(String.format("d%06d", i));
    }
    calls = calls(condition, List.of(Doc_.city.desc()), descending);
    assertTrue(calls.getOrDefault("zrange", 0L) <= 2, calls.toString());
    assertTrue(inner(calls) <= 80, "O(page) commands, not O(index): " + calls);

    calls = calls(Doc_.city.startsWith("city3"), List.of(Doc_.city.desc()), descending);
    assertTrue(calls.getOrDefault("zrange", 0L) <= 2, calls.toString());
    assertTrue(inner(calls) <= 60, "O(page) commands, not O(index): " + calls);
  }

  @Test
  void aFewGeoMatchesSortedByATagAreCollectedNotWalked() {
    GeoPoint center = GeoPoint.of(10.05, 10.05);
    List<Integer> near = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      GeoPoint p = point(i);
      if (QueryPlan.distance(center.longitude(), center.latitude(), p.longitude(), p.latitude()) <= 30_000) {
        near.add(i);
      }
    }
    near.sort(Comparator.comparing((Integer i) -> i % 10).thenComparing(i -> i));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < Math.min(20, near.size()); i++) {
      expected.add(String.format("d%06d", near.get(i)));
    }
    assertTrue(near.size() > 20 && near.size() < 60, near.toString());
    Map<String, Long> calls = calls(Doc_.loc.within(center, 30, DistanceUnit.KM), List.of(Doc_.city.asc()), expected);
    assertEquals(0L, calls.getOrDefault("zrange", 0L), "no walk of the city index: " + calls);
    assertTrue(inner(calls) <= 3 * near.size() + 20, calls.toString());
  }
}
