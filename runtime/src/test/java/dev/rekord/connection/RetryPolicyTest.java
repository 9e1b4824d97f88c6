package dev.rekord.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.connection.RetryPolicy.Growth;
import dev.rekord.connection.RetryPolicy.Jitter;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.exception.RekordException;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The backoff each kind of policy sleeps (jitter drawn from a seeded random), the deadline that
 * caps a call's total time, and {@link Rekord#retrying} around an operation of one's own against
 * a real server that is killed and restarted while the call waits.
 */
class RetryPolicyTest {

  private static final Pattern ATTEMPTS = Pattern.compile("after (\\d+) attempts? in (\\d+) ms");

  private static List<Long> pauses(RetryPolicy policy, int failures, long seed) {
    Random random = new Random(seed);
    List<Long> millis = new ArrayList<>();
    for (int failure = 1; failure <= failures; failure++) {
      millis.add(policy.pause(failure, random).toMillis());
    }
    return millis;
  }

  @Test
  void theDefaultDoublesFrom50To500MsWithoutJitterAsDocumented() {
    assertEquals(List.of(50L, 100L, 200L, 400L, 500L, 500L, 500L), pauses(RetryPolicy.DEFAULT, 7, 1));
    assertEquals(Growth.EXPONENTIAL, RetryPolicy.DEFAULT.growth());
    assertEquals(Jitter.NONE, RetryPolicy.DEFAULT.jitter());
    assertEquals(RetryPolicy.DEFAULT, RetryPolicy.exponential(Duration.ofMillis(50), Duration.ofMillis(500)));
    assertEquals("RetryPolicy.DEFAULT: at most 10 attempts within 2000 ms, backoff 50 ms doubling to 500 ms",
        RetryPolicy.DEFAULT.toString());
  }

  @Test
  void fixedPausesTheSameEveryTime() {
    RetryPolicy fixed = RetryPolicy.fixed(Duration.ofMillis(75));
    assertEquals(List.of(75L, 75L, 75L, 75L), pauses(fixed, 4, 1));
    assertEquals(10, fixed.maxAttempts());
    assertEquals(Duration.ofSeconds(2), fixed.deadline());
  }

  @Test
  void linearGrowsByOneStepPerFailureUpToTheMaximum() {
    RetryPolicy linear = RetryPolicy.linear(Duration.ofMillis(100), Duration.ofMillis(350));
    assertEquals(List.of(100L, 200L, 300L, 350L, 350L), pauses(linear, 5, 1));
    // A step that would overflow a long after many failures stays at the maximum.
    assertEquals(Duration.ofMillis(350), linear.backoff(Integer.MAX_VALUE));
  }

  @Test
  void exponentialDoublesUpToTheMaximum() {
    RetryPolicy exponential = RetryPolicy.exponential(Duration.ofMillis(10), Duration.ofMillis(100));
    assertEquals(List.of(10L, 20L, 40L, 80L, 100L, 100L), pauses(exponential, 6, 1));
    assertEquals(Duration.ofMillis(100), exponential.backoff(Integer.MAX_VALUE));
  }

  @Test
  void fullJitterPausesBetweenZeroAndTheBackoffRepeatablyForOneSeed() {
    RetryPolicy full = RetryPolicy.exponential(Duration.ofMillis(100), Duration.ofMillis(1_000)).withJitter(Jitter.FULL);
    List<Long> pauses = pauses(full, 40, 42);
    assertEquals(pauses, pauses(full, 40, 42), "the same seed gives the same pauses");
    assertNotEquals(pauses, pauses(full, 40, 43), "another seed gives other pauses");
    for (int i = 0; i < pauses.size(); i++) {
      long ceiling = full.backoff(i + 1).toMillis();
      assertTrue(pauses.get(i) >= 0 && pauses.get(i) <= ceiling, pauses.toString());
    }
    // With 36 draws in [0, 1000], some fall in the lower half: the jitter is not a no-op.
    assertTrue(pauses.subList(4, 40).stream().anyMatch(p -> p < 500), pauses.toString());
    assertTrue(full.toString().endsWith(", full jitter"), full.toString());
  }

