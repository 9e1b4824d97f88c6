package dev.rekord.cluster;

import dev.rekord.RekordTesting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.annotations.Storage;
import dev.rekord.Member;
import dev.rekord.Member_;
import dev.rekord.RekordRepository;
import dev.rekord.TestModel;
import dev.rekord.schema.IndexReport;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A primary is killed while two writers save and update continuously: one with {@code
 * waitForReplicas(1, …)}, one without. Its replica takes over and both writers go on after bounded
 * retries; the promoted primary has no replica, so the waiting writer's writes to its slots fail
 * with {@code InsufficientReplicasException} until the killed node is restarted and rejoins as its
 * replica. Afterwards every write the waiting writer had acknowledged is there with exactly its
 * acknowledged value, queries agree and the documents and index entries agree.
 */
class ClusterFailoverTest {

  private static final int IDS = 300;

  private static RedisCluster cluster;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start(); // node timeout 2 s
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void acknowledgedWritesSurviveTheFailoverOfAPrimaryAndWaitRecoversWhenItRejoins() throws Exception {
    try (Rekord durable = Rekord.builder().url(cluster.seedUrl())
            .waitForReplicas(1, Duration.ofMillis(500)).build();
        Rekord plain = Rekord.builder().url(cluster.seedUrl()).build()) {
      RekordRepository<Member, String> repo =
          TestModel.repository(durable, TestModel.stringIds("fo", Storage.HASH, Duration.ZERO));
      RekordRepository<Member, String> plainRepo =
          TestModel.repository(plain, TestModel.stringIds("fp", Storage.HASH, Duration.ZERO));
      assertEquals(16, repo.buckets());
      RedisServer victim = cluster.masters().get(0);
      Set<String> onVictim = new HashSet<>();
      for (int i = 0; i < IDS; i++) {
        for (String id : List.of("w" + i, "p" + i)) {
          RekordRepository<Member, String> r = id.startsWith("w") ? repo : plainRepo;
          if (cluster.masterOf(JedisClusterCRC16.getSlot(r.keyOf(id))).port() == victim.port()) {
            onVictim.add(id);
          }
        }
      }
      Writer writer = new Writer(repo, "w", IDS).start();
      Writer plainWriter = new Writer(plainRepo, "p", IDS).start();
      Thread.sleep(1500);
      int acksBefore = writer.acks.get();

      long killedAt = System.nanoTime();
      RedisServer promoted = cluster.killMasterAndAwaitFailover(victim, Duration.ofSeconds(30));
      long okAt = System.nanoTime();
      // Without WAIT, writes to the failed primary's slots resume soon after cluster_state:ok.
      long resumed = awaitAck(plainWriter, onVictim, okAt, 15_000);
      // With WAIT 1, the promoted primary (no replica yet) cannot acknowledge: writes fail.
      Thread.sleep(1500);
      long insufficient = writer.events().stream()
          .filter(e -> e.endNanos() > okAt && e.error() != null && e.error().contains("required replica"))
          .count();

      long restartAt = System.nanoTime();
      cluster.restartAndAwaitReplica(victim, Duration.ofSeconds(30));
      long rejoinedAt = System.nanoTime();
      assertTrue(cluster.replicasOf(promoted).stream().anyMatch(r -> r.port() == victim.port()),
          victim + " rejoined as a replica of " + promoted);
      long waitRecovered = awaitAck(writer, onVictim, rejoinedAt, 15_000);
      // Go on until every id's latest write is acknowledged: nothing is left uncertain.
      int acksAtRejoin = writer.acks.get();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while ((writer.acks.get() - acksAtRejoin < IDS || !writer.nothingUncertain())
          && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      String stack = writer.stack();
      writer.stop();
      plainWriter.stop();
      System.out.println("failover timeline (ms after the kill; victim ids only):\n"
          + timeline(writer, onVictim, killedAt, rejoinedAt) + timeline(plainWriter, onVictim, killedAt, okAt));
      System.out.printf("failover: promoted %s %d ms after the kill; writes without WAIT to its slots resumed"
              + " %d ms after cluster_state:ok; with WAIT 1: %d writes failed for want of a replica, %s restarted"
              + " %d ms after ok and in sync after %d ms more; WAIT acknowledged again %d ms later;"
              + " acks before %d, in all %d; failures %d (last: %s)%n",
          promoted, millis(okAt - killedAt), millis(resumed - okAt), insufficient, victim, millis(restartAt - okAt),
          millis(rejoinedAt - restartAt), millis(waitRecovered - rejoinedAt), acksBefore, writer.acks.get(),
          writer.failures.get(), writer.lastFailure);
      assertTrue(insufficient > 0, "WAIT 1 fails while the promoted primary has no replica");
      assertTrue(writer.nothingUncertain(), "every id's latest write was acknowledged after the rejoin" + stack);

      // Every acknowledged write is there, with exactly its acknowledged value.
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < IDS; i++) {
        ids.add("w" + i);
      }
      Map<String, Member> stored = repo.findAllById(ids).found();
      for (String id : ids) {
        Member member = stored.get(id);
        assertEquals(writer.acknowledged.get(id), member == null ? null : member.age(), id);
      }
      // Queries agree with the documents.
      List<Member> all = new ArrayList<>(stored.values());
      assertEquals(all.size(), repo.count());
      List<Member> expected = all.stream().filter(m -> m.city().equals("City3"))
          .sorted(Comparator.comparing(Member::age).thenComparing(Member::id)).toList();
      assertEquals(expected, repo.find(Member_.city.eq("City3")).sortBy(Member_.age.asc()).list());
      assertEquals(all.stream().filter(m -> m.age() >= 1000).count(), repo.find(Member_.age.gte(1000)).count());
      // Documents and index entries agree, for both models.
      for (RekordRepository<Member, String> r : List.of(repo, plainRepo)) {
        IndexReport report = r.verifyIndex();
        assertTrue(report.consistent(), report.discrepancies().toString());
      }
      assertEquals(all.size(), repo.verifyIndex().documents());
    }
  }

  /** When {@code writer} first acknowledged a write to one of {@code ids} that ended after {@code after}. */
  private static long awaitAck(Writer writer, Set<String> ids, long after, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (System.nanoTime() < deadline) {
      for (Writer.Event e : writer.events()) {
        if (e.error() == null && e.endNanos() > after && ids.contains(e.id())) {
          return e.endNanos();
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no write to the failed primary's slots was acknowledged within "
        + timeoutMillis + " ms");
  }

  /** The writes to {@code ids} that ended after {@code from}, until the first acknowledged after {@code until}. */
  private static String timeline(Writer writer, Set<String> ids, long from, long until) {
    StringBuilder out = new StringBuilder();
    for (Writer.Event e : writer.events()) {
      if (e.endNanos() < from || !ids.contains(e.id())) {
        continue;
      }
      out.append(String.format("  %6d..%6d %-5s %s%n", millis(e.startNanos() - from), millis(e.endNanos() - from),
          e.id(), e.error() == null ? "ok" : e.error().substring(0, Math.min(140, e.error().length()))));
      if (e.error() == null && e.endNanos() > until) {
        break;
      }
    }
    return out.toString();
  }

  private static long millis(long nanos) {
    return nanos / 1_000_000;
  }
}
