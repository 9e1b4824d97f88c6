package dev.rekord.internal.instrument;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.connection.PoolStats;
import dev.rekord.schema.MigrationListener;
import java.util.function.Supplier;

/**
 * The one seam between the runtime and a metrics or tracing library: {@link InstrumentedConnection}
 * reports each Redis round trip here, the connection its retries and pools, the migrator its
 * progress. {@link #NONE} costs nothing (Rekord then does not even wrap its connection); {@link
 * MicrometerInstrumentation} is the only class that names Micrometer, loaded only when an
 * application passes a registry, so Micrometer stays an optional dependency.
 *
 * <p>Tags are low-cardinality by construction: a model's name (only models Rekord knows), an
 * operation (a script or command name, or a repository operation), a query's shape (fields and
 * operators, {@link QueryShape}), an outcome and an exception's class — never ids, keys or values.
 */
public interface Instrumentation extends AutoCloseable {

  /** Measures nothing. */
  Instrumentation NONE = new Instrumentation() {
    @Override
    public Measurement start(String model, String operation) {
      return Measurement.NONE;
    }

    @Override
    public boolean enabled() {
      return false;
    }
  };

  /** Whether anything is measured; when not, Rekord leaves its connection unwrapped. */
  default boolean enabled() {
    return true;
  }

  /** Starts measuring one round trip (a command, a script call or a pipeline). */
  Measurement start(String model, String operation);

  /** The {@code shape} of an operation that is not a query. */
  String NO_SHAPE = "none";

  /**
   * Starts measuring one repository operation ({@code save}, {@code findById}, a query's {@code
   * list}…), whatever round trips it takes; {@code shape} is a query's {@link QueryShape}, else
   * {@link #NO_SHAPE}.
   */
  default Measurement operation(String model, String operation, String shape) {
    return Measurement.NONE;
  }

  /**
   * {@code work}, to run on another thread as if on this one: with the observation current here as
   * the parent of its round trips' observations (so async operations join the caller's trace).
   */
  default <R> Supplier<R> propagate(Supplier<R> work) {
    return work;
  }

  /** A failed attempt is retried ({@code failure}: what failed). */
  default void retried(Throwable failure) {}

  /** Watches the connection pools. */
  default void pools(Supplier<PoolStats> stats) {}

  /** Watches the number of asynchronous operations running or waiting for a permit. */
  default void inFlight(Supplier<Integer> running) {}

  /** {@code listener}, also recording the progress of each model's rebuild. */
  default MigrationListener migration(MigrationListener listener) {
    return listener;
  }

  /** One model was migrated: {@code outcome} is {@code created}, {@code verified} or {@code rebuilt}. */
  default void migrated(String model, String outcome, long reindexed) {}

  /** One event of the toolkit's cache or rate limiter {@code name}: counts {@code meter} by {@code outcome}. */
  default void toolkit(ToolkitMeter meter, String name, String outcome) {}

  /** The instrumentation {@code connection} reports to: Rekord's, when it measures; else {@link #NONE}. */
  static Instrumentation of(RedisConnection connection) {
    return connection.isWrapperFor(InstrumentedConnection.class)
        ? connection.unwrap(InstrumentedConnection.class).instrumentation()
        : NONE;
  }

  /** Removes what was registered (gauges hold the connection otherwise). */
  @Override
  default void close() {}

  /** One round trip being measured. */
  interface Measurement {
    Measurement NONE = failure -> {};

    /** It ended: {@code failure} is {@code null} when it succeeded. */
    void stop(Throwable failure);
  }
}
