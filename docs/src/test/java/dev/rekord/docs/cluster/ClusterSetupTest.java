package dev.rekord.docs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.test.RedisCluster;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** cluster.md's set-up, run against a real cluster of three masters with a replica each. */
class ClusterSetupTest {

  @Test
  void connectsToAClusterFromOneSeed() {
    try (RedisCluster cluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start()) {
      String seed = cluster.seedUrl();
      // tag::connect[]
      try (Rekord rekord = Rekord.builder()
          .url(seed)                                  // any node, or a comma-separated seed list
          .retryPolicy(RetryPolicy.DEFAULT)           // the default; RetryPolicy.NONE fails at once
          .waitForReplicas(1, Duration.ofMillis(500)) // opt-in durability, see below
          .build()) {
        assertTrue(rekord.connection().isCluster());  // detected from the server, not configured
        // end::connect[]
      }
      // Without waitForReplicas: a fresh cluster's replicas may still be syncing.
      try (Rekord rekord = Rekord.connect(seed)) {
        MemberRepository members = new MemberRepository(rekord);
        members.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
        assertEquals("Ada", members.findById("ada").orElseThrow().name());
        assertEquals(16, members.buckets());
      }
    }
  }
}
