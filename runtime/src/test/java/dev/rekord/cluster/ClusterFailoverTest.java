package dev.rekord.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.annotations.Storage;
import dev.rekord.repository.Member;
import dev.rekord.repository.Member_;
import dev.rekord.repository.RekordRepository;
import dev.rekord.repository.TestModel;
import dev.rekord.schema.IndexVerifier;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A primary is killed while a writer saves and updates continuously, with {@code
 * waitForReplicas(1, …)}: its replica takes over, the writer goes on after bounded retries, and
 * afterwards every acknowledged write is there with its latest value, queries agree and the
 * documents and index entries agree.
 */
class ClusterFailoverTest {

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
  void acknowledgedWritesSurviveTheFailoverOfAPrimary() throws Exception {
    try (Rekord rekord = Rekord.builder().url(cluster.seedUrl())
        .waitForReplicas(1, Duration.ofMillis(500)).build()) {
      RekordRepository<Member, String> repo =
          TestModel.repository(rekord, TestModel.stringIds("fo", Storage.HASH, Duration.ZERO));
      assertEquals(16, repo.layout().buckets());
      Writer writer = new Writer(repo, "w", 300).start();
      Thread.sleep(1500);
      int acksBefore = writer.acks.get();
      RedisServer victim = cluster.masters().get(0);
      long killedAt = System.nanoTime();
      RedisServer promoted = cluster.killMasterAndAwaitFailover(victim, Duration.ofSeconds(30));
      long failoverMillis = (System.nanoTime() - killedAt) / 1_000_000;
      int acksAtFailover = writer.acks.get();
      StringBuilder timeline = new StringBuilder();
      for (int t = 0; t < 40 && (t < 16 || writer.acks.get() - acksAtFailover < 10); t++) {
        Thread.sleep(250);
        timeline.append(writer.acks.get()).append('/').append(writer.failures.get()).append(' ');
      }
      System.out.println("after failover, acks/failures every 250 ms: " + timeline);
      String stack = writer.stack();
      writer.stop();
      int acksAfter = writer.acks.get() - acksAtFailover;
      System.out.printf("failover: %d ms to promote %s; acks before %d, during %d, after %d; failed writes %d (%s)%n",
          failoverMillis, promoted, acksBefore, acksAtFailover - acksBefore, acksAfter,
          writer.failures.get(), writer.lastFailure);
      assertTrue(acksBefore > 0 && acksAfter > 0, "the writer went on after the failover" + stack);

      // Every acknowledged write is there with its latest value (or a later unacknowledged one).
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        ids.add("w" + i);
      }
      Map<String, Member> stored = repo.findAllById(ids).found();
      for (String id : ids) {
        Member member = stored.get(id);
        assertTrue(writer.allows(id, member == null ? null : member.age()),
            id + " holds " + member + ", acknowledged " + writer.acknowledged.get(id)
                + ", uncertain " + writer.uncertain.get(id));
      }
      // Queries agree with the documents.
      List<Member> all = new ArrayList<>(stored.values());
      assertEquals(all.size(), repo.count());
      List<Member> expected = all.stream().filter(m -> m.city().equals("City3"))
          .sorted(Comparator.comparing(Member::age).thenComparing(Member::id)).toList();
      assertEquals(expected, repo.find(Member_.city.eq("City3")).sortBy(Member_.age.asc()).list());
      assertEquals(all.stream().filter(m -> m.age() >= 1000).count(), repo.find(Member_.age.gte(1000)).count());
      // Documents and index entries agree.
      IndexVerifier.Report report = IndexVerifier.verify(rekord, repo);
      assertTrue(report.consistent(), report.discrepancies().toString());
      assertEquals(all.size(), report.documents());
    }
  }
}
