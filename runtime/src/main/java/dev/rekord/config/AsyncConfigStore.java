package dev.rekord.config;

import dev.rekord.internal.async.AsyncRunner;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of a {@link ConfigStore} ({@code config.async()}): each method runs the
 * synchronous one of the same name on Rekord's async executor, with the back-pressure,
 * cancellation and failures of {@code repository.async()} (a future fails with the exception the
 * synchronous call throws, unwrapped). Watches stay on the store: they are pushed, not awaited.
 *
 * <pre>{@code
 * CompletableFuture<Optional<Versioned<Settings>>> settings = config.async().get("settings", Settings.class);
 * }</pre>
 */
public final class AsyncConfigStore {

  private final ConfigStore store;
  private final AsyncRunner runner;

  AsyncConfigStore(ConfigStore store, AsyncRunner runner) {
    this.store = store;
    this.runner = runner;
  }

  /** The synchronous store this view runs. */
  public ConfigStore sync() {
    return store;
  }

  /** {@link ConfigStore#set(String, Object)}. */
  public CompletableFuture<Long> set(String key, Object value) {
    return runner.submit(() -> store.set(key, value));
  }

  /** {@link ConfigStore#compareAndSet(String, Object, long)}. */
  public CompletableFuture<OptionalLong> compareAndSet(String key, Object value, long expectedVersion) {
    return runner.submit(() -> store.compareAndSet(key, value, expectedVersion));
  }

  /** {@link ConfigStore#get(String, Class)}. */
  public <T> CompletableFuture<Optional<Versioned<T>>> get(String key, Class<T> type) {
    return runner.submit(() -> store.get(key, type));
  }

  /** {@link ConfigStore#history(String, Class)}. */
  public <T> CompletableFuture<List<Versioned<T>>> history(String key, Class<T> type) {
    return runner.submit(() -> store.history(key, type));
  }
}
