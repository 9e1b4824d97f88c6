package dev.rekord.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Member;
import dev.rekord.Member_;
import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import dev.rekord.TestModel;
import dev.rekord.annotations.Storage;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The commands a page or count over the 16 buckets of a 3-master cluster runs on the servers,
 * counted from {@code INFO commandstats} deltas (commands a script calls are counted too): one
 * script call per node, and on a model without expiring documents each bucket's rows or count read
 * straight off the one index the query names — no sweep of expiring ids ({@code ZRANGEBYSCORE}),
 * no estimates ({@code ZCOUNT}, {@code ZLEXCOUNT} for a page), no probes ({@code ZSCORE}); then
 * the documents of the page's rows, and no others. With expiring documents the node call runs the
 * whole query per bucket, and stays exact.
 */
class NodeQueryCommandsTest {

  private static final String[] CITIES = {"Oslo", "Bergen", "Tromsø", "Bodø"};
  private static final int BUCKETS = 16;

  private static List<Member> data(int n) {
    Random random = new Random(11);
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(new Member(String.format("n%04d", i), CITIES[random.nextInt(CITIES.length)], random.nextInt(90), null));
    }
    return members;
  }

  /**
   * The calls of each command the masters ran while {@code query} ran (lower-case names), but for
   * the harness's own ({@code CONFIG}, {@code INFO}, {@code ROLE}) and the replicas'
   * ({@code REPLCONF}): the masters have replicas.
   */
  private static <T> Map<String, Long> commandsOf(RedisCluster cluster, Supplier<T> query) {
    for (RedisServer master : cluster.masters()) {
      master.command("CONFIG", "RESETSTAT");
    }
    query.get();
    Map<String, Long> calls = new HashMap<>();
    for (RedisServer master : cluster.masters()) {
      for (String line : ((String) master.command("INFO", "commandstats")).split("\r\n")) {
        if (line.startsWith("cmdstat_")) {
          String name = line.substring("cmdstat_".length(), line.indexOf(':'));
          long n = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
          if (n > 0 && !name.startsWith("config") && !name.equals("info") && !name.equals("role")
              && !name.equals("replconf")) { // a replica's acknowledgement, once a second
            calls.merge(name, n, Long::sum);
          }
        }
      }
    }
    return calls;
  }

  /** A time to live that is over, the entries of its documents not yet swept, when the queries run. */
  private static final Duration EXPIRING = Duration.ofMillis(50);

  /**
   * Saves each of {@code data} with {@code ttl} of its position ({@code null}: the model's own),
   * waits until those saved with {@link #EXPIRING} have expired, and returns the others.
   */
  private static List<Member> saveWithTtls(RekordRepository<Member, String> repo, List<Member> data,
      IntFunction<Duration> ttl) throws InterruptedException {
    List<Member> living = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      Duration of = ttl.apply(i);
      if (of == null) {
        repo.save(data.get(i));
      } else {
        repo.save(data.get(i), of);
      }
      if (of != EXPIRING) {
        living.add(data.get(i));
      }
    }
    Thread.sleep(200);
    return living;
  }

  private static long calls(Map<String, Long> stats, String command) {
    return stats.getOrDefault(command, 0L);
  }

  /**
   * Without expiring documents, a page or count of one index is read with plain commands, each
   * bucket's index once; a page of two indexes is one script call per node, each bucket reading
   * only the indexes the query names.
   */
  @Test
  void withoutExpiringDocumentsEachBucketReadsOnlyTheIndexTheQueryNames() {
    RedisCluster cluster = SharedCluster.get();
    int masters = cluster.masters().size();
    try (Rekord rekord = Rekord.connect(cluster.seedUrl())) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("nq", Storage.HASH, Duration.ZERO));
      List<Member> data = data(800);
      repo.saveAll(data);
      repo.find(Member_.city.eq("Oslo").and(Member_.age.gte(0))).limit(20).list(); // the scripts loaded

      List<Member> page = new ArrayList<>();
      Map<String, Long> equality = commandsOf(cluster, () -> page.addAll(repo.find(Member_.city.eq("Bergen")).limit(20).list()));
      assertEquals(data.stream().filter(m -> m.city().equals("Bergen")).sorted(Comparator.comparing(Member::id)).limit(20).toList(), page);
      assertEquals(Map.of("zrange", (long) BUCKETS, "hgetall", 20L), equality,
          "each bucket's first rows, then the page's documents, which tell an expired id: no script, no count");

      page.clear();
      Map<String, Long> sorted = commandsOf(cluster,
          () -> page.addAll(repo.find(Member_.age.between(30, 69)).sortBy(Member_.age.desc()).limit(20).list()));
      assertEquals(data.stream().filter(m -> m.age() >= 30 && m.age() < 70)
          .sorted(Comparator.comparing(Member::age).reversed().thenComparing(Member::id, Comparator.reverseOrder()))
          .limit(20).toList(), page);
      assertEquals(Map.of("zrange", (long) BUCKETS, "hgetall", 20L), sorted,
          "a range sorted by its own index: each bucket's first rows by score: " + sorted);

      page.clear();
      Map<String, Long> both = commandsOf(cluster,
          () -> page.addAll(repo.find(Member_.city.eq("Bergen").and(Member_.age.lt(50))).limit(20).list()));
      assertEquals(data.stream().filter(m -> m.city().equals("Bergen") && m.age() < 50)
          .sorted(Comparator.comparing(Member::id)).limit(20).toList(), page);
      assertEquals(masters, calls(both, "evalsha"), "two indexes: one script call per node: " + both);
      assertEquals(BUCKETS, calls(both, "zrangebyscore"), "one look at each bucket's expiring ids, its sweep's: " + both);
      assertEquals(0, calls(both, "zcard"), "no count of them: one index read does not answer the query: " + both);
      assertEquals(20, calls(both, "hgetall"), "the page's documents, no other: " + both);

      long[] count = new long[1];
      Map<String, Long> tag = commandsOf(cluster, () -> count[0] = repo.find(Member_.city.eq("Tromsø")).count());
      assertEquals(data.stream().filter(m -> m.city().equals("Tromsø")).count(), count[0]);
      assertEquals(Map.of("zcard", (long) BUCKETS, "zlexcount", (long) BUCKETS), tag);

      Map<String, Long> range = commandsOf(cluster, () -> count[0] = repo.find(Member_.age.lt(40)).count());
      assertEquals(data.stream().filter(m -> m.age() < 40).count(), count[0]);
      assertEquals(Map.of("zcard", (long) BUCKETS, "zcount", (long) BUCKETS), range);
    }
  }

  @Test
  void withExpiringDocumentsTheNodeCallRunsTheWholeQueryAndStaysExact() throws Exception {
    RedisCluster cluster = SharedCluster.get();
    try (Rekord rekord = Rekord.connect(cluster.seedUrl())) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("nx", Storage.HASH, Duration.ZERO));
      List<Member> data = data(400);
      List<Member> living = saveWithTtls(repo, data, i -> i % 5 == 0 ? EXPIRING : i % 5 == 1 ? Duration.ofHours(1) : null);

      Map<String, Long> stats = commandsOf(cluster, () -> repo.find(Member_.city.eq("Bergen")).count());
      assertTrue(calls(stats, "zrangebyscore") >= BUCKETS, "each bucket swept its expiring ids: " + stats);
      assertEquals(living.stream().filter(m -> m.city().equals("Bergen")).count(), repo.find(Member_.city.eq("Bergen")).count());
      assertEquals(living.stream().filter(m -> m.age() < 40).count(), repo.find(Member_.age.lt(40)).count());
      assertEquals(living.stream().filter(m -> m.city().equals("Oslo")).sorted(Comparator.comparing(Member::id)).limit(20).toList(),
          repo.find(Member_.city.eq("Oslo")).limit(20).list());
      assertEquals(living.stream().filter(m -> m.age() >= 20)
              .sorted(Comparator.comparing(Member::age).thenComparing(Member::id)).limit(30).toList(),
          repo.find(Member_.age.gte(20)).sortBy(Member_.age.asc()).limit(30).list());
    }
  }

  /**
   * Documents that expire in an hour are not due: each node call answers a count of one index off
   * the index in every bucket (its first expiring id lives and expires when its score says),
   * sweeping none.
   */
  @Test
  void expiringDocumentsThatAreNotDueLeaveCountsToTheIndex() throws Exception {
    RedisCluster cluster = SharedCluster.get();
    int masters = cluster.masters().size();
    try (Rekord rekord = Rekord.connect(cluster.seedUrl())) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("nd", Storage.HASH, Duration.ZERO));
      List<Member> data = data(400);
      saveWithTtls(repo, data, i -> i % 2 == 0 ? Duration.ofHours(1) : null);

      long[] count = new long[1];
      Map<String, Long> stats = commandsOf(cluster, () -> count[0] = repo.find(Member_.city.eq("Bergen")).count());
      assertEquals(data.stream().filter(m -> m.city().equals("Bergen")).count(), count[0]);
      assertEquals(masters, calls(stats, "evalsha"), "one call per node: " + stats);
      assertEquals(2 * BUCKETS, calls(stats, "zlexcount"),
          "each bucket counted off its index by the client (which finds expiring ids), then by its node's call: " + stats);
      assertEquals(0, calls(stats, "zrangebyscore"), "no bucket swept: " + stats);
    }
  }

  /**
   * A first page read off the index counts no bucket's expiring ids: its documents tell an id whose
   * document expired (its entries not yet swept), and then the page is read again by the nodes'
   * scripts, which sweep it. Documents that expire later do not send a page there.
   */
  @Test
  void aFirstPageMeetingAnExpiredIdIsReadAgainByTheScripts() throws Exception {
    RedisCluster cluster = SharedCluster.get();
    int masters = cluster.masters().size();
    try (Rekord rekord = Rekord.connect(cluster.seedUrl())) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("ne", Storage.HASH, Duration.ZERO));
      List<Member> data = data(400);
      List<Member> living = saveWithTtls(repo, data, i -> i % 7 == 3 ? EXPIRING : i % 2 == 0 ? Duration.ofHours(1) : Duration.ZERO);
      List<Member> expected = living.stream().filter(m -> m.city().equals("Oslo"))
          .sorted(Comparator.comparing(Member::id)).limit(20).toList();
      assertTrue(data.stream().filter(m -> m.city().equals("Oslo")).sorted(Comparator.comparing(Member::id)).limit(20)
          .anyMatch(m -> !living.contains(m)), "an expired document among the first 20 of the index");

      List<Member> page = new ArrayList<>();
      Map<String, Long> stats = commandsOf(cluster, () -> page.addAll(repo.find(Member_.city.eq("Oslo")).limit(20).list()));
      assertEquals(expected, page);
      assertTrue(calls(stats, "zrange") >= BUCKETS, "first off the index: " + stats);
      assertTrue(calls(stats, "evalsha") >= masters, "then by the nodes' scripts: " + stats);
      assertTrue(calls(stats, "zrangebyscore") >= BUCKETS, "which swept the expired ids: " + stats);

      Map<String, Long> again = commandsOf(cluster, () -> repo.find(Member_.city.eq("Oslo")).limit(20).list());
      assertEquals(Map.of("zrange", (long) BUCKETS, "hgetall", 20L), again,
          "swept, the page is read off the index (documents that expire in an hour among it): " + again);
      assertEquals(living.stream().filter(m -> m.age() >= 20)
              .sorted(Comparator.comparing(Member::age).thenComparing(Member::id)).limit(30).toList(),
          repo.find(Member_.age.gte(20)).sortBy(Member_.age.asc()).limit(30).list());
    }
  }

  /**
   * A page over several nodes asks each bucket for a little over its share of rows; a bucket that
   * holds more of the page than that is asked again, alone, so the page stays exact.
   */
  @Test
  void aPageWhoseRowsCrowdIntoOneBucketAsksThatBucketAgain() {
    RedisCluster cluster = SharedCluster.get();
    try (Rekord rekord = Rekord.connect(cluster.seedUrl())) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("nc", Storage.HASH, Duration.ZERO));
      String crowdedTag = repo.keyOf("a0000").substring(0, repo.keyOf("a0000").indexOf('}') + 1);
      List<Member> data = new ArrayList<>(data(300)); // ids n0000…, ages 0-89
      for (int i = 0; data.size() < 330; i++) {
        String id = String.format("a%04d", i); // before every n… id, all in the bucket of a0000
        if (repo.keyOf(id).startsWith(crowdedTag)) {
          data.add(new Member(id, "Bergen", 95, null));
        }
      }
      repo.saveAll(data);
      repo.find(Member_.city.eq("Bergen")).limit(20).list(); // warm: the schema record

      List<Member> page = new ArrayList<>();
      Map<String, Long> equality = commandsOf(cluster, () -> page.addAll(repo.find(Member_.city.eq("Bergen")).limit(20).list()));
      assertEquals(data.stream().filter(m -> m.city().equals("Bergen")).sorted(Comparator.comparing(Member::id)).limit(20).toList(), page);
      assertTrue(page.stream().allMatch(m -> m.id().startsWith("a")), page.toString());
      assertEquals(BUCKETS + 1, calls(equality, "zrange"), "the crowded bucket asked again: " + equality);

      page.clear();
      page.addAll(repo.find(Member_.age.gte(50)).sortBy(Member_.age.desc()).limit(20).list());
      assertEquals(data.stream().filter(m -> m.age() >= 50)
          .sorted(Comparator.comparing(Member::age).reversed().thenComparing(Member::id, Comparator.reverseOrder()))
          .limit(20).toList(), page);
      assertTrue(page.stream().allMatch(m -> m.age() == 95), page.toString());
    }
  }
}
