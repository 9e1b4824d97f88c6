package dev.rekord.internal.connection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import redis.clients.jedis.Connection;
import redis.clients.jedis.util.Pool;

/**
 * One long-lived worker per primary node (a subscriber: what a node publishes only its own clients
 * hear), kept so by a supervisor: every {@code pause} it starts a worker for each primary without a
 * live one and stops those of nodes that are no longer primaries, so a broken connection, a
 * restarted server and a failover are all one loop. A worker ends itself when its connection
 * breaks; the next round replaces it.
 */
final class PrimaryWorkers<W extends PrimaryWorkers.Worker> implements AutoCloseable {

  /** A node's worker, on a thread of its own. */
  interface Worker {
    /** Whether it ended (its connection broke): it is replaced. */
    boolean ended();

    /** Whether it does its work now (by default: it has not ended). */
    default boolean live() {
      return !ended();
    }

    /** Ends it; also from another thread, also while it blocks in a read. */
    void stop();

    /** Called by the supervisor each round while it lives: a chance to check a connection it does not read. */
    default void check() {}
  }

  private final ConfiguredConnection connection;
  private final BiFunction<String, Pool<Connection>, W> start;
  private final Map<String, W> workers = new ConcurrentHashMap<>();
  private final ScheduledExecutorService supervisor;
  private volatile boolean closed;

  PrimaryWorkers(ConfiguredConnection connection, Duration pause, String name, BiFunction<String, Pool<Connection>, W> start) {
    this.connection = connection;
    this.start = start;
    this.supervisor = Executors.newSingleThreadScheduledExecutor(task -> daemon(task, name + "-supervisor"));
    long millis = Math.max(1, pause.toMillis());
    supervisor.scheduleWithFixedDelay(this::supervise, 0, millis, TimeUnit.MILLISECONDS);
  }

  /** Whether every primary the client knows has a live worker. */
  boolean allLive() {
    try {
      for (String node : connection.primaryPools().keySet()) {
        W worker = workers.get(node);
        if (worker == null || !worker.live()) {
          return false;
        }
      }
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void supervise() {
    if (closed) {
      return;
    }
    Map<String, ? extends Pool<Connection>> primaries;
    try {
      primaries = connection.primaryPools();
    } catch (RuntimeException e) {
      return; // no topology now: the next round asks again
    }
    workers.forEach((node, worker) -> {
      if (!primaries.containsKey(node) || worker.ended()) {
        workers.remove(node, worker);
        worker.stop();
      } else {
        worker.check();
      }
    });
    primaries.forEach((node, pool) -> workers.computeIfAbsent(node, n -> start.apply(n, pool)));
  }

  /** A worker lost its connection: the slot map may have changed too. */
  void refreshTopology() {
    connection.refreshTopology();
  }

  /** A new connection to the node of {@code pool}, made by the pool's factory (same credentials and TLS) but not the pool's. */
  static Connection open(Pool<Connection> pool) throws Exception {
    return pool.getFactory().makeObject().getObject();
  }

  static Thread daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    return thread;
  }

  static void closeQuietly(Connection open) {
    if (open != null) {
      try {
        open.close();
      } catch (RuntimeException e) {
        // already broken
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    supervisor.shutdownNow();
    workers.values().forEach(Worker::stop);
    workers.clear();
  }
}
