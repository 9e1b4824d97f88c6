package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.health.HealthReport;
import dev.rekord.health.HealthReport.Status;
import dev.rekord.test.RedisCluster;
import org.junit.jupiter.api.Test;

/** {@link HealthTest} on a 3-master/3-replica cluster, and a master that stops answering. */
class ClusterHealthTest extends HealthTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }

  @Test
  void aStoppedMasterIsCountedAndDegradesTheVerdict() {
    try (RedisCluster cluster = RedisCluster.builder().masters(3).replicasPerMaster(0).start();
        Rekord rekord = Rekord.connect(cluster.url())) {
      assertEquals(3, rekord.health().mastersReached());
      cluster.masters().get(1).close();

      long start = System.nanoTime();
      HealthReport health = rekord.health();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertTrue(millis < 3000, "no retries in a health check: took " + millis + " ms");
      assertEquals(Status.DEGRADED, health.status(), health.toString());
      assertEquals(3, health.masters());
      assertEquals(2, health.mastersReached());
      assertNotNull(health.error());
    }
  }
}
