package dev.rekord.connection;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How often, and for how long, Rekord retries a call that failed for a transient reason: a
 * refused or broken connection, a read timeout, a failed primary, {@code CLUSTERDOWN}, {@code
 * TRYAGAIN} (a multi-key script during a slot migration), {@code MOVED}/{@code ASK} answered
 * inside a pipeline, {@code READONLY} (a write that reached a demoted primary), {@code LOADING},
 * {@code BUSY} (another client's script past {@code busy-reply-threshold}).
 * Between attempts it sleeps a backoff that grows as {@link #growth} says from {@code
 * initialBackoff} up to {@code maxBackoff} ({@link Growth#EXPONENTIAL}, doubling, unless set),
 * randomised as {@link #jitter} says ({@link Jitter#NONE} unless set), and refreshes the cluster
 * topology where the error says it changed. It gives up after {@code maxAttempts} attempts, or
 * when the next attempt would start more than {@code deadline} after the first, whichever comes
 * first, with a {@link dev.rekord.exception.RekordConnectionException} that names the attempts
 * made and the time taken. A call therefore fails at most about {@code deadline} plus the time of
 * one attempt after it started (against an unresponsive server, one or two socket timeouts).
 *
 * <p><b>Only what is safe is retried.</b> Every Rekord script and read is idempotent — a save
 * rewrites the whole document and all its index entries, a delete removes them, queries and reads
 * by id change nothing — so they are retried on every transient failure. The {@code Long} id
 * sequence's {@code INCRBY} is not: it is sent once per attempt, outside Jedis' own retrying
 * executor, and retried only when the failure proves it did not run ({@link
 * RedisConnection#executeOnce}); a timeout after it was sent is thrown at once. Commands of your
 * own follow the same rule: {@link RedisConnection#execute} retries, {@link
 * RedisConnection#executeOnce} does not. Validation errors, missing keys and other error replies
 * are never retried. {@code Rekord.retrying(policy, operation)} retries an idempotent operation of
 * your own the same way.
 *
 * <p>Set with {@code Rekord.builder().retryPolicy(...)}:
 *
 * <pre>{@code
 * Rekord.builder().url(url).retryPolicy(RetryPolicy.NONE)    // one attempt, no retries
 * Rekord.builder().url(url).retryPolicy(new RetryPolicy(      // ride out a cluster failover
 *     100, Duration.ofMillis(50), Duration.ofMillis(250), Duration.ofSeconds(20)))
 * Rekord.builder().url(url).retryPolicy(RetryPolicy.linear(Duration.ofMillis(100), Duration.ofSeconds(1))
 *     .withJitter(RetryPolicy.Jitter.FULL).withMaxAttempts(20).withDeadline(Duration.ofSeconds(10)))
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
 * @param growth how the pause grows from one failure to the next
 * @param jitter how the pause is randomised, so that many clients do not retry in step
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline,
    Growth growth, Jitter jitter) {

  /** How the pause grows with the failures: the pause after failure {@code n} (1-based), capped at {@code maxBackoff}. */
  public enum Growth {
    /** Always {@code initialBackoff}. */
    FIXED,
    /** {@code n × initialBackoff}. */
    LINEAR,
    /** {@code 2^(n-1) × initialBackoff}. */
    EXPONENTIAL
  }

  /** How the pause {@code p} that {@link Growth} gives is randomised. */
  public enum Jitter {
    /** Exactly {@code p}. */
    NONE,
    /** Uniformly between 0 and {@code p}: spreads retries most, may not pause at all. */
    FULL,
    /** {@code p/2} plus uniformly between 0 and {@code p/2}: spreads retries, always pauses. */
    EQUAL
  }

  /**
   * For an application's request path: at most 10 attempts, 50 ms backoff doubling to 500 ms
   * (no jitter), no attempt started later than 2 s after the first. A stopped server fails a call
   * within about 2 s; an unresponsive one within 2 s plus one attempt (one or two socket timeouts,
   * 2 s each by default). Enough for a restarted connection, {@code TRYAGAIN} during a slot
   * migration or {@code MOVED} after one; a cluster failover (node timeout plus an election, 15 s
   * and more with Redis' defaults) needs a longer deadline, as in the example above.
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
    Objects.requireNonNull(growth, "growth");
    Objects.requireNonNull(jitter, "jitter");
    if (initialBackoff.isNegative() || maxBackoff.isNegative() || deadline.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative: " + initialBackoff + ", "
          + maxBackoff + ", " + deadline);
    }
  }

  /** Exponential backoff (doubling) without jitter, as Rekord has always retried. */
  public RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration deadline) {
    this(maxAttempts, initialBackoff, maxBackoff, deadline, Growth.EXPONENTIAL, Jitter.NONE);
  }

  /** The same pause after every failure; {@link #DEFAULT}'s attempts and deadline. */
  public static RetryPolicy fixed(Duration pause) {
    return DEFAULT.withBackoff(Growth.FIXED, pause, pause);
  }

  /** A pause growing by {@code step} after every failure up to {@code max}; {@link #DEFAULT}'s attempts and deadline. */
  public static RetryPolicy linear(Duration step, Duration max) {
    return DEFAULT.withBackoff(Growth.LINEAR, step, max);
  }

  /** A pause doubling from {@code initial} up to {@code max}; {@link #DEFAULT}'s attempts and deadline. */
  public static RetryPolicy exponential(Duration initial, Duration max) {
    return DEFAULT.withBackoff(Growth.EXPONENTIAL, initial, max);
  }

  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, deadline, growth, jitter);
  }

  /** The longest time from the start of the first attempt to the start of the last. */
  public RetryPolicy withDeadline(Duration total) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, total, growth, jitter);
  }

  public RetryPolicy withJitter(Jitter kind) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, deadline, growth, kind);
  }

  private RetryPolicy withBackoff(Growth kind, Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, deadline, kind, jitter);
  }

  /** The pause after failed attempt number {@code failures} (1-based) before jitter: the longest it can be. */
  public Duration backoff(int failures) {
    long initial = initialBackoff.toMillis();
    long max = maxBackoff.toMillis();
    long millis = switch (growth) {
      case FIXED -> initial;
      case LINEAR -> initial * Math.min(failures, max / Math.max(initial, 1) + 1);
      case EXPONENTIAL -> {
        long doubled = initial;
        for (int i = 1; i < failures && doubled < max; i++) {
          doubled *= 2;
        }
        yield doubled;
      }
    };
    return Duration.ofMillis(Math.min(millis, max));
  }

  /**
   * The pause to sleep after failed attempt number {@code failures}: {@link #backoff} with the
   * policy's jitter drawn from {@code random} (pass a seeded one for a repeatable sequence).
   */
  public Duration pause(int failures, RandomGenerator random) {
    long millis = backoff(failures).toMillis();
    return Duration.ofMillis(switch (jitter) {
      case NONE -> millis;
      case FULL -> random.nextLong(millis + 1);
      case EQUAL -> millis / 2 + random.nextLong(millis - millis / 2 + 1);
    });
  }

  /** {@code NONE}, {@code DEFAULT} or the settings, for messages and logs. */
  @Override
  public String toString() {
    if (equals(NONE)) {
      return "RetryPolicy.NONE: no retries";
    }
    String growing = switch (growth) {
      case FIXED -> " fixed";
      case LINEAR -> " growing linearly to " + maxBackoff.toMillis() + " ms";
      case EXPONENTIAL -> " doubling to " + maxBackoff.toMillis() + " ms";
    };
    return (equals(DEFAULT) ? "RetryPolicy.DEFAULT: " : "RetryPolicy: ") + "at most " + maxAttempts
        + " attempts within " + deadline.toMillis() + " ms, backoff " + initialBackoff.toMillis() + " ms" + growing
        + (jitter == Jitter.NONE ? "" : ", " + jitter.name().toLowerCase(java.util.Locale.ROOT) + " jitter");
  }
}
