package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.rekord.Rekord;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.test.RedisExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** Migration meters: models migrated by outcome, documents reindexed, the progress gauge. */
class MigrationMetricsTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  @Test
  void migrationsAreCountedByOutcomeWithProgress() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (Rekord rekord = Rekord.builder().url(redis.server().url()).meterRegistry(meters).build()) {
      rekord.migrate();
      assertEquals(1, meters.get("rekord.migrations").tag("model", "Member").tag("outcome", "created").counter().count());

      MemberRepository members = new MemberRepository(rekord);
      List<Member> many = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        many.add(new Member("m" + i, "Oslo", LocalDate.of(2020, 1, 1).plusDays(i), 20 + i, List.of(), null));
      }
      members.saveAll(many);
      try (UnifiedJedis raw = new RedisTarget(redis.server()).raw()) {
        raw.hset("rekord:schema:member", "fingerprint", "0000stale"); // as if the model had changed
      }
      rekord.migrate();

      assertEquals(1, meters.get("rekord.migrations").tag("model", "Member").tag("outcome", "rebuilt").counter().count());
      assertEquals(30, meters.get("rekord.migration.reindexed").tag("model", "Member").counter().count());
      assertNotNull(meters.find("rekord.migration.progress").tag("model", "Member").gauge());
      assertEquals(1.0, meters.get("rekord.migration.progress").tag("model", "Member").gauge().value());
      assertEquals(1, meters.get("rekord.migrations").tag("model", "Event").tag("outcome", "verified").counter().count());
    }
  }
}
