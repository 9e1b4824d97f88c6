package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.cache.Cache;
import dev.rekord.ratelimit.RateLimiter;
import dev.rekord.test.RedisExtension;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** The toolkit's counters in a Micrometer registry, against a real redis-server. */
class ToolkitMetricsTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  private double count(String name, String tag, String value, String outcomeTag, String outcome) {
    Counter counter = meters.find(name).tag(tag, value).tag(outcomeTag, outcome).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void cacheReadsLoadsFailuresAndRateLimitDecisionsAreCountedByName() {
    try (Rekord rekord = Rekord.builder().url(redis.server().url()).meterRegistry(meters).build()) {
      Cache profiles = rekord.cache("profiles");
      profiles.getOrCompute("ada", String.class, Duration.ofMinutes(1), () -> "Ada");
      profiles.getOrCompute("ada", String.class, Duration.ofMinutes(1), () -> "Ada");
      profiles.getOrCompute("ada", String.class, Duration.ofMinutes(1), () -> "Ada");
      assertThrows(IllegalStateException.class, () -> profiles.getOrCompute("bo", String.class, Duration.ofMinutes(1),
          () -> { throw new IllegalStateException("the database is down"); }));
      rekord.connection().unwrap(UnifiedJedis.class).set("cache:profiles:e:cy", "0\n{not a number");
      profiles.getOrCompute("cy", Integer.class, Duration.ofMinutes(1), () -> 7);

      assertEquals(2, count("rekord.cache.gets", "cache", "profiles", "result", "hit"));
      assertEquals(3, count("rekord.cache.gets", "cache", "profiles", "result", "miss"));
      assertEquals(2, count("rekord.cache.loads", "cache", "profiles", "outcome", "success"));
      assertEquals(1, count("rekord.cache.loads", "cache", "profiles", "outcome", "error"));
      assertEquals(2, count("rekord.cache.errors", "cache", "profiles", "kind", "decode"),
          "read twice: on the miss, and again under the lock");

      RateLimiter api = rekord.rateLimiters().fixedWindow("api", 2, Duration.ofMinutes(1));
      for (int i = 0; i < 5; i++) {
        api.tryAcquire("user:1");
      }
      assertEquals(2, count("rekord.ratelimit.decisions", "limiter", "api", "decision", "allowed"));
      assertEquals(3, count("rekord.ratelimit.decisions", "limiter", "api", "decision", "denied"));

      Set<String> tagKeys = new TreeSet<>();
      for (Meter meter : meters.getMeters()) {
        if (meter.getId().getName().startsWith("rekord.cache.") || meter.getId().getName().startsWith("rekord.ratelimit.")) {
          meter.getId().getTags().forEach(tag -> tagKeys.add(tag.getKey()));
        }
      }
      assertEquals(Set.of("cache", "decision", "kind", "limiter", "outcome", "result"), tagKeys,
          "names and outcomes only: never a key or a subject");
    }
  }

  @Test
  void singleFlightWaitsAreCounted() throws Exception {
    try (Rekord rekord = Rekord.builder().url(redis.server().url()).meterRegistry(meters).build()) {
      Cache slow = rekord.cache("slow");
      Thread leader = new Thread(() -> slow.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> {
        sleep(500);
        return "v";
      }));
      leader.start();
      UnifiedJedis jedis = rekord.connection().unwrap(UnifiedJedis.class);
      while (!jedis.exists("cache:slow:lock:k")) {
        sleep(5);
      }
      assertEquals("v", slow.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> "not me"));
      leader.join();
      assertEquals(1, count("rekord.cache.waits", "cache", "slow", "source", "local"));
      assertEquals(1, slow.stats().waits());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
