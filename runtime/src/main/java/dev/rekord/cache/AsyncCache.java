package dev.rekord.cache;

import dev.rekord.internal.async.AsyncRunner;
import dev.rekord.values.ValueType;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The asynchronous view of a {@link Cache} ({@code cache.async()}): each method runs the
 * synchronous one of the same name on Rekord's async executor, with the back-pressure,
 * cancellation and failures of {@code repository.async()}. A loader runs on that executor too;
 * single-flight holds as for synchronous callers (a waiting caller occupies an executor thread —
 * cheap with virtual threads).
 *
 * <pre>{@code
 * CompletableFuture<Profile> ada = profiles.async().getOrCompute("ada", Profile.class, Duration.ofMinutes(10), () -> load("ada"));
 * }</pre>
 */
public final class AsyncCache {

  private final Cache cache;
  private final AsyncRunner runner;

  AsyncCache(Cache cache, AsyncRunner runner) {
    this.cache = cache;
    this.runner = runner;
  }

  /** The synchronous cache this view runs. */
  public Cache sync() {
    return cache;
  }

  /** {@link Cache#getOrCompute(String, Class, Duration, Supplier)}. */
  public <T> CompletableFuture<T> getOrCompute(String key, Class<T> type, Duration ttl, Supplier<T> loader) {
    return runner.submit(() -> cache.getOrCompute(key, type, ttl, loader));
  }

  /** {@link Cache#getOrCompute(String, ValueType, Duration, Supplier)}. */
  public <T> CompletableFuture<T> getOrCompute(String key, ValueType<T> type, Duration ttl, Supplier<T> loader) {
    return runner.submit(() -> cache.getOrCompute(key, type, ttl, loader));
  }

  /** {@link Cache#invalidate(String...)}. */
  public CompletableFuture<Long> invalidate(String... keys) {
    return runner.submit(() -> cache.invalidate(keys));
  }

  /** {@link Cache#invalidateAll()}. */
  public CompletableFuture<Void> invalidateAll() {
    return runner.submit(() -> {
      cache.invalidateAll();
      return null;
    });
  }
}
