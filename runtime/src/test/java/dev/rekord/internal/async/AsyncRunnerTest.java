package dev.rekord.internal.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Back-pressure, cancellation and failures of the async runner, with latches instead of Redis. */
class AsyncRunnerTest {

  @Test
  void aCallerBeyondMaxInFlightWaitsForAPermit() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (AsyncRunner runner = AsyncRunner.create(null, 4)) {
      for (int i = 0; i < 4; i++) {
        runner.submit(() -> await(release));
      }
      assertEquals(4, runner.inFlight());
      AtomicReference<CompletableFuture<String>> fifth = new AtomicReference<>();
      Thread caller = new Thread(() -> fifth.set(runner.submit(() -> "fifth")));
      caller.start();
      caller.join(300);
      assertTrue(caller.isAlive(), "the fifth submit waits: back-pressure, not a queue");
      assertNull(fifth.get());

      release.countDown();
      caller.join(5_000);
      assertEquals("fifth", fifth.get().get(5, TimeUnit.SECONDS));
      awaitInFlight(runner, 0);
    }
  }

  @Test
  void aFutureCancelledBeforeItStartedNeverRuns() throws Exception {
    ExecutorService single = AsyncExecutors.pool(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean ran = new AtomicBoolean();
    try (AsyncRunner runner = AsyncRunner.create(single, 4)) {
      CompletableFuture<String> blocker = runner.submit(() -> await(release));
      CompletableFuture<Boolean> queued = runner.submit(() -> ran.getAndSet(true));
      assertTrue(queued.cancel(true));
      release.countDown();
      assertEquals("released", blocker.get(5, TimeUnit.SECONDS));
      awaitInFlight(runner, 0);
      assertFalse(ran.get(), "the cancelled operation never started");
      assertTrue(queued.isCancelled());
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void aFutureCancelledWhileRunningRunsToItsEnd() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean finished = new AtomicBoolean();
    try (AsyncRunner runner = AsyncRunner.create(null, 2)) {
      CompletableFuture<String> running = runner.submit(() -> {
        started.countDown();
        await(release);
        finished.set(true);
        return "done";
      });
      assertTrue(started.await(5, TimeUnit.SECONDS));
      running.cancel(true);
      release.countDown();
      awaitInFlight(runner, 0);
      assertTrue(finished.get(), "a started operation is never interrupted half-way");
    }
  }

  @Test
  void aFailureIsTheThrownExceptionUnwrapped() {
    try (AsyncRunner runner = AsyncRunner.create(null, 2)) {
      IllegalStateException thrown = new IllegalStateException("boom");
      CompletableFuture<Object> future = runner.submit(() -> {
        throw thrown;
      });
      ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
      assertEquals(thrown, e.getCause());
      AtomicReference<Throwable> seen = new AtomicReference<>();
      future.whenComplete((value, failure) -> seen.set(failure)).exceptionally(f -> null).join();
      assertEquals(thrown, seen.get(), "whenComplete sees the exception itself, not a CompletionException");
    }
  }

  @Test
  void afterCloseNothingStartsAndNoThreadIsLeft() throws Exception {
    AsyncRunner runner = AsyncRunner.create(null, 8);
    for (int i = 0; i < 100; i++) {
      runner.submit(() -> "x").get(5, TimeUnit.SECONDS);
    }
    runner.close();
    CompletableFuture<String> late = runner.submit(() -> "late");
    ExecutionException e = assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
    assertInstanceOf(IllegalStateException.class, e.getCause());
    assertEquals(0, runner.inFlight(), "a rejected operation gives its permit back");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (asyncThreads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, asyncThreads(), "threads left after close");
  }

  @Test
  void virtualThreadsAreUsedWhereTheJvmHasThem() {
    ExecutorService virtual = AsyncExecutors.virtualThreads();
    try {
      assertEquals(Runtime.version().feature() >= 21, virtual != null);
    } finally {
      if (virtual != null) {
        virtual.shutdown();
      }
    }
  }

  @Test
  void maxInFlightMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> AsyncRunner.create(null, 0));
    assertNotNull(AsyncRunner.create(Runnable::run, 1));
  }

  static long asyncThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("rekord-async-")).count();
  }

  private static void awaitInFlight(AsyncRunner runner, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (runner.inFlight() != expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(expected, runner.inFlight());
  }

  private static String await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
      return "released";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
