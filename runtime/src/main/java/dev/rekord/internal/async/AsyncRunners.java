package dev.rekord.internal.async;

import dev.rekord.connection.RedisConnection;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Which {@link AsyncRunner} the toolkit's async views ({@code values.async()}, {@code
 * cache.async()}, {@code limiter.async()}, {@code config.async()}) use for a connection: the runner of the {@code Rekord} that made the connection
 * (bound here while it is open), so they share its executor and back-pressure with {@code
 * repository.async()}; for a connection Rekord did not make, one shared runner with the defaults.
 */
public final class AsyncRunners {

  /** By connection identity (connections do not override {@code equals}). */
  private static final Map<RedisConnection, Supplier<AsyncRunner>> BOUND =
      Collections.synchronizedMap(new WeakHashMap<>());
  private static AsyncRunner shared;

  private AsyncRunners() {}

  /** The runner {@code runner} supplies (made on first use) serves {@code connection}'s async views. */
  public static void bind(RedisConnection connection, Supplier<AsyncRunner> runner) {
    BOUND.put(connection, runner);
  }

  /** {@code connection} is closed: its async views start nothing more. */
  public static void unbind(RedisConnection connection) {
    BOUND.put(connection, () -> {
      throw new IllegalStateException("Rekord is closed: no async operation can start");
    });
  }

  /** The runner for {@code connection}'s async views. */
  public static AsyncRunner of(RedisConnection connection) {
    Supplier<AsyncRunner> bound = BOUND.get(connection);
    return bound != null ? bound.get() : shared();
  }

  private static synchronized AsyncRunner shared() {
    if (shared == null) {
      shared = AsyncRunner.create(null, AsyncRunner.DEFAULT_MAX_IN_FLIGHT);
    }
    return shared;
  }
}
