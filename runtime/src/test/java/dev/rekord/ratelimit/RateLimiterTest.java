package dev.rekord.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.TwoInstancesTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Each limiter exact under contention from many threads of two processes, against a real redis-server. */
class RateLimiterTest extends TwoInstancesTest {

  @Test
  void slidingWindowAllowsExactlyTheLimitUnderContention() throws Exception {
    List<RateDecision> decisions = hammer(r -> r.rateLimiters().slidingWindow("api", 50, Duration.ofSeconds(30)), 320);
    assertExact(decisions, 50, Duration.ofSeconds(30));
    long ttl = redis.pttl("app:ratelimit:api:user:1");
    assertTrue(ttl > 0 && ttl <= 30_000, "the log expires by itself: " + ttl);
  }

  @Test
  void fixedWindowAllowsExactlyTheLimitUnderContention() throws Exception {
    List<RateDecision> decisions = hammer(r -> r.rateLimiters().fixedWindow("api", 50, Duration.ofDays(1)), 320);
    assertExact(decisions, 50, Duration.ofDays(1));
    assertTrue(redis.pttl("app:ratelimit:api:user:1") > 0, "the window expires by itself");
  }

  @Test
  void smoothLimiterAllowsTheBurstThenOneRequestPerInterval() throws Exception {
    List<RateDecision> decisions = hammer(r -> r.rateLimiters().smooth("api", 10, Duration.ofSeconds(100)), 160);
    assertExact(decisions, 10, Duration.ofSeconds(10));
    RateDecision refused = rekord.rateLimiters().smooth("api", 10, Duration.ofSeconds(100)).tryAcquire("user:1");
    assertFalse(refused.allowed());
    assertTrue(refused.retryAfter().toMillis() > 9_000, "the next slot is one interval (10 s) away: " + refused);
    assertTrue(redis.pttl("app:ratelimit:api:user:1") > 0);
  }

  @Test
  void aRefusedRequestMayGoAheadAfterRetryAfter() throws Exception {
    RateLimiter limiter = rekord.rateLimiters().slidingWindow("short", 2, Duration.ofMillis(300));
    assertEquals(1, limiter.tryAcquire("u").remaining());
    assertEquals(0, limiter.tryAcquire("u").remaining());
    RateDecision refused = limiter.tryAcquire("u");
    assertFalse(refused.allowed());
    assertTrue(refused.retryAfter().toMillis() > 0 && refused.retryAfter().toMillis() <= 301, refused.toString());
    Thread.sleep(refused.retryAfter().toMillis() + 20);
    assertTrue(limiter.tryAcquire("u").allowed());
    assertTrue(limiter.tryAcquire("another user").allowed(), "subjects are counted apart");
  }

  /** {@code requests} calls for subject user:1 from 16 threads, half of them through the second process. */
  private static List<RateDecision> hammer(Function<Rekord, RateLimiter> make, int requests) throws Exception {
    List<RateLimiter> limiters = List.of(make.apply(rekord), make.apply(otherInstance));
    ExecutorService pool = Executors.newFixedThreadPool(16);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<RateDecision>> futures = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        RateLimiter limiter = limiters.get(i % 2);
        futures.add(pool.submit(() -> {
          start.await();
          return limiter.tryAcquire("user:1");
        }));
      }
      start.countDown();
      List<RateDecision> decisions = new ArrayList<>();
      for (Future<RateDecision> future : futures) {
        decisions.add(future.get(30, TimeUnit.SECONDS));
      }
      return decisions;
    } finally {
      pool.shutdownNow();
    }
  }

  private static void assertExact(List<RateDecision> decisions, int limit, Duration longestRetry) {
    List<Long> remaining = decisions.stream().filter(RateDecision::allowed).map(RateDecision::remaining).sorted().toList();
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < limit; i++) {
      expected.add(i);
    }
    assertEquals(expected, remaining, "exactly " + limit + " allowed, each seeing one fewer remaining");
    for (RateDecision refused : decisions.stream().filter(d -> !d.allowed()).toList()) {
      assertEquals(0, refused.remaining());
      assertTrue(refused.retryAfter().compareTo(Duration.ZERO) > 0 && refused.retryAfter().compareTo(longestRetry) <= 0,
          refused.toString());
    }
  }
}
