package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.exception.RekordException;
import java.time.Duration;

/**
 * The attempts of one retried operation under a connection's {@link RetryPolicy}: counts them,
 * keeps the deadline, refreshes the topology when the failure says it changed and sleeps the
 * backoff. Not thread-safe: one per operation.
 */
public final class Attempts {

  private final RedisConnection connection;
  private final RetryPolicy policy;
  private final long start = System.nanoTime();
  private int failures;

  public Attempts(RedisConnection connection) {
    this.connection = connection;
    this.policy = connection.retryPolicy();
  }

  /** How many attempts have failed so far. */
  public int failures() {
    return failures;
  }

  /**
   * After a failed attempt: whether to try again. For a transient failure within the policy's
   * attempts and deadline it sleeps the backoff, then refreshes the topology (if the failure calls
   * for it) and returns {@code true}; otherwise {@code false}, and the caller throws.
   */
  public boolean retryAfter(Throwable failure) {
    if (!RedisCalls.isTransient(failure)) {
      return false;
    }
    failures++;
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    Duration pause = policy.backoff(failures);
    if (failures >= policy.maxAttempts() || elapsed.plus(pause).compareTo(policy.deadline()) > 0) {
      return false;
    }
    sleep(pause);
    // After the pause, not before: the next attempt should use the newest slot map there is (a
    // map read before the pause can miss a promotion that happened during it).
    if (RedisCalls.needsTopologyRefresh(failure)) {
      connection.refreshTopology();
    }
    return true;
  }

  /**
   * The exception for {@code last}: as {@link RedisCalls#translate} says, naming the attempts made
   * when it was transient and retries ran out.
   */
  public RekordException failure(Throwable last) {
    RekordException translated = RedisCalls.translate(last);
    if (failures == 0 || !RedisCalls.isTransient(last)) {
      return translated;
    }
    long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
    return new RekordConnectionException("Gave up after " + (failures + 1) + " attempts in " + millis
        + " ms (" + policy + "): " + translated.getMessage(), last);
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
