package dev.rekord.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.TwoInstancesTest;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The near cache against a real redis-server: repeated reads served locally (no round trip), and
 * dropped when the server reports that another client wrote the entry or invalidated the cache.
 */
class NearCacheTest extends TwoInstancesTest {

  private static final Duration TTL = Duration.ofMinutes(5);

  @Test
  void repeatedReadsAreServedLocallyUntilAnotherClientWrites() {
    try (Cache near = new Cache(rekord.values(), "hot", CacheOptions.DEFAULT.withNearCache(100))) {
      Cache elsewhere = otherInstance.cache("hot");
      elsewhere.getOrCompute("ada", String.class, TTL, () -> "v1");
      awaitTrackingFor(near);

      assertEquals("v1", near.getOrCompute("ada", String.class, TTL, () -> "unused"), "from Redis, now held");
      long gets = getCalls();
      for (int i = 0; i < 20; i++) {
        assertEquals("v1", near.getOrCompute("ada", String.class, TTL, () -> "unused"));
      }
      assertEquals(gets, getCalls(), "20 reads, no round trip");
      assertEquals(20, near.stats().nearHits());
      assertEquals(21, near.stats().hits(), "one from Redis, 20 near");

      elsewhere.put("ada", dev.rekord.values.ValueType.of(String.class), "v2", TTL); // another client writes
      await(() -> "v2".equals(near.getOrCompute("ada", String.class, TTL, () -> "unused")));
      assertEquals("v2", near.getOrCompute("ada", String.class, TTL, () -> "unused"));

      AtomicInteger loads = new AtomicInteger();
      elsewhere.invalidateAll(); // the generation moves: every held entry goes
      await(() -> "v3".equals(near.getOrCompute("ada", String.class, TTL, () -> {
        loads.incrementAndGet();
        return "v3";
      })));
      assertEquals(1, loads.get(), "the held v2 was dropped, so the loader ran");
    }
  }

  @Test
  void theNearCacheIsBoundedAndDropsEverythingWhenItsInvalidationsStop() {
    try (Cache near = new Cache(rekord.values(), "bounded", CacheOptions.DEFAULT.withNearCache(3))) {
      awaitTrackingFor(near);
      for (int i = 0; i < 10; i++) {
        String key = "k" + i;
        near.getOrCompute(key, String.class, TTL, () -> key);
        near.getOrCompute(key, String.class, TTL, () -> key);
      }
      assertTrue(near.nearSize() <= 3, "at most 3 held: " + near.nearSize());

      // the invalidation of a key's own first write (BCAST tells its writer too) can arrive after
      // the read that held it, and drop it: read until one is held
      await(() -> {
        near.getOrCompute("k9", String.class, TTL, () -> "k9");
        return near.nearSize() > 0;
      });
      server.command("CLIENT", "KILL", "TYPE", "pubsub"); // invalidations stop: nothing held may be trusted
      await(() -> near.nearSize() == 0);
      await(near::nearLive); // tracking again
      long before = near.stats().nearHits();
      near.getOrCompute("k9", String.class, TTL, () -> "k9");
      near.getOrCompute("k9", String.class, TTL, () -> "k9");
      assertEquals(before + 1, near.stats().nearHits(), "held again once invalidations flow");
    }
  }

  private static void awaitTrackingFor(Cache near) {
    near.getOrCompute("warm-up", String.class, TTL, () -> "x"); // starts the near cache
    await(near::nearLive);
  }

  private static long getCalls() {
    String stats = server.command("INFO", "commandstats").toString();
    int at = stats.indexOf("cmdstat_get:calls=");
    String rest = stats.substring(at + "cmdstat_get:calls=".length());
    return Long.parseLong(rest.substring(0, rest.indexOf(',')));
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
