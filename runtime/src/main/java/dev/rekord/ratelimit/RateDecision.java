package dev.rekord.ratelimit;

import java.time.Duration;

/**
 * A rate limiter's answer to one request.
 *
 * @param allowed whether the request may go ahead (and was counted)
 * @param remaining how many more requests the limit allows right now
 * @param retryAfter when a refused request may be tried again; zero when allowed
 */
public record RateDecision(boolean allowed, long remaining, Duration retryAfter) {

  static RateDecision of(Object reply) {
    java.util.List<?> parts = (java.util.List<?>) reply;
    return new RateDecision(((Long) parts.get(0)) == 1L, (Long) parts.get(1), Duration.ofMillis((Long) parts.get(2)));
  }
}
