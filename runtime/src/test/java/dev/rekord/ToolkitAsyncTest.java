package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.cache.AsyncCache;
import dev.rekord.values.AsyncValues;
import dev.rekord.values.ValueRead;
import dev.rekord.values.Values;
import dev.rekord.test.RedisExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** values.async() and cache.async(): the sync calls, on Rekord's async executor, against a real redis-server. */
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
