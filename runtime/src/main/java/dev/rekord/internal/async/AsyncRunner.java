package dev.rekord.internal.async;

import dev.rekord.exception.RekordException;
import dev.rekord.internal.instrument.Instrumentation;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the synchronous repository calls of the async API ({@code repository.async()}) on an
 * executor, so sync and async share one implementation.
 *
 * <ul>
 *   <li><b>Back-pressure.</b> At most {@code maxInFlight} operations are submitted and not yet
 *       finished; a caller asking for one more waits for a permit (a {@link Semaphore}), so work
 *       never piles up in an unbounded queue.
 *   <li><b>Cancellation.</b> A future cancelled before its operation started never runs it; one
 *       that started runs to the end (each document write is atomic in Redis, and a call is never
 *       interrupted half-way through a pipeline), so cancelling never leaves half-applied work.
 *   <li><b>Exceptions.</b> A future fails with the exception the sync call threw ({@link
 *       RekordException} and its subclasses, unwrapped).
 * </ul>
 *
 * Thread-safe.
 */
public final class AsyncRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncRunner.class);

  /** In-flight operations when none is configured. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 256;

  private final Executor executor;
  /** The executor Rekord made, closed with it; {@code null} when the application passed its own. */
  private final ExecutorService owned;
  private final int maxInFlight;
  private final Semaphore permits;
  private final Instrumentation instrumentation;

  private AsyncRunner(Executor executor, ExecutorService owned, int maxInFlight, Instrumentation instrumentation) {
    this.executor = executor;
    this.owned = owned;
    this.maxInFlight = maxInFlight;
    this.permits = new Semaphore(maxInFlight);
    this.instrumentation = instrumentation;
  }

  /**
   * @param executor the application's executor (not closed by Rekord), or {@code null} for
   *     virtual threads when the JVM has them and a bounded pool of daemon threads otherwise
   */
  public static AsyncRunner create(Executor executor, int maxInFlight) {
    return create(executor, maxInFlight, Instrumentation.NONE);
  }

  /**
   * @param instrumentation carries the caller's observation to the operation's thread
   */
  public static AsyncRunner create(Executor executor, int maxInFlight, Instrumentation instrumentation) {
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
    }
    if (executor != null) {
      LOG.debug("Rekord: async operations run on the application's executor, at most {} in flight", maxInFlight);
      return new AsyncRunner(executor, null, maxInFlight, instrumentation);
    }
    ExecutorService made = AsyncExecutors.defaultFor(maxInFlight);
    return new AsyncRunner(made, made, maxInFlight, instrumentation);
  }

  /** The most operations in flight at once. */
  public int maxInFlight() {
    return maxInFlight;
  }

  /** Operations submitted and not yet finished. */
  public int inFlight() {
    return maxInFlight - permits.availablePermits();
  }

  /**
   * Runs {@code work} on the executor once a permit is free (waiting for one: back-pressure).
   *
   * @return a future completed with the result, or failed with what {@code work} threw; failed
   *     with a {@link CancellationException} when the caller was interrupted while waiting, and
   *     with an {@link IllegalStateException} once Rekord is closed
   */
  public <R> CompletableFuture<R> submit(Supplier<R> work) {
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      CompletableFuture<R> interrupted = new CompletableFuture<>();
      interrupted.cancel(false);
      return interrupted;
    }
    CompletableFuture<R> future = new CompletableFuture<>();
    Supplier<R> propagated = instrumentation.propagate(work);
    try {
      executor.execute(() -> run(propagated, future));
    } catch (RejectedExecutionException e) {
      permits.release();
      future.completeExceptionally(new IllegalStateException("Rekord is closed: no async operation can start", e));
    }
    return future;
  }

  private <R> void run(Supplier<R> work, CompletableFuture<R> future) {
    try {
      if (future.isDone()) {
        return; // cancelled before it started: nothing ran
      }
      future.complete(work.get());
    } catch (Throwable e) {
      future.completeExceptionally(e);
    } finally {
      permits.release();
    }
  }

  /** Shuts down the executor Rekord made, waiting up to 10 s for running operations to finish. */
  @Override
  public void close() {
    if (owned == null) {
      return;
    }
    owned.shutdown();
    try {
      if (!owned.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("Rekord: async operations still running 10 s after close(); interrupting them");
        owned.shutdownNow();
      }
    } catch (InterruptedException e) {
      owned.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
