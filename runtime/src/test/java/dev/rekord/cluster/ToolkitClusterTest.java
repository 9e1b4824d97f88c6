package dev.rekord.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.cache.Cache;
import dev.rekord.config.ConfigChanges;
import dev.rekord.config.ConfigStore;
import dev.rekord.config.Versioned;
import dev.rekord.exception.DeserializationException;
import dev.rekord.exception.WrongTypeException;
import dev.rekord.ratelimit.RateLimiter;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import dev.rekord.values.ValueRead;
import dev.rekord.values.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

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
  void eachRateLimiterIsExactUnderContentionFromTwoInstancesAcrossSlots() throws Exception {
    List<String> subjects = List.of("user:1", "user:2", "user:3", "user:4"); // slots on several primaries
    try (Rekord other = Rekord.builder().url(SharedCluster.get().seedUrl()).namespace("toolkit").build()) {
      List<Function<Rekord, RateLimiter>> kinds = List.of(
          r -> r.rateLimiters().slidingWindow("contended-sliding", 20, Duration.ofSeconds(30)),
          r -> r.rateLimiters().fixedWindow("contended-fixed", 20, Duration.ofDays(1)),
          r -> r.rateLimiters().smooth("contended-smooth", 20, Duration.ofSeconds(200)));
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        for (Function<Rekord, RateLimiter> kind : kinds) {
          List<RateLimiter> limiters = List.of(kind.apply(rekord), kind.apply(other));
          CountDownLatch start = new CountDownLatch(1);
          Map<String, List<Future<Boolean>>> decisions = new LinkedHashMap<>();
          for (int i = 0; i < 320; i++) {
            RateLimiter limiter = limiters.get(i % 2);
            String subject = subjects.get(i % subjects.size());
            decisions.computeIfAbsent(subject, s -> new ArrayList<>()).add(pool.submit(() -> {
              start.await();
              return limiter.tryAcquire(subject).allowed();
            }));
          }
          start.countDown();
          for (Map.Entry<String, List<Future<Boolean>>> subject : decisions.entrySet()) {
            int allowed = 0;
            for (Future<Boolean> decision : subject.getValue()) {
              allowed += decision.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(20, allowed, limiters.get(0) + ": " + subject.getKey() + " of 80 requests");
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void configWatchesHearKeyspaceEventsFromEveryPrimary() {
    RedisCluster cluster = SharedCluster.get();
    List<String> keys = List.of("a", "b", "c", "d", "e", "f");
    Set<RedisServer> masters = new HashSet<>();
    for (String key : keys) {
      masters.add(cluster.masterOf(JedisClusterCRC16.getSlot("toolkit:config:{" + key + "}")));
    }
    assertTrue(masters.size() >= 2, "the keys live on several primaries");
    try (ConfigStore watching = new ConfigStore(values, ConfigChanges.keyspaceEvents().enablingThem(), 10);
        Rekord other = Rekord.builder().url(cluster.seedUrl()).namespace("toolkit").build()) {
      Map<String, List<Versioned<String>>> seen = new ConcurrentHashMap<>();
      for (String key : keys) {
        watching.watch(key, String.class, change -> seen.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(change));
      }
      for (RedisServer master : cluster.masters()) {
        String setting = ((List<?>) master.command("CONFIG", "GET", "notify-keyspace-events")).get(1).toString();
        assertTrue(setting.contains("K") && setting.contains("h"), "enabled on every primary: " + setting);
        await(() -> master.command("PUBSUB", "NUMPAT") instanceof Long n && n > 0);
      }
      ConfigStore writer = new ConfigStore(other.values(), Duration.ofHours(1), 10); // its polling never runs
      for (String key : keys) {
        writer.set(key, "on:" + key);
      }
      await(() -> keys.stream().allMatch(key -> seen.getOrDefault(key, List.of()).size() == 1));
      for (String key : keys) {
        assertEquals(List.of(new Versioned<>("on:" + key, 1)), seen.get(key));
      }
    } finally {
      for (RedisServer master : cluster.masters()) {
        master.command("CONFIG", "SET", "notify-keyspace-events", "");
      }
    }
  }

  @Test
  void aNearCacheIsInvalidatedByWritesOnEveryPrimary() {
    List<String> keys = List.of("a", "b", "c", "d", "e", "f"); // entries on several primaries
    try (Cache near = new Cache(values, "near", dev.rekord.cache.CacheOptions.DEFAULT.withNearCache(100));
        Rekord other = Rekord.builder().url(SharedCluster.get().seedUrl()).namespace("toolkit").build()) {
      Cache elsewhere = other.cache("near");
      for (String key : keys) {
        elsewhere.getOrCompute(key, String.class, Duration.ofMinutes(1), () -> "v1");
      }
      // The near cache serves once its own invalidations flow from every primary: wait for a local
      // hit (a subscriber counted by PUBSUB NUMSUB may be another client's, of an earlier test).
      await(() -> {
        near.getOrCompute("warm-up", String.class, Duration.ofMinutes(1), () -> "x");
        return near.stats().nearHits() > 0;
      });
      long before = near.stats().nearHits();
      for (int round = 0; round < 3; round++) {
        for (String key : keys) {
          assertEquals("v1", near.getOrCompute(key, String.class, Duration.ofMinutes(1), () -> "unused"));
        }
      }
      assertTrue(near.stats().nearHits() - before >= 6, "repeated reads served locally: " + near.stats());
      for (String key : keys) {
        elsewhere.put(key, dev.rekord.values.ValueType.of(String.class), "v2", Duration.ofMinutes(1));
      }
      await(() -> keys.stream().allMatch(
          key -> "v2".equals(near.getOrCompute(key, String.class, Duration.ofMinutes(1), () -> "unused"))));
    }
  }

  private static void await(java.util.function.BooleanSupplier condition) {
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
