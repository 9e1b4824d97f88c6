package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a connection's calls are failing, so that losing Redis and getting it back are logged
 * once each (WARN, then INFO), however many calls fail meanwhile: a log a production system can
 * keep on. Thread-safe.
 */
final class ConnectionHealth {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionHealth.class);

  /** For connections that keep no health of their own: tracks nothing. */
  private static final ConnectionHealth UNTRACKED = new ConnectionHealth("?");

  private final String name;
  /** {@link System#nanoTime()} of the first failure since the last success; 0 while healthy. */
  private final AtomicLong failingSince = new AtomicLong();
  /** Told of every retry (metrics); nothing by default. */
  private volatile Consumer<Throwable> retryListener = failure -> {};

  ConnectionHealth(String name) {
    this.name = name;
  }

  static ConnectionHealth of(RedisConnection connection) {
    return connection instanceof ConfiguredConnection configured ? configured.health() : UNTRACKED;
  }

  /** A call failed for a transient reason (it may be retried). */
  void failed(Throwable failure) {
    if (this != UNTRACKED && failingSince.compareAndSet(0, System.nanoTime() | 1)) {
      LOG.warn("Rekord: calls to Redis ({}) are failing: {}; retrying as the RetryPolicy allows", name,
          RedisCalls.translate(failure).getMessage());
    }
  }

  void onRetry(Consumer<Throwable> listener) {
    this.retryListener = listener;
  }

  /** A failed attempt is about to be retried. */
  void retrying(Throwable failure) {
    retryListener.accept(failure);
  }

  /** A call succeeded, after {@code failedAttempts} failed attempts of its own. */
  void succeeded(int failedAttempts) {
    long since = failingSince.get();
    if (since != 0 && failingSince.compareAndSet(since, 0)) {
      LOG.info("Rekord: calls to Redis ({}) succeed again, {} ms after the first failure", name,
          (System.nanoTime() - since) / 1_000_000);
    } else if (failedAttempts > 0) {
      LOG.debug("Rekord: a call to Redis ({}) succeeded after {} failed attempt(s)", name, failedAttempts);
    }
  }
}
