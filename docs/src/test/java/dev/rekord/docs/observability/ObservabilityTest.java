package dev.rekord.docs.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.docs.gettingstarted.Member_;
import dev.rekord.health.HealthReport;
import dev.rekord.health.HealthReport.ModelHealth;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The snippets of observability.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class ObservabilityTest {

  @Test
  void health(RedisServer server) {
    try (Rekord rekord = Rekord.connect(server.url())) {
      rekord.migrate();
      List<String> lines = new ArrayList<>();
      // tag::health[]
      HealthReport health = rekord.health();
      if (health.status() != HealthReport.Status.UP) {
        lines.add("Redis: " + health.status() + " " + health.error());
      }
      for (ModelHealth model : health.models()) {
        if (!model.schema().usable()) {
          lines.add(model.model() + ": " + model.schema() + ", " + model.detail());
        }
      }
      lines.add("Redis " + health.serverVersion() + " (" + health.mode() + "), PING "
          + health.latency().toMillis() + " ms");
      // end::health[]
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(lines.get(0).startsWith("Redis 7."), lines.toString());
    }
  }

  @Test
  void metrics(RedisServer server) {
    String redisUrl = server.url();
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    ObservationRegistry observationRegistry = ObservationRegistry.create();
    // tag::metrics[]
    Rekord rekord = Rekord.builder()
        .url(redisUrl)
        .meterRegistry(meterRegistry)             // timers, counters, pool gauges
        .observationRegistry(observationRegistry) // an observation (span) per Redis round trip
        .build();
    // end::metrics[]
    try (rekord) {
      new MemberRepository(rekord).save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      assertNotNull(meterRegistry.find("rekord.calls").tag("model", "Member").tag("operation", "save")
          .tag("outcome", "success").timer());
    }
  }

  @Test
  void ownConnection(RedisServer server) {
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    try (Rekord plain = Rekord.connect(server.url())) {
      dev.rekord.connection.RedisConnection connection = plain.connection();
      // tag::own-connection[]
      Rekord rekord = Rekord.builder()
          .meterRegistry(meterRegistry) // and any other setting but the connection's
          .build(connection);
      // end::own-connection[]
      new MemberRepository(rekord).save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      assertEquals(1, meterRegistry.get("rekord.operations").tag("operation", "save").timer().count());
    }
  }

  @Test
  void operationsByShape(RedisServer server) {
    MeterRegistry meterRegistry = new SimpleMeterRegistry();
    try (Rekord rekord = Rekord.builder().url(server.url()).meterRegistry(meterRegistry).build()) {
      MemberRepository members = new MemberRepository(rekord);
      // tag::shape[]
      members.find(Member_.city.eq("Oslo").and(Member_.joinDate.gt(LocalDate.of(2024, 1, 1)))).limit(20).list();
      // end::shape[]
      members.find(Member_.city.eq("Rome").and(Member_.joinDate.gt(LocalDate.of(2020, 1, 1)))).limit(20).list();
      assertEquals(2, meterRegistry.get("rekord.operations").tag("operation", "list")
          .tag("shape", "city:eq+joinDate:gt").timer().count());
    }
  }
}
