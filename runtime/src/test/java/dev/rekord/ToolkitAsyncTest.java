package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.cache.AsyncCache;
import dev.rekord.config.AsyncConfigStore;
import dev.rekord.config.ConfigStore;
import dev.rekord.exception.RekordException;
import dev.rekord.ratelimit.AsyncRateLimiter;
import dev.rekord.ratelimit.RateDecision;
import dev.rekord.ratelimit.RateLimiter;
import dev.rekord.values.AsyncValues;
import dev.rekord.values.ValueRead;
import dev.rekord.values.Values;
import dev.rekord.test.RedisExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** values.async(), cache.async(), limiter.async() and config.async(): the sync calls, on Rekord's async executor, against a real redis-server. */
class ToolkitAsyncTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  @Test
  void valuesAndCacheRunOnRekordsAsyncExecutor() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    AtomicInteger tasks = new AtomicInteger();
    try (Rekord rekord = Rekord.builder().url(redis.server().url())
        .asyncExecutor(task -> { tasks.incrementAndGet(); executor.execute(task); }).build()) {
      AsyncValues values = rekord.values().async();
      assertSame(rekord.values(), values.sync());
      values.set("greeting", "hello", Duration.ofMinutes(1)).get(10, TimeUnit.SECONDS);
      assertEquals(Optional.of("hello"), values.get("greeting", String.class).get(10, TimeUnit.SECONDS));
      values.mset(Map.of("a", 1, "b", 2), Duration.ofMinutes(1)).get(10, TimeUnit.SECONDS);
      List<ValueRead<Integer>> reads = values.mget(Integer.class, List.of("a", "missing", "b")).get(10, TimeUnit.SECONDS);
      assertEquals(List.of(true, false, true), reads.stream().map(ValueRead::found).toList());
      assertEquals(2L, values.delete(List.of("a", "b")).get(10, TimeUnit.SECONDS));

      AsyncCache cache = rekord.cache("async").async();
      AtomicInteger loads = new AtomicInteger();
      List<CompletableFuture<String>> answers = List.of(
          cache.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> slowly(loads)),
          cache.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> slowly(loads)),
          cache.getOrCompute("k", String.class, Duration.ofMinutes(1), () -> slowly(loads)));
      for (CompletableFuture<String> answer : answers) {
        assertEquals("loaded", answer.get(10, TimeUnit.SECONDS));
      }
      assertEquals(1, loads.get(), "single-flight holds for async callers");
      assertEquals(1L, cache.invalidate("k").get(10, TimeUnit.SECONDS));
      assertEquals(9, tasks.get(), "every call ran on the configured executor");

      CompletableFuture<String> failing = cache.getOrCompute("bad", String.class, Duration.ofMinutes(1), () -> {
        throw new IllegalArgumentException("no such profile");
      });
      ExecutionException failure = assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
      assertInstanceOf(IllegalArgumentException.class, failure.getCause(), "the loader's exception, unwrapped");
      Throwable seen = failing.handle((value, e) -> e).get(10, TimeUnit.SECONDS);
      assertInstanceOf(IllegalArgumentException.class, seen, "as repository.async() futures: not a CompletionException");

      Values sync = rekord.values();
      rekord.close();
      assertThrows(IllegalStateException.class, sync::async, "a closed Rekord starts no async operation");
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void rateLimiterAndConfigAnswerAsTheirSyncCalls() throws Exception {
    ExecutorService executor = Executors.newFixedThreadPool(4);
    AtomicInteger tasks = new AtomicInteger();
    try (Rekord rekord = Rekord.builder().url(redis.server().url())
        .asyncExecutor(task -> { tasks.incrementAndGet(); executor.execute(task); }).build()) {
      RateLimiter sync = rekord.rateLimiters().slidingWindow("async", 2, Duration.ofMinutes(1));
      AsyncRateLimiter limiter = sync.async();
      assertSame(sync, limiter.sync());
      for (int i = 0; i < 3; i++) { // allowed with 1 left, allowed with 0 left, denied: for both subjects
        RateDecision expected = sync.tryAcquire("sync-caller");
        RateDecision actual = limiter.tryAcquire("async-caller").get(10, TimeUnit.SECONDS);
        assertEquals(expected.allowed(), actual.allowed(), "decision " + i);
        assertEquals(expected.remaining(), actual.remaining(), "remaining after " + i);
      }
      assertEquals(false, limiter.tryAcquire("async-caller").get(10, TimeUnit.SECONDS).allowed(), "the limit is shared with sync calls");

      ConfigStore store = rekord.config();
      AsyncConfigStore config = store.async();
      assertSame(store, config.sync());
      assertEquals(1L, config.set("theme", "dark").get(10, TimeUnit.SECONDS));
      assertEquals(OptionalLong.empty(), config.compareAndSet("theme", "light", 5).get(10, TimeUnit.SECONDS),
          "a stale version changes nothing");
      assertEquals(OptionalLong.of(2), config.compareAndSet("theme", "light", 1).get(10, TimeUnit.SECONDS));
      assertEquals(store.get("theme", String.class), config.get("theme", String.class).get(10, TimeUnit.SECONDS));
      assertEquals(Optional.empty(), config.get("missing", String.class).get(10, TimeUnit.SECONDS));
      List<?> history = config.history("theme", String.class).get(10, TimeUnit.SECONDS);
      assertEquals(store.history("theme", String.class), history);
      assertEquals(2, history.size());
      assertEquals(10, tasks.get(), "every call ran on the configured executor");

      // Failures: the exception type the sync call throws, unwrapped.
      rekord.values().set("ratelimit:async:broken", "not a sorted set", Duration.ofMinutes(1));
      assertSameFailure(() -> sync.tryAcquire("broken"), limiter.tryAcquire("broken"));
      config.set("count", "not a number").get(10, TimeUnit.SECONDS);
      assertSameFailure(() -> store.get("count", Integer.class), config.get("count", Integer.class));
      assertSameFailure(() -> store.history("count", Integer.class), config.history("count", Integer.class));
    } finally {
      executor.shutdownNow();
    }
  }

  /** {@code future} fails with the very exception type {@code sync} throws, a Rekord exception, not wrapped. */
  private static void assertSameFailure(Supplier<?> sync, CompletableFuture<?> future) throws Exception {
    RekordException expected = assertThrows(RekordException.class, sync::get);
    Throwable seen = future.handle((value, e) -> e).get(10, TimeUnit.SECONDS);
    assertEquals(expected.getClass(), seen.getClass(), "unwrapped: " + seen);
  }

  private static String slowly(AtomicInteger loads) {
    loads.incrementAndGet();
    try {
      Thread.sleep(300);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "loaded";
  }
}
