package dev.rekord.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and for how long, Rekord retries a call that failed for a transient reason: a
 * refused or broken connection, a read timeout, a failed primary, {@code CLUSTERDOWN}, {@code
 * TRYAGAIN} (a multi-key script during a slot migration), {@code MOVED}/{@code ASK} answered
 * inside a pipeline, {@code READONLY} (a write that reached a demoted primary), {@code LOADING}.
 * Between attempts it sleeps {@code initialBackoff}, doubling up to {@code maxBackoff}, and
 * refreshes the cluster topology where the error says it changed. It gives up after {@code
 * maxAttempts} attempts, or when the next attempt would start more than {@code deadline} after the
 * first, whichever comes first, with a {@link dev.rekord.exception.RekordConnectionException} that names the
 * attempts made and the time taken. A call therefore fails at most about {@code deadline} plus the
 * time of one attempt after it started (against an unresponsive server, one or two socket
 * timeouts).
 *
 * <p><b>Only what is safe is retried.</b> Every Rekord script and read is idempotent — a save
 * rewrites the whole document and all its index entries, a delete removes them, queries and reads
 * by id change nothing — so they are retried on every transient failure. The {@code Long} id
 * sequence's {@code INCRBY} is not: it is sent once per attempt, outside Jedis' own retrying
 * executor, and retried only when the failure proves it did not run ({@link
 * RedisConnection#executeOnce}); a timeout after it was sent is thrown at once. Commands of your
 * own follow the same rule: {@link RedisConnection#execute} retries, {@link
 * RedisConnection#executeOnce} does not.
 *
 * <p>Set with {@code Rekord.builder().retryPolicy(...)}:
 *
 * <pre>{@code
 * Rekord.builder().url(url).retryPolicy(RetryPolicy.NONE)    // one attempt, no retries
 * Rekord.builder().url(url).retryPolicy(new RetryPolicy(      // ride out a cluster failover
 *     100, Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(20)))
 * }</pre>
 *
 * <p>On a cluster Jedis routes each attempt itself: it follows up to 4 {@code MOVED}/{@code ASK}
 * redirections, and retries a node whose connection broke for at most one socket timeout, before
 * the attempt counts as failed.
 *
 * @param maxAttempts attempts in all, at least 1 (1: no retry)
 * @param initialBackoff the pause after the first failure
 * @param maxBackoff the longest pause
 * @param deadline the longest time from the start of the first attempt to the start of the last
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {

  /**
   * For an application's request path: at most 10 attempts, 50 ms backoff doubling to 500 ms,
   * no attempt started later than 2 s after the first. A stopped server fails a call within about
   * 2 s; an unresponsive one within 2 s plus one attempt (one or two socket timeouts, 2 s each by
   * default). Enough for a
   * restarted connection, {@code TRYAGAIN} during a slot migration or {@code MOVED} after one; a
   * cluster failover (node timeout plus an election, 15 s and more with Redis' defaults) needs a
   * longer deadline, as in the example above.
   */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(10, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(2));

  /** No retries: exactly one attempt; its transient failure is thrown at once. */
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

  /** {@code NONE}, {@code DEFAULT} or the settings, for messages and logs. */
  @Override
  public String toString() {
    if (equals(NONE)) {
      return "RetryPolicy.NONE: no retries";
    }
    return (equals(DEFAULT) ? "RetryPolicy.DEFAULT: " : "RetryPolicy: ") + "at most " + maxAttempts
        + " attempts within " + deadline.toMillis() + " ms, backoff " + initialBackoff.toMillis() + " ms doubling to "
        + maxBackoff.toMillis() + " ms";
  }
}
