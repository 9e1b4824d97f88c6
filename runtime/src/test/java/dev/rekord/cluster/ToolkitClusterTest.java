package dev.rekord.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.cache.Cache;
import dev.rekord.exception.DeserializationException;
import dev.rekord.exception.WrongTypeException;
import dev.rekord.ratelimit.RateLimiter;
import dev.rekord.test.RedisCluster;
import dev.rekord.values.ValueRead;
import dev.rekord.values.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** The toolkit on a cluster of three primaries: keys of every slot, SCAN on every primary. */
class ToolkitClusterTest {

  private static Rekord rekord;
  private static Values values;
  private static UnifiedJedis redis;

  @BeforeAll
  static void connect() {
    RedisCluster cluster = SharedCluster.get();
    rekord = Rekord.builder().url(cluster.seedUrl()).namespace("toolkit").build();
    values = rekord.values();
    redis = rekord.connection().unwrap(UnifiedJedis.class);
  }

  @AfterAll
  static void close() {
    rekord.close();
  }

  @Test
  void msetAndMgetAcrossSlotsAndScanOnEveryPrimary() {
    Map<String, Object> entries = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      entries.put("scan:" + i, List.of("v" + i));
    }
    values.mset(entries, Duration.ofMinutes(1));
    redis.set("toolkit:scan:corrupt", "[not json");
    redis.sadd("toolkit:scan:aSet", "x");

    List<String> keys = new ArrayList<>(entries.keySet());
    keys.add(1, "scan:corrupt");
    keys.add(2, "scan:missing");
    keys.add(3, "scan:aSet");
    List<ValueRead<List>> reads = values.mget(List.class, keys);
    assertEquals(keys, reads.stream().map(ValueRead::key).toList());
    assertEquals(List.of("v0"), reads.get(0).value());
    assertInstanceOf(DeserializationException.class, reads.get(1).failure());
    assertTrue(reads.get(2).missing());
    assertInstanceOf(WrongTypeException.class, reads.get(3).failure());
    assertEquals(List.of("v299"), reads.get(reads.size() - 1).value());
    assertTrue(redis.pttl("toolkit:scan:299") > 50_000);

    Set<String> found = new HashSet<>();
    values.scan("scan:*", found::add);
    Set<String> expected = new HashSet<>(entries.keySet());
    expected.add("scan:corrupt");
    expected.add("scan:aSet");
    assertEquals(expected, found, "every key of every primary, without the namespace, once");
    assertEquals(302, values.delete(new ArrayList<>(expected)));
  }

  @Test
  void cacheAndRateLimiterOnACluster() {
    Cache cache = rekord.cache("cluster");
    AtomicInteger calls = new AtomicInteger();
    for (int i = 0; i < 20; i++) {
      String key = "k" + (i % 10);
      assertEquals(key, cache.getOrCompute(key, String.class, Duration.ofMinutes(1), () -> { calls.incrementAndGet(); return key; }));
    }
    assertEquals(10, calls.get());
    cache.invalidateAll();
    cache.getOrCompute("k1", String.class, Duration.ofMinutes(1), () -> { calls.incrementAndGet(); return "k1"; });
    assertEquals(11, calls.get());

    RateLimiter limiter = rekord.rateLimiters().slidingWindow("cluster", 5, Duration.ofMinutes(1));
    int allowed = 0;
    for (int i = 0; i < 8; i++) {
      allowed += limiter.tryAcquire("subject").allowed() ? 1 : 0;
    }
    assertEquals(5, allowed);
  }
}
