package dev.rekord.docs.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

// tag::imports[]
import dev.rekord.Rekord;
import dev.rekord.model.IndexLayout;
// end::imports[]
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/** The snippets of performance.md's "Memory: the compact index layout", run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class CompactLayoutTest {

  @Test
  void aModelKeepsItsIndexesCompact(RedisServer server) {
    String url = server.url();
    // tag::configure[]
    Rekord rekord = Rekord.builder()
        .url(url)
        .indexLayout(Reading.class, IndexLayout.COMPACT) // this model's indexes: memory first
        .build();
    rekord.migrate(); // builds each index in its layout, rebuilds one whose layout changed
    // end::configure[]
    try (rekord) {
      ReadingRepository readings = new ReadingRepository(rekord);
      List<Reading> batch = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        batch.add(new Reading("r" + i, "sensor-" + (i % 10), i % 100, Instant.ofEpochSecond(1_700_000_000L + i)));
      }
      readings.saveAll(batch);
      // tag::query[]
      List<Reading> hottest = readings.find(Reading_.sensor.eq("sensor-3").and(Reading_.value.gte(90.0)))
          .sortBy(Reading_.at.desc())
          .limit(5)
          .list();
      // end::query[]
      assertEquals(List.of("r993", "r893", "r793", "r693", "r593"), hottest.stream().map(Reading::id).toList());
      UnifiedJedis redis = rekord.connection().unwrap(UnifiedJedis.class);
      assertTrue(redis.exists("{sensor-readings}#ids#dir"), "the set of all ids kept in chunks");
      assertFalse(redis.exists("{sensor-readings}#ids"), "no plain sorted set of all ids");
      assertEquals("listpack", redis.objectEncoding("{sensor-readings}#num:value#c:"));
    }

    // the same data read with the standard layout: refused until migrate() rebuilds the index
    try (Rekord standard = Rekord.connect(url)) {
      ReadingRepository readings = new ReadingRepository(standard);
      assertThrows(SchemaMismatchException.class, () -> readings.find(Reading_.sensor.eq("sensor-3")).count());
      standard.migrate();
      assertEquals(100, readings.find(Reading_.sensor.eq("sensor-3")).count());
    }
  }
}
