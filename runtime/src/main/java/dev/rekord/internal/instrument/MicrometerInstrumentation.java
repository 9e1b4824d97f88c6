package dev.rekord.internal.instrument;

import dev.rekord.exception.RekordException;
import dev.rekord.internal.connection.PoolStats;
import dev.rekord.schema.MigrationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * {@link Instrumentation} through Micrometer: timers and counters in a {@link MeterRegistry},
 * and an {@link Observation} per round trip in an {@link ObservationRegistry} (which a tracing
 * bridge turns into spans). Either registry may be absent. The only class that names Micrometer:
 * it is loaded only when an application passes a registry ({@link #create}).
 *
 * <p>Meters (every name under {@code rekord.}): {@value #OPERATIONS} (timer per repository
 * operation: model, operation, shape, outcome, exception), {@value #CALLS} (timer per round trip:
 * model, operation, outcome), {@value #ERRORS} (counter: model, operation, exception), {@value #RETRIES} (counter:
 * exception), {@value #MIGRATIONS} (counter: model, outcome), {@value #REINDEXED} (counter:
 * model), {@value #MIGRATION_PROGRESS} (gauge, 0 to 1: model), {@code rekord.pool.active|idle|
 * waiting|max} (gauges), {@value #IN_FLIGHT} (gauge), and the toolkit's counters ({@link
 * ToolkitMeter}: {@code rekord.cache.gets|loads|errors|waits}, {@code rekord.ratelimit.decisions}).
 */
public final class MicrometerInstrumentation implements Instrumentation {

  public static final String CALLS = "rekord.calls";
  /** One sample per repository operation, tagged with its query shape. */
  public static final String OPERATIONS = "rekord.operations";
  public static final String ERRORS = "rekord.errors";
  public static final String RETRIES = "rekord.retries";
  public static final String MIGRATIONS = "rekord.migrations";
  public static final String REINDEXED = "rekord.migration.reindexed";
  public static final String MIGRATION_PROGRESS = "rekord.migration.progress";
  public static final String IN_FLIGHT = "rekord.async.in.flight";
  /** The name of each round trip's observation (a span, through a tracing bridge). */
  public static final String OBSERVATION = "rekord.redis";

  private final MeterRegistry meters;
  private final ObservationRegistry observations;
  private final Map<Tags, Timer[]> timers = new ConcurrentHashMap<>();
  private final Map<Operation, Timer> operationTimers = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> progress = new ConcurrentHashMap<>();
  private final List<Meter> registered = new CopyOnWriteArrayList<>();

  private MicrometerInstrumentation(MeterRegistry meters, ObservationRegistry observations) {
    this.meters = meters;
    this.observations = observations;
  }

  /**
   * @param meters a {@code MeterRegistry}, or {@code null}
   * @param observations an {@code ObservationRegistry}, or {@code null}
   */
  public static Instrumentation create(Object meters, Object observations) {
    if (meters == null && observations == null) {
      return NONE;
    }
    return new MicrometerInstrumentation((MeterRegistry) meters, (ObservationRegistry) observations);
  }

  private record Tags(String model, String operation) {}

  @Override
  public Measurement start(String model, String operation) {
    Observation observation = observations == null ? null
        : Observation.createNotStarted(OBSERVATION, observations)
            .contextualName("rekord " + operation)
            .lowCardinalityKeyValue("rekord.model", model)
            .lowCardinalityKeyValue("rekord.operation", operation)
            .start();
    if (meters == null) {
      return failure -> {
        if (failure != null) {
          observation.error(failure);
        }
        observation.stop();
      };
    }
    long start = System.nanoTime();
    return failure -> {
      long took = System.nanoTime() - start;
      Timer[] pair = timers.computeIfAbsent(new Tags(model, operation), this::timers);
      int outcome = failure == null ? 0 : 1;
      if (pair[outcome] == null) {
        pair[outcome] = timer(new Tags(model, operation), "error"); // a race registers the same timer twice: harmless
      }
      pair[outcome].record(took, TimeUnit.NANOSECONDS);
      if (failure != null) {
        Counter.builder(ERRORS).description("Redis calls that failed, by exception")
            .tag("model", model).tag("operation", operation).tag("exception", exceptionName(failure))
            .register(meters).increment();
      }
      if (observation != null) {
        if (failure != null) {
          observation.error(failure);
        }
        observation.stop();
      }
    };
  }

  @Override
  public Measurement operation(String model, String operation, String shape) {
    if (meters == null) {
      return Measurement.NONE;
    }
    long start = System.nanoTime();
    return failure -> {
      long took = System.nanoTime() - start;
      Operation key = new Operation(model, operation, shape, failure == null ? null : exceptionName(failure));
      operationTimers.computeIfAbsent(key, this::operationTimer).record(took, TimeUnit.NANOSECONDS);
    };
  }

  /** The tags of an operation's timer; {@code exception} {@code null} when it succeeded. */
  private record Operation(String model, String operation, String shape, String exception) {}

  private Timer operationTimer(Operation key) {
    return Timer.builder(OPERATIONS).description("Repository operations of Rekord (save, findById, a query's list…)")
        .tag("model", key.model()).tag("operation", key.operation()).tag("shape", key.shape())
        .tag("outcome", key.exception() == null ? "success" : "error")
        .tag("exception", key.exception() == null ? "none" : key.exception())
        .register(meters);
  }

  private Timer[] timers(Tags tags) {
    return new Timer[] {timer(tags, "success"), null}; // the error timer on the first error
  }

  private Timer timer(Tags tags, String outcome) {
    return Timer.builder(CALLS).description("Redis round trips (commands, script calls, pipelines) of Rekord")
        .tag("model", tags.model()).tag("operation", tags.operation()).tag("outcome", outcome)
        .register(meters);
  }

  @Override
  public <R> Supplier<R> propagate(Supplier<R> work) {
    Observation parent = observations == null ? null : observations.getCurrentObservation();
    if (parent == null) {
      return work;
    }
    return () -> {
      try (Observation.Scope scope = parent.openScope()) {
        return work.get();
      }
    };
  }

  @Override
  public void retried(Throwable failure) {
    if (meters != null) {
      Counter.builder(RETRIES).description("Redis calls retried after a transient failure")
          .tag("exception", failure.getClass().getSimpleName()).register(meters).increment();
    }
  }

  @Override
  public void pools(Supplier<PoolStats> stats) {
    gauge("rekord.pool.active", "Pooled connections lent out", stats, PoolStats::active);
    gauge("rekord.pool.idle", "Pooled connections idle", stats, PoolStats::idle);
    gauge("rekord.pool.waiting", "Threads waiting for a pooled connection", stats, PoolStats::waiting);
    gauge("rekord.pool.max", "The most connections the pools may hold", stats, PoolStats::max);
  }

  private void gauge(String name, String description, Supplier<PoolStats> stats, ToDoubleFunction<PoolStats> value) {
    if (meters != null) {
      registered.add(Gauge.builder(name, stats, s -> value.applyAsDouble(s.get()))
          .description(description).register(meters));
    }
  }

  @Override
  public void inFlight(Supplier<Integer> running) {
    if (meters != null) {
      registered.add(Gauge.builder(IN_FLIGHT, running, r -> r.get())
          .description("Asynchronous Rekord operations running or queued").register(meters));
    }
  }

  @Override
  public MigrationListener migration(MigrationListener listener) {
    if (meters == null) {
      return listener;
    }
    return (model, done, total) -> {
      AtomicLong permille = progress.computeIfAbsent(model, m -> {
        AtomicLong value = new AtomicLong();
        registered.add(Gauge.builder(MIGRATION_PROGRESS, value, v -> v.get() / 1000.0)
            .description("How far the running index rebuild of a model is, 0 to 1")
            .tag("model", m).register(meters));
        return value;
      });
      permille.set(total <= 0 ? 1000 : Math.min(1000, done * 1000 / total));
      listener.progress(model, done, total);
    };
  }

  @Override
  public void migrated(String model, String outcome, long reindexed) {
    if (meters != null) {
      Counter.builder(MIGRATIONS).description("Models migrated, by outcome")
          .tag("model", model).tag("outcome", outcome).register(meters).increment();
      Counter.builder(REINDEXED).description("Documents reindexed by rebuilds")
          .tag("model", model).register(meters).increment(reindexed);
    }
  }

  @Override
  public void close() {
    if (meters != null) {
      registered.forEach(meters::remove);
    }
  }

  @Override
  public void toolkit(ToolkitMeter meter, String name, String outcome) {
    if (meters != null) {
      Counter.builder(meter.meterName()).description(meter.description())
          .tag(meter.nameTag(), name).tag(meter.outcomeTag(), outcome).register(meters).increment();
    }
  }

  /** The Rekord exception's class ({@code RekordConnectionException}), else the thrown one's. */
  private static String exceptionName(Throwable failure) {
    return failure instanceof RekordException ? failure.getClass().getSimpleName() : failure.getClass().getName();
  }
}