  @Test
  void equalJitterPausesAtLeastHalfTheBackoff() {
    RetryPolicy equal = RetryPolicy.linear(Duration.ofMillis(100), Duration.ofMillis(1_000)).withJitter(Jitter.EQUAL);
    List<Long> pauses = pauses(equal, 40, 7);
    assertEquals(pauses, pauses(equal, 40, 7));
    for (int i = 0; i < pauses.size(); i++) {
      long ceiling = equal.backoff(i + 1).toMillis();
      assertTrue(pauses.get(i) >= ceiling / 2 && pauses.get(i) <= ceiling, i + ": " + pauses);
    }
    assertTrue(pauses.subList(10, 40).stream().distinct().count() > 1, pauses.toString());
  }

  @Test
  void rejectsWhatCannotBeAPolicy() {
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.DEFAULT.withMaxAttempts(0));
    assertThrows(IllegalArgumentException.class, () -> RetryPolicy.DEFAULT.withDeadline(Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> RetryPolicy.DEFAULT.withJitter(null));
  }

  @Test
  void theDeadlineCapsTheTotalTimeBeforeTheAttemptsRunOut() {
    RedisServer server = RedisServer.start();
    server.close(); // its port now refuses connections
    RetryPolicy policy = RetryPolicy.fixed(Duration.ofMillis(100)).withMaxAttempts(1_000).withDeadline(Duration.ofMillis(500));
    AtomicInteger calls = new AtomicInteger();
    long started = System.nanoTime();
    RekordConnectionException e = assertThrows(RekordConnectionException.class,
        () -> Rekord.retrying(policy, () -> ping(server, calls)));
    long millis = (System.nanoTime() - started) / 1_000_000;
    // Attempts start at about 0, 100, ..., 500 ms: the one at 600 ms would pass the deadline.
    assertTrue(calls.get() >= 3 && calls.get() <= 6, calls + " calls: " + e.getMessage());
    assertEquals(calls.get(), attempts(e), e.getMessage());
    assertTrue(millis < 2_000, millis + " ms");
    assertTrue(e.getMessage().contains("at most 1000 attempts within 500 ms, backoff 100 ms fixed"), e.getMessage());
  }

  @Test
  void runRidesOutAServerKilledAndRestartedMidCall() throws Exception {
    try (RedisServer server = RedisServer.start()) {
      server.kill();
      AtomicInteger calls = new AtomicInteger();
      Thread restarter = new Thread(() -> {
        sleep(600);
        server.restart();
      });
      restarter.start();
      RetryPolicy policy = RetryPolicy.linear(Duration.ofMillis(50), Duration.ofMillis(200))
          .withJitter(Jitter.EQUAL).withMaxAttempts(100).withDeadline(Duration.ofSeconds(15));
      long started = System.nanoTime();
      String reply = Rekord.retrying(policy, () -> ping(server, calls));
      restarter.join();
      assertEquals("PONG", reply);
      assertTrue(calls.get() > 1, calls + " calls");
      assertTrue((System.nanoTime() - started) / 1_000_000 >= 500, "it waited for the restart");
    }
  }

  @Test
  void runThrowsAnErrorReplyAtOnce() {
    try (RedisServer server = RedisServer.start()) {
      AtomicInteger calls = new AtomicInteger();
      RekordException e = assertThrows(RekordException.class, () -> Rekord.retrying(RetryPolicy.DEFAULT, () -> {
        calls.incrementAndGet();
        try (Jedis jedis = new Jedis(server.host(), server.port())) {
          jedis.set("text", "x");
          return jedis.incr("text"); // ERR value is not an integer: not transient
        }
      }));
      assertEquals(1, calls.get(), e.getMessage());
      assertTrue(e.getMessage().contains("not an integer"), e.getMessage());
    }
  }

  /** One PING on a fresh connection, counted. */
  private static String ping(RedisServer server, AtomicInteger calls) {
    calls.incrementAndGet();
    try (Jedis jedis = new Jedis(server.host(), server.port(), 300)) {
      server.password().ifPresent(jedis::auth);
      return jedis.ping();
    }
  }

  private static int attempts(RekordConnectionException e) {
    Matcher matcher = ATTEMPTS.matcher(e.getMessage());
    assertTrue(matcher.find(), e.getMessage());
    return Integer.parseInt(matcher.group(1));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
