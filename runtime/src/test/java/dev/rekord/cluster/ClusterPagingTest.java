package dev.rekord.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Member;
import dev.rekord.Member_;
import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import dev.rekord.RekordTesting;
import dev.rekord.TestModel;
import dev.rekord.annotations.Storage;
import dev.rekord.exception.RekordException;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * Pages over the 16 buckets of a cluster run one script call per node, each bucket asked for fewer
 * rows than the page needs, and deep pages of a range sorted by its own field are found by
 * counting (plain commands in three rounds): the pages, sorted pages, deep pages and counts stay
 * those of an in-memory evaluation while bucket slots move (half-migrated slots; a slot moved
 * behind the client's back, so its slot map is stale) and after a primary is killed and its
 * replica takes over.
 */
class ClusterPagingTest {

  private static final String[] CITIES = {"Oslo", "Bergen", "Tromsø", "Bodø"};

  private static List<Member> data(int n) {
    Random random = new Random(5);
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(new Member(String.format("m%04d", i), CITIES[random.nextInt(CITIES.length)], random.nextInt(90), null));
    }
    return members;
  }

  private static List<Member> evaluate(List<Member> data, Predicate<Member> where, Comparator<Member> order,
      int offset, int limit) {
    return data.stream().filter(where).sorted(order).skip(offset).limit(limit).toList();
  }

  private static final Comparator<Member> BY_ID = Comparator.comparing(Member::id);
  private static final Comparator<Member> BY_AGE_DESC =
      Comparator.comparing(Member::age).reversed().thenComparing(Member::id, Comparator.reverseOrder());
  private static final Comparator<Member> BY_AGE = Comparator.comparing(Member::age).thenComparing(Member::id);

  /** Every page shape the fan-out serves, each compared with the in-memory evaluation. */
  private static void assertPagesExact(RekordRepository<Member, String> repo, List<Member> data) {
    assertEquals(evaluate(data, m -> m.city().equals("Bergen"), BY_ID, 0, 20),
        repo.find(Member_.city.eq("Bergen")).limit(20).list(), "equality, first page");
    assertEquals(evaluate(data, m -> m.age() >= 30 && m.age() < 70, BY_AGE_DESC, 0, 25),
        repo.find(Member_.age.between(30, 69)).sortBy(Member_.age.desc()).limit(25).list(), "range + sort");
    assertEquals(evaluate(data, m -> m.city().equals("Oslo"), BY_AGE, 0, 40),
        repo.find(Member_.city.eq("Oslo")).sortBy(Member_.age.asc()).limit(40).list(), "equality sorted by another field");
    assertEquals(evaluate(data, m -> m.age() < 60, BY_AGE, 35, 20),
        repo.find(Member_.age.lt(60)).sortBy(Member_.age.asc()).offset(35).limit(20).list(), "a page at an offset");
    assertEquals(evaluate(data, m -> m.age() >= 5, BY_AGE, 1100, 20),
        repo.find(Member_.age.gte(5)).sortBy(Member_.age.asc()).offset(1100).limit(20).list(),
        "a deep page, found by counting");
    assertEquals(data.stream().filter(m -> m.city().equals("Tromsø")).count(),
        repo.find(Member_.city.eq("Tromsø")).count(), "count");
  }

  @Test
  void pagesStayExactWhileBucketSlotsMove() throws Exception {
    RedisCluster cluster = SharedCluster.get();
    try (Rekord rekord = Rekord.connect(cluster.seedUrl())) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("pg", Storage.HASH, Duration.ZERO));
      KeyLayout layout = RekordTesting.layout(repo);
      assertEquals(16, layout.buckets());
      List<Member> data = data(1500); // deep pages too: offset + limit over 1,000
      repo.saveAll(data);
      assertPagesExact(repo, data);

      int pagesDuringMoves = 0;
      for (int b = 1; b < layout.buckets(); b += 3) {
        int slot = JedisClusterCRC16.getSlot(layout.bucket(b).all());
        RedisServer source = cluster.masterOf(slot);
        List<RedisServer> masters = cluster.masters();
        RedisServer target = masters.get((masters.indexOf(source) + 1) % masters.size());
        Thread mover = new Thread(() -> cluster.migrateSlot(slot, target, 4, Duration.ofMillis(10)));
        mover.start();
        while (mover.isAlive()) { // the slot half-migrated: some of the bucket's keys here, some there
          assertPagesExact(repo, data);
          pagesDuringMoves++;
        }
        mover.join();
        assertNotEquals(source.port(), cluster.masterOf(slot).port());
      }
      assertTrue(pagesDuringMoves > 0, "pages ran while slots were moving");
      assertPagesExact(repo, data);
    }
  }

  @Test
  void aBucketMovedBehindTheClientsBackIsAskedAlone() {
    RedisCluster cluster = SharedCluster.get();
    try (Rekord rekord = Rekord.connect(cluster.seedUrl())) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("pm", Storage.HASH, Duration.ZERO));
      KeyLayout layout = RekordTesting.layout(repo);
      List<Member> data = data(600);
      repo.saveAll(data);
      assertPagesExact(repo, data);

      // A bucket that is not the first of its node: its node's call is routed by another bucket's
      // key, runs where the client believes the moved bucket is, and finds its keys gone.
      String firstNode = rekord.connection().nodeOf(layout.bucket(0).all());
      int moved = 1;
      while (!rekord.connection().nodeOf(layout.bucket(moved).all()).equals(firstNode)) {
        moved++;
      }
      int slot = JedisClusterCRC16.getSlot(layout.bucket(moved).all());
      RedisServer source = cluster.masterOf(slot);
      List<RedisServer> masters = cluster.masters();
      cluster.migrateSlot(slot, masters.get((masters.indexOf(source) + 1) % masters.size()), 100, Duration.ZERO);
      assertEquals(firstNode, rekord.connection().nodeOf(layout.bucket(moved).all()), "the client's slot map is stale");

      assertPagesExact(repo, data);
    }
  }

  @Test
  void pagesStayExactThroughTheFailoverOfAPrimary() throws Exception {
    try (RedisCluster cluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start();
        Rekord rekord = Rekord.builder().url(cluster.seedUrl()).waitForReplicas(1, Duration.ofSeconds(2)).build()) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("pf", Storage.HASH, Duration.ZERO));
      List<Member> data = data(600);
      repo.saveAll(data); // each write acknowledged by a replica: the promoted one has every document
      assertPagesExact(repo, data);

      Thread killer = new Thread(() ->
          cluster.killMasterAndAwaitFailover(cluster.masters().get(0), Duration.ofSeconds(30)));
      killer.start();
      int answered = 0;
      int refused = 0;
      while (killer.isAlive()) { // a page either fails (the node is gone, retries ran out) or is exact
        try {
          assertPagesExact(repo, data);
          answered++;
        } catch (RekordException e) {
          refused++;
        }
      }
      killer.join();
      System.out.printf("failover: %d page rounds answered, %d refused while the primary was down%n", answered, refused);
      assertPagesExact(repo, data);
    }
  }
}
