package dev.rekord.internal.async;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor of the async API when the application gives none: virtual threads when the JVM has
 * them (Java 21+), found once through a method handle since the runtime is compiled for Java 17;
 * otherwise a pool of daemon threads {@code rekord-async-N}, as many as Redis calls can usefully
 * wait at once. The queue in front of the pool is bounded by {@link AsyncRunner}'s permits.
 */
final class AsyncExecutors {
  private static final Logger LOG = LoggerFactory.getLogger(AsyncExecutors.class);

  /** Threads of the fallback pool at most; blocking Redis calls, so more than the cores. */
  static final int MAX_POOL_THREADS = 64;

  private AsyncExecutors() {}

  static ExecutorService defaultFor(int maxInFlight) {
    ExecutorService virtual = virtualThreads();
    if (virtual != null) {
      LOG.info("Rekord: async operations run on virtual threads, at most {} in flight", maxInFlight);
      return virtual;
    }
    int threads = Math.min(maxInFlight, MAX_POOL_THREADS);
    LOG.info("Rekord: async operations run on {} pooled thread(s) (no virtual threads on Java {}), at most {}"
        + " in flight", threads, Runtime.version().feature(), maxInFlight);
    return pool(threads);
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()} where it exists, else {@code null}. */
  static ExecutorService virtualThreads() {
    try {
      MethodHandle factory = MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
          "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
      return (ExecutorService) factory.invoke();
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return null; // Java 17-20
    } catch (Throwable e) {
      LOG.debug("Rekord: virtual threads are present but could not be started ({}); using a pool", e.toString());
      return null;
    }
  }

  static ExecutorService pool(int threads) {
    AtomicInteger counter = new AtomicInteger();
    ThreadFactory factory = task -> {
      Thread thread = new Thread(task, "rekord-async-" + counter.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), factory);
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
