package dev.rekord.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Member;
import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import dev.rekord.RekordTesting;
import dev.rekord.TestModel;
import dev.rekord.annotations.Storage;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.schema.IndexReport;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The save is a Redis Function (FCALL) whose library each primary loads when a call finds it
 * missing. Loaded once, a library reaches a primary's replicas by replication; this test makes the
 * cases where a primary lacks it anyway — a primary that receives a bucket's slot by resharding
 * without ever having had the library (here: its library flushed, as a node newly added to the
 * cluster has none), and a replica promoted by a failover whose primary had lost it — and saves to
 * them: every save is acknowledged and stored, and the index stays exact. Without the "Function not
 * found" recovery the first save to such a primary fails.
 */
class ClusterSaveFunctionTest {

  private static RedisCluster cluster;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start(); // this test kills a node
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void savesLoadTheLibraryOnPrimariesThatLackItAfterReshardingAndFailover() throws Exception {
    try (Rekord rekord = Rekord.connect(cluster.seedUrl())) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("fn", Storage.HASH, Duration.ZERO));
      KeyLayout layout = RekordTesting.layout(repo);
      Map<String, Member> saved = new LinkedHashMap<>(); // id -> what its last save stored

      // First saves: each primary has no library yet and loads it on the call that finds it missing.
      Set<String> buckets = new HashSet<>();
      for (int i = 0; buckets.size() < layout.buckets(); i++) { // a document in every bucket
        saved.put("a" + i, repo.save(new Member("a" + i, "Oslo", i % 80, null)));
        buckets.add(layout.bucketFor("a" + i).all());
      }
      for (RedisServer master : cluster.masters()) {
        assertTrue(hasSaveLibrary(master), master + " loaded the save's library");
      }

      // Resharding: a bucket's slot moves to a primary without the library.
      int slot = JedisClusterCRC16.getSlot(layout.bucket(0).all());
      RedisServer source = cluster.masterOf(slot);
      List<RedisServer> masters = cluster.masters();
      RedisServer target = masters.get((masters.indexOf(source) + 1) % masters.size());
      target.command("FUNCTION", "FLUSH");
      cluster.migrateSlot(slot, target, 10, Duration.ZERO);
      assertEquals(target.port(), cluster.masterOf(slot).port());
      List<String> moved = idsInSlot(repo, "r", slot, 5);
      for (String id : moved) {
        saved.put(id, repo.save(new Member(id, "Bergen", 7, null)));
      }
      assertTrue(hasSaveLibrary(target), "the save loaded the library on the slot's new primary");
      target.command("FUNCTION", "FLUSH");
      for (Member member : repo.saveAll(List.of(new Member(moved.get(0), "Bergen", 8, null),
          new Member(moved.get(1), "Bergen", 9, null)))) { // a batch: one call for the bucket
        saved.put(member.id(), member);
      }

      // Failover: the primary (and, by replication, its replica) lost the library; the replica takes over.
      RedisServer victim = cluster.masterOf(slot);
      victim.command("FUNCTION", "FLUSH");
      for (RedisServer replica : cluster.replicasOf(victim)) {
        awaitNoSaveLibrary(replica);
      }
      RedisServer promoted = cluster.killMasterAndAwaitFailover(victim, Duration.ofSeconds(30));
      assertNotEquals(victim.port(), promoted.port());
      rekord.connection().refreshTopology();
      for (String id : idsInSlot(repo, "f", slot, 5)) {
        saved.put(id, repo.save(new Member(id, "Trondheim", 11, null)));
      }
      assertTrue(hasSaveLibrary(promoted), "the save loaded the library on the promoted replica");

      Map<String, Member> found = repo.findAllById(List.copyOf(saved.keySet())).found();
      assertEquals(saved, found);
      assertEquals(saved.size(), repo.count());
      IndexReport report = repo.verifyIndex();
      assertTrue(report.consistent(), report.discrepancies().toString());
    }
  }

  /** {@code n} ids (prefixed) whose documents live in {@code slot}. */
  private static List<String> idsInSlot(RekordRepository<Member, String> repo, String prefix, int slot, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; ids.size() < n; i++) {
      if (JedisClusterCRC16.getSlot(repo.keyOf(prefix + i)) == slot) {
        ids.add(prefix + i);
      }
    }
    return ids;
  }

  private static boolean hasSaveLibrary(RedisServer node) {
    return String.valueOf(node.command("FUNCTION", "LIST", "LIBRARYNAME", "rekord_save_*")).contains("rekord_save_");
  }

  private static void awaitNoSaveLibrary(RedisServer replica) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (hasSaveLibrary(replica)) {
      assertTrue(System.nanoTime() < deadline, replica + " still has the library after its primary flushed it");
      Thread.sleep(20);
    }
  }
}
