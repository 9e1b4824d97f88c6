package dev.rekord.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.TwoInstancesTest;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.test.RedisServer;
import dev.rekord.values.ValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.params.SetParams;

/** Cache-aside with single-flight, against a real redis-server. */
class CacheTest extends TwoInstancesTest {

  public record Profile(String name, int visits) {}

  private static final Duration TTL = Duration.ofMinutes(5);

  @Test
  void computesOnceThenHits() {
    Cache profiles = rekord.cache("counted");
    assertSame(profiles, rekord.cache("counted"), "one instance per name, so this process's threads share loads");
    AtomicInteger calls = new AtomicInteger();
    Profile first = profiles.getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", calls.incrementAndGet()));
    Profile second = profiles.getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", calls.incrementAndGet()));

    assertEquals(new Profile("Ada", 1), first);
    assertEquals(first, second);
    assertEquals(1, calls.get());
    assertEquals(new CacheStats(1, 1, 1, 0, 0, 0), profiles.stats());
    long ttl = redis.pttl("app:cache:counted:e:ada");
    assertTrue(ttl > 290_000 && ttl <= 300_000, "entry ttl " + ttl);
    assertEquals(java.util.Optional.of(first), otherInstance.cache("counted").get("ada", ValueType.of(Profile.class)));
  }

