package dev.rekord.cluster;

import dev.rekord.model.IndexLayout;
import dev.rekord.RekordTesting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.annotations.Storage;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.Member;
import dev.rekord.Member_;
import dev.rekord.Query;
import dev.rekord.RekordRepository;
import dev.rekord.TestModel;
import dev.rekord.schema.IndexReport;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The slots of a model's buckets move to another primary (SETSLOT IMPORTING/MIGRATING, MIGRATE in
 * small batches, SETSLOT NODE) while a writer saves and queries run: no acknowledged write is lost,
 * every query answers exactly, and the index agrees with the documents afterwards.
 */
class ClusterReshardTest {

  private static RedisCluster cluster;

  @BeforeAll
  static void connect() {
    cluster = SharedCluster.get();
  }

  @Test
  void movingBucketSlotsLosesNothingAndQueriesStayExact() throws Exception {
    try (Rekord rekord = Rekord.connect(cluster.seedUrl())) {
      movingBucketSlots(TestModel.repository(rekord, TestModel.stringIds("rs", Storage.HASH, Duration.ZERO)));
    }
  }

  /**
   * The same on the compact layout: its sets' chunks are keys no call can declare, so its scripts
   * (each declaring a set's name, which is never a key) wait, retried, while a slot they read
   * migrates, and run on whichever node then serves it.
   */
  @Test
  void movingBucketSlotsLosesNothingAndQueriesStayExactOnTheCompactLayout() throws Exception {
    try (Rekord rekord = Rekord.builder().url(cluster.seedUrl()).indexLayout(IndexLayout.COMPACT).build()) {
      movingBucketSlots(TestModel.repository(rekord, TestModel.stringIds("rsc", Storage.HASH, Duration.ZERO)));
    }
  }

  /**
   * A call over the buckets one node serves ({@code query_node.lua}) declares its first bucket's
   * keys. With only that bucket's set of all ids declared, a slot whose set of all ids had moved to
   * the target first sent the call on there ({@code ASK}), where the bucket's other keys, not yet
   * moved, read as empty: the count came out short by that bucket's documents. Now Redis refuses
   * the call ({@code TRYAGAIN}) until every key of the bucket is on one node, and the retried call
   * counts every document.
   */
  @ParameterizedTest
  @EnumSource(IndexLayout.class)
  void aCallOverANodesBucketsIsNotAnsweredWhereHalfTheirKeysAre(IndexLayout indexLayout) throws Exception {
    try (Rekord rekord = Rekord.builder().url(cluster.seedUrl()).indexLayout(indexLayout).build()) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("rs-ask-" + indexLayout, Storage.HASH, Duration.ZERO));
      KeyLayout layout = RekordTesting.layout(repo);
      List<Member> members = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        members.add(new Member("a" + i, "Stable", i % 50, null));
      }
      repo.saveAll(members);
      Query<Member, String> compound = repo.find(Member_.city.eq("Stable").and(Member_.age.gte(0)));
      assertEquals(400, compound.count());
      KeyLayout.Bucket first = layout.bucket(0);
      int slot = JedisClusterCRC16.getSlot(first.all());
      List<String> keys = new ArrayList<>();
      ((List<?>) cluster.masterOf(slot).command("CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), "1000"))
          .forEach(key -> keys.add(String.valueOf(key)));
      List<String> moveFirst = keys.stream().filter(key -> key.startsWith(first.all())).toList();
      assertTrue(!moveFirst.isEmpty() && moveFirst.size() < keys.size(), keys.toString());
      RedisServer source = cluster.masterOf(slot);
      List<RedisServer> masters = cluster.masters();
      try (RedisCluster.SlotMigration migration =
          cluster.beginSlotMigration(slot, masters.get((masters.indexOf(source) + 1) % masters.size()))) {
        migration.move(moveFirst); // the set of all ids (its chunks, on the compact layout) ahead of the rest
        CompletableFuture<Long> counted = CompletableFuture.supplyAsync(compound::count);
        Thread.sleep(150);
        migration.complete();
        assertEquals(400, counted.get(10, TimeUnit.SECONDS));
      }
      assertEquals(400, compound.count());
    }
  }

  private void movingBucketSlots(RekordRepository<Member, String> repo) throws Exception {
    KeyLayout layout = RekordTesting.layout(repo);
    List<Member> stable = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      stable.add(new Member("s" + i, "Stable", i % 50, null));
    }
    repo.saveAll(stable);
    List<Member> expectedPage = stable.stream()
        .sorted(Comparator.comparing(Member::age).reversed().thenComparing(Member::id, Comparator.reverseOrder()))
        .skip(20).limit(30).toList();

    Writer writer = new Writer(repo, "w", 200).start();
    int queries = 0;
    int moved = 0;
    for (int b = 0; b < layout.buckets(); b += 2) { // half of the buckets
      int slot = JedisClusterCRC16.getSlot(layout.bucket(b).all());
      RedisServer source = cluster.masterOf(slot);
      List<RedisServer> masters = cluster.masters();
      RedisServer target = masters.get((masters.indexOf(source) + 1) % masters.size());
      Thread mover = new Thread(() -> cluster.migrateSlot(slot, target, 3, Duration.ofMillis(15)));
      mover.start();
      while (mover.isAlive()) { // queries while the slot is half-migrated
        assertEquals(400, repo.find(Member_.city.eq("Stable").and(Member_.age.gte(0))).count()); // a script per node
        assertEquals(400, repo.find(Member_.city.eq("Stable")).count());
        assertEquals(expectedPage, repo.find(Member_.city.eq("Stable")).sortBy(Member_.age.desc())
            .offset(20).limit(30).list());
        queries++;
      }
      mover.join();
      assertNotEquals(source.port(), cluster.masterOf(slot).port());
      moved++;
    }
    Thread.sleep(300);
    writer.stop();
    System.out.printf("reshard: %d bucket slots moved, %d query pairs during moves, %d acks, %d failed writes (%s)%n",
        moved, queries, writer.acks.get(), writer.failures.get(), writer.lastFailure);
    assertTrue(writer.acks.get() > 0);
    assertEquals(0, writer.failures.get(), "retries cover TRYAGAIN/ASK/MOVED");

    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      ids.add("w" + i);
    }
    Map<String, Member> stored = repo.findAllById(ids).found();
    for (String id : ids) {
      Member member = stored.get(id);
      assertTrue(writer.allows(id, member == null ? null : member.age()), id + " holds " + member);
    }
    assertEquals(400 + stored.size(), repo.count());
    assertEquals(expectedPage, repo.find(Member_.city.eq("Stable")).sortBy(Member_.age.desc()).offset(20).limit(30).list());
    IndexReport report = repo.verifyIndex();
    assertTrue(report.consistent(), report.discrepancies().toString());
  }
}
