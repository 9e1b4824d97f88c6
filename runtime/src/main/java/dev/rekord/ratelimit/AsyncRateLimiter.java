package dev.rekord.ratelimit;

import dev.rekord.internal.async.AsyncRunner;
import java.util.concurrent.CompletableFuture;

/**
 * The asynchronous view of a {@link RateLimiter} ({@code limiter.async()}): each method runs the
 * synchronous one of the same name on Rekord's async executor, with the back-pressure,
 * cancellation and failures of {@code repository.async()} (a future fails with the exception the
 * synchronous call throws, unwrapped).
 *
 * <pre>{@code
 * CompletableFuture<RateDecision> decision = api.async().tryAcquire("user:42");
 * }</pre>
 */
public final class AsyncRateLimiter {

  private final RateLimiter limiter;
  private final AsyncRunner runner;

  AsyncRateLimiter(RateLimiter limiter, AsyncRunner runner) {
    this.limiter = limiter;
    this.runner = runner;
  }

  /** The synchronous limiter this view runs. */
  public RateLimiter sync() {
    return limiter;
  }

  /** {@link RateLimiter#tryAcquire(String)}. */
  public CompletableFuture<RateDecision> tryAcquire(String subject) {
    return runner.submit(() -> limiter.tryAcquire(subject));
  }
}
