package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.health.HealthReport;
import dev.rekord.health.HealthReport.ModelHealth;
import dev.rekord.health.HealthReport.SchemaState;
import dev.rekord.health.HealthReport.Status;
import dev.rekord.it.model.MemberIndex;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** {@code rekord.health()} against real servers: the {@code Cluster…} subclass runs it on a cluster. */
class HealthTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  RedisTarget target() {
    return new RedisTarget(redis.server());
  }

  @BeforeEach
  void clean() {
    target().flushAll();
  }

  @Test
  void migratedModelsAreReadyAndTheServerIsDescribed() {
    try (Rekord rekord = Rekord.connect(target().url())) {
      rekord.migrate();
      HealthReport health = rekord.health();

      assertEquals(Status.UP, health.status(), health.toString());
      assertTrue(health.reachable());
      assertNotNull(health.latency());
      assertTrue(health.latency().compareTo(Duration.ofSeconds(1)) < 0, health.latency().toString());
      assertTrue(health.serverVersion().matches("\\d+\\.\\d+\\.\\d+.*"), health.serverVersion());
      assertEquals(target().isCluster() ? "cluster" : "standalone", health.mode());
      assertEquals(target().isCluster() ? "ok" : null, health.clusterState());
      assertEquals(target().isCluster() ? 3 : 1, health.masters());
      assertEquals(health.masters(), health.mastersReached());
      assertNull(health.error());
      assertEquals(rekord.models().size(), health.models().size());
      ModelHealth member = health.model("Member");
      assertEquals(new ModelHealth("Member", "member", "portable", SchemaState.READY,
          MemberIndex.DEFINITION.fingerprint(), MemberIndex.DEFINITION.fingerprint(), null), member);
    }
  }

  @Test
  void modelsNeverUsedAreMissingWhichIsStillUp() {
    try (Rekord rekord = Rekord.connect(target().url())) {
      HealthReport health = rekord.health();

      assertEquals(Status.UP, health.status(), health.toString());
      assertEquals(SchemaState.MISSING, health.model("Member").schema());
      assertNull(health.model("Member").indexFingerprint());
      try (UnifiedJedis raw = target().raw()) {
        assertFalse(raw.exists("rekord:schema:member"), "a health check never creates a schema record");
      }
    }
  }

  @Test
  void aStaleFingerprintIsReportedNotHidden() {
    try (Rekord rekord = Rekord.connect(target().url())) {
      rekord.migrate();
      try (UnifiedJedis raw = target().raw()) {
        raw.hset("rekord:schema:member", "fingerprint", "0000stale");
      }
      HealthReport health = rekord.health();

      assertEquals(Status.DEGRADED, health.status(), health.toString());
      ModelHealth member = health.model("Member");
      assertEquals(SchemaState.STALE, member.schema());
      assertEquals("0000stale", member.indexFingerprint());
      assertEquals(MemberIndex.DEFINITION.fingerprint(), member.fingerprint());
      assertTrue(member.detail().contains("rekord.migrate()"), member.detail());
      assertEquals(SchemaState.READY, health.model("Event").schema(), "the other models are unaffected");

      rekord.migrate(); // the remedy the report names
      assertEquals(Status.UP, rekord.health().status());
    }
  }

  @Test
  void anInterruptedRebuildIsReportedAsBuilding() {
    try (Rekord rekord = Rekord.connect(target().url())) {
      rekord.migrate();
      try (UnifiedJedis raw = target().raw()) {
        raw.hset("rekord:schema:member", "state", "building");
        raw.hset("rekord:schema:member", "target", "ffff");
      }
      HealthReport health = rekord.health();

      assertEquals(Status.DEGRADED, health.status());
      assertEquals(SchemaState.BUILDING, health.model("Member").schema());
    }
  }

  @Test
  void aStoppedServerIsDownWithTheReasonAndQuickly() {
    RedisServer own = RedisServer.start();
    try (Rekord rekord = Rekord.connect(own.url())) {
      assertEquals(Status.UP, rekord.health().status());
      own.close();

      long start = System.nanoTime();
      HealthReport health = rekord.health();
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertEquals(Status.DOWN, health.status(), health.toString());
      assertFalse(health.reachable());
      assertNull(health.latency());
      assertEquals(0, health.mastersReached());
      assertTrue(health.models().isEmpty());
      assertNotNull(health.error());
      assertTrue(millis < 1500, "no retries in a health check: took " + millis + " ms");
    } finally {
      own.close();
    }
  }
}