  @Test
  void singleFlightAcrossThreadsAndProcessesCallsTheLoaderExactlyOnce() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    List<Cache> caches = List.of(rekord.cache("slow"), otherInstance.cache("slow"));
    int threads = 16;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Profile>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Cache cache = caches.get(i % 2);
        results.add(pool.submit(() -> {
          start.await();
          return cache.getOrCompute("ada", Profile.class, TTL, () -> {
            sleep(300);
            return new Profile("Ada", calls.incrementAndGet());
          });
        }));
      }
      start.countDown();
      Set<Profile> seen = ConcurrentHashMap.newKeySet();
      for (Future<Profile> result : results) {
        seen.add(result.get(20, TimeUnit.SECONDS));
      }
      assertEquals(1, calls.get(), "one computation across 16 threads in two processes");
      assertEquals(Set.of(new Profile("Ada", 1)), seen);
      assertEquals(1, caches.get(0).stats().loads() + caches.get(1).stats().loads());
      assertFalse(redis.exists("app:cache:slow:lock:ada"), "the lock is released");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theLockOfADeadProcessExpiresAndAWaiterComputes() {
    redis.set("app:cache:profiles:lock:ada", "a process that died", SetParams.setParams().px(400));
    long started = System.nanoTime();
    Profile loaded = rekord.cache("profiles").getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", 1));
    long waitedMillis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(new Profile("Ada", 1), loaded);
    assertTrue(waitedMillis >= 300, "waited for the lock to expire: " + waitedMillis + " ms");
    assertTrue(redis.exists("app:cache:profiles:e:ada"), "the waiter that took over stored the value");
  }

  @Test
  void aWaiterGivesUpAfterMaxWaitAndLoadsWithoutStoring() {
    redis.set("app:cache:profiles:lock:ada", "a slow process", SetParams.setParams().px(60_000));
    Cache impatient = rekord.cache("profiles", CacheOptions.DEFAULT.withMaxWait(Duration.ofMillis(200)));
    long started = System.nanoTime();
    Profile loaded = impatient.getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", 1));
    long waitedMillis = (System.nanoTime() - started) / 1_000_000;

    assertEquals(new Profile("Ada", 1), loaded);
    assertTrue(waitedMillis >= 200 && waitedMillis < 2_000, "waited " + waitedMillis + " ms");
    assertFalse(redis.exists("app:cache:profiles:e:ada"), "the lock holder stores, not the impatient waiter");
  }

  @Test
  void resultsTheCacheIfPredicateRefusesAreNotStored() {
    Cache lists = rekord.cache("lists", CacheOptions.DEFAULT.withCacheIf(value -> !((List<?>) value).isEmpty()));
    AtomicInteger calls = new AtomicInteger();
    ValueType<List<String>> type = new ValueType<>() {};
    lists.getOrCompute("empty", type, TTL, () -> { calls.incrementAndGet(); return List.of(); });
    lists.getOrCompute("empty", type, TTL, () -> { calls.incrementAndGet(); return List.of(); });
    assertEquals(2, calls.get());
    lists.getOrCompute("full", type, TTL, () -> { calls.incrementAndGet(); return List.of("x"); });
    assertEquals(List.of("x"), lists.getOrCompute("full", type, TTL, () -> { calls.incrementAndGet(); return List.of(); }));
    assertEquals(3, calls.get());
  }

  @Test
  void invalidateOneKeyAndTheWholeCacheInEveryProcess() {
    Cache here = rekord.cache("profiles");
    Cache there = otherInstance.cache("profiles");
    AtomicInteger calls = new AtomicInteger();
    for (String key : List.of("ada", "bo")) {
      here.getOrCompute(key, Profile.class, TTL, () -> new Profile(key, calls.incrementAndGet()));
    }
    assertEquals(2, calls.get());

    assertEquals(1, there.invalidate("ada"));
    assertEquals(new Profile("ada", 3), here.getOrCompute("ada", Profile.class, TTL, () -> new Profile("ada", calls.incrementAndGet())));

    there.invalidateAll();
    assertEquals(new Profile("ada", 4), here.getOrCompute("ada", Profile.class, TTL, () -> new Profile("ada", calls.incrementAndGet())));
    assertEquals(new Profile("bo", 5), here.getOrCompute("bo", Profile.class, TTL, () -> new Profile("bo", calls.incrementAndGet())));
    assertEquals(new Profile("bo", 5), there.getOrCompute("bo", Profile.class, TTL, () -> new Profile("bo", calls.incrementAndGet())));
    assertTrue(rekord.cache("other").get("ada", ValueType.of(Profile.class)).isEmpty(), "caches are separate");
  }

  @Test
  void aLoaderFailureReachesTheCallerAndNothingIsStored() {
    Cache profiles = rekord.cache("profiles");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> profiles.getOrCompute("ada", Profile.class, TTL, () -> { throw new IllegalStateException("db down"); }));
    assertEquals("db down", e.getMessage());
    assertFalse(redis.exists("app:cache:profiles:e:ada"));
    assertFalse(redis.exists("app:cache:profiles:lock:ada"));
  }

  @Test
  void anEntryThatNoLongerDecodesIsAMissAndIsReplaced() {
    redis.set("app:cache:profiles:e:ada", "0\n{\"nameWas\":\"renamed\"}");
    Cache profiles = rekord.cache("profiles");
    assertEquals(new Profile("Ada", 1), profiles.getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", 1)));
    assertTrue(profiles.stats().errors() >= 1);
    assertEquals(new Profile("Ada", 1), profiles.getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", 2)));
  }

  @Test
  void whenRedisIsDownTheLoaderIsCalledDirectlyAndCachingResumesAfterwards() {
    try (RedisServer own = RedisServer.start();
        Rekord fragile = Rekord.builder().url(own.url()).retryPolicy(RetryPolicy.NONE).build()) {
      Cache profiles = fragile.cache("profiles");
      AtomicInteger calls = new AtomicInteger();
      profiles.getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", calls.incrementAndGet()));
      own.kill();
      for (int i = 0; i < 3; i++) {
        assertEquals(new Profile("Ada", 2 + i),
            profiles.getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", calls.incrementAndGet())));
      }
      assertTrue(profiles.stats().errors() >= 3);
      own.restart();
      Profile afterwards = profiles.getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", calls.incrementAndGet()));
      assertEquals(afterwards, profiles.getOrCompute("ada", Profile.class, TTL, () -> new Profile("Ada", calls.incrementAndGet())));
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
