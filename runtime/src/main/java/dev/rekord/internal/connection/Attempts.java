package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.exception.RekordException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attempts of one retried operation under a connection's {@link RetryPolicy}: counts them,
 * keeps the deadline, refreshes the topology when the failure says it changed and sleeps the
 * backoff. Logs each failed attempt at DEBUG and giving up at WARN; the connection's {@link
 * ConnectionHealth} logs losing and regaining Redis once each. Not thread-safe: one per operation.
 * The pauses are the policy's ({@link RetryPolicy#pause}); {@link #run} retries an operation of the
 * caller's own ({@code Rekord.retrying}) without a connection.
 */
public final class Attempts {
  private static final Logger LOG = LoggerFactory.getLogger(Attempts.class);

  /** Null for an operation of the caller's own ({@link #run}): no health, no topology. */
  private final RedisConnection connection;
  private final RetryPolicy policy;
  private final long start = System.nanoTime();
  private int made;
  private Throwable counted;

  public Attempts(RedisConnection connection) {
    this.connection = connection;
    this.policy = connection.retryPolicy();
  }

  private Attempts(RetryPolicy policy) {
    this.connection = null;
    this.policy = policy;
  }

  /**
   * Runs an operation of the caller's own, retried under {@code policy} as the connection retries
   * its calls: {@code Rekord.retrying}.
   */
  public static <T> T run(RetryPolicy policy, Supplier<T> operation) {
    Attempts attempts = new Attempts(policy);
    while (true) {
      try {
        T result = operation.get();
        attempts.succeeded();
        return result;
      } catch (RuntimeException e) {
        if (!attempts.retryAfter(e)) {
          throw attempts.failure(e);
        }
      }
    }
  }

  /** How many attempts have failed so far. */
  public int failures() {
    return made;
  }

  /**
   * After a failed attempt: whether to try again. For a transient failure within the policy's
   * attempts and deadline it sleeps the backoff, then refreshes the topology (if the failure calls
   * for it) and returns {@code true}; otherwise {@code false}, and the caller throws {@link
   * #failure}.
   */
  public boolean retryAfter(Throwable failure) {
    made++;
    counted = failure;
    if (!isTransient(failure)) {
      return false;
    }
    ConnectionHealth.of(connection).failed(failure);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Duration pause = policy.pause(made, ThreadLocalRandom.current());
    if (made >= policy.maxAttempts() || elapsed.plus(pause).compareTo(policy.deadline()) > 0) {
      return false;
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("Rekord: attempt {} of at most {} failed after {} ms ({}); retrying in {} ms",
          made, policy.maxAttempts(), elapsed.toMillis(), RedisCalls.translate(failure).getMessage(), pause.toMillis());
    }
    ConnectionHealth.of(connection).retrying(failure);
    sleep(pause);
    // After the pause, not before: the next attempt should use the newest slot map there is (a
    // map read before the pause can miss a promotion that happened during it).
    if (connection != null && RedisCalls.needsTopologyRefresh(failure)) {
      connection.refreshTopology();
    }
    return true;
  }

  /** After an attempt that succeeded: tells the connection's health, which logs a recovery. */
  public void succeeded() {
    ConnectionHealth.of(connection).succeeded(made);
  }

  /**
   * The exception for {@code last}: as {@link RedisCalls#translate} says, naming the attempts made
   * and the time taken when it was transient (the retries ran out, or the policy allows none).
   */
  public RekordException failure(Throwable last) {
    RekordException translated = RedisCalls.translate(last);
    if (!isTransient(last)) {
      return translated;
    }
    int attempts = last == counted ? made : made + 1;
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    String message = "Gave up after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + millis
        + " ms (" + policy + "): " + translated.getMessage();
    LOG.warn("Rekord: {}", message);
    return new RekordConnectionException(message, last);
  }

  /**
   * The exception for a transient failure of a command that is not idempotent and may have run
   * (its connection broke after it was sent): never retried, and the message says so.
   */
  public RekordException mayHaveRun(Throwable last) {
    int attempts = made + 1;
    String message = "Failed after " + attempts + (attempts == 1 ? " attempt" : " attempts") + " in "
        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms, not retried: the command is not"
        + " idempotent and may have run: " + RedisCalls.translate(last).getMessage();
    LOG.warn("Rekord: {}", message);
    return new RekordConnectionException(message, last);
  }

  /**
   * As {@link RedisCalls#isTransient}; for an operation of the caller's own also a {@link
   * RekordConnectionException} that a transient failure caused (the retries of a Rekord call ran
   * out), but not one for refused credentials or the like.
   */
  private boolean isTransient(Throwable failure) {
    if (connection == null && failure instanceof RekordConnectionException rekord && rekord.getCause() != null) {
      return RedisCalls.isTransient(rekord.getCause());
    }
    return RedisCalls.isTransient(failure);
  }

  private static void sleep(Duration pause) {
    if (pause.isZero()) {
      return;
    }
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RekordConnectionException("Interrupted while waiting to retry a Redis call", e);
    }
  }
}
