package dev.rekord.values;

import dev.rekord.internal.async.AsyncRunner;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of {@link Values} ({@code values.async()}): each method runs the
 * synchronous one of the same name on Rekord's async executor, with the back-pressure,
 * cancellation and failures of {@code repository.async()} (a future fails with the exception the
 * synchronous call throws, unwrapped).
 *
 * <pre>{@code
 * CompletableFuture<Optional<Profile>> ada = values.async().get("profile:ada", Profile.class);
 * }</pre>
 */
public final class AsyncValues {

  private final Values values;
  private final AsyncRunner runner;

  AsyncValues(Values values, AsyncRunner runner) {
    this.values = values;
    this.runner = runner;
  }

  /** The synchronous values this view runs. */
  public Values sync() {
    return values;
  }

  /** {@link Values#get(String, Class)}. */
  public <T> CompletableFuture<Optional<T>> get(String key, Class<T> type) {
    return runner.submit(() -> values.get(key, type));
  }

  /** {@link Values#get(String, ValueType)}. */
  public <T> CompletableFuture<Optional<T>> get(String key, ValueType<T> type) {
    return runner.submit(() -> values.get(key, type));
  }

  /** {@link Values#set(String, Object, Duration)}. */
  public CompletableFuture<Void> set(String key, Object value, Duration ttl) {
    return runner.submit(() -> {
      values.set(key, value, ttl);
      return null;
    });
  }

  /** {@link Values#set(String, Object, SetOptions)}. */
  public CompletableFuture<Boolean> set(String key, Object value, SetOptions options) {
    return runner.submit(() -> values.set(key, value, options));
  }

  /** {@link Values#mget(Class, List)}. */
  public <T> CompletableFuture<List<ValueRead<T>>> mget(Class<T> type, List<String> keys) {
    return runner.submit(() -> values.mget(type, keys));
  }

  /** {@link Values#mset(Map, Duration)}. */
  public CompletableFuture<Void> mset(Map<String, ?> entries, Duration ttl) {
    return runner.submit(() -> {
      values.mset(entries, ttl);
      return null;
    });
  }

  /** {@link Values#delete(List)}. */
  public CompletableFuture<Long> delete(List<String> keys) {
    return runner.submit(() -> values.delete(keys));
  }
}
