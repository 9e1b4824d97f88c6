package dev.rekord.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and for how long, Rekord retries an idempotent call that failed for a transient
 * reason: a broken connection or a failed primary, {@code CLUSTERDOWN}, {@code TRYAGAIN} (a
 * multi-key script during a slot migration), {@code MOVED}/{@code ASK} answered inside a pipeline,
 * {@code READONLY} (a write that reached a demoted primary), {@code LOADING}. Between attempts it
 * sleeps {@code initialBackoff}, doubling up to {@code maxBackoff}, and refreshes the cluster
 * topology where the error says it changed. It gives up after {@code maxAttempts} attempts or once
 * {@code deadline} has passed since the first, whichever comes first, with a {@link
 * dev.rekord.exception.RekordConnectionException} naming both.
 *
 * <p>Idempotent operations are retried on every transient failure: document writes (a save
 * rewrites the whole document and all its entries; a delete removes them), reads by id, batches
 * and queries. The {@code Long} id sequence's {@code INCRBY} is not idempotent: it is sent once per
 * attempt, outside Jedis' own retrying executor, and retried only when the failure proves it did
 * not run ({@link RedisCalls#certainlyNotRun}).
 *
 * @param maxAttempts attempts in all, at least 1 (1: no retry)
 * @param initialBackoff the pause after the first failure
 * @param maxBackoff the longest pause
 * @param deadline the longest time from the first attempt to the start of the last
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {

  /**
   * 50 ms doubling to 250 ms, within 20 s (at most 100 attempts): enough to ride out a primary's
   * failover, and a short cap so a call notices the promoted replica at most ~250 ms after the
   * cluster is whole again (with a 1 s cap the writer of the failover test resumed ~1 s late).
   */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(100, Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(20));

  /** No retries: the first transient failure is thrown. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(deadline, "deadline");
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || deadline.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative: " + initialBackoff + ", "
          + maxBackoff + ", " + deadline);
    }
  }

  /** The pause after failed attempt number {@code failures} (1-based). */
  public Duration backoff(int failures) {
    long millis = initialBackoff.toMillis();
    for (int i = 1; i < failures && millis < maxBackoff.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }
}
