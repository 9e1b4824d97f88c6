package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import dev.rekord.annotations.Storage;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.Member;
import dev.rekord.TestModel;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Retries against a stopped server (connections refused) and an unresponsive one (SIGSTOP: the
 * connection stays open, nothing answers): {@link RetryPolicy#NONE} makes exactly one attempt and
 * says so (the server received exactly one command), the default gives up within its documented
 * budget (about 2 s, plus one attempt for an unresponsive server), and a command that is
 * not idempotent is never sent twice. The time bounds are generous: these
 * are not benchmarks.
 */
class RetryTest {

  private static final Duration SOCKET_TIMEOUT = Duration.ofMillis(500);
  private static final Pattern ATTEMPTS = Pattern.compile("after (\\d+) attempts? in (\\d+) ms");

  private static Rekord connect(RedisServer server, RetryPolicy policy) {
    return Rekord.builder().url(server.url()).socketTimeout(SOCKET_TIMEOUT)
        .connectTimeout(SOCKET_TIMEOUT).retryPolicy(policy).build();
  }

  private static RekordRepository<Member, String> members(Rekord rekord) {
    return TestModel.repository(rekord, TestModel.stringIds("retry", Storage.HASH, Duration.ZERO));
  }

  @Test
  void noRetriesIsExactlyOneAttemptAgainstAnUnresponsiveServer() {
    try (RedisServer server = RedisServer.start(); Rekord rekord = connect(server, RetryPolicy.NONE)) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      server.command("CONFIG", "RESETSTAT");
      server.suspend();
      long started = System.nanoTime();
      RekordConnectionException e;
      try {
        e = assertThrows(RekordConnectionException.class, () -> members.findById("ada"));
      } finally {
        server.resume();
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      assertEquals(1, attempts(e), e.getMessage());
      assertTrue(e.getMessage().contains("RetryPolicy.NONE"), e.getMessage());
      assertTrue(millis < 5_000, millis + " ms");
      assertEquals(1, awaitCalls(server, "hgetall", 1), "the server received one HGETALL");
    }
  }

  @Test
  void aPoolThatCannotLendAConnectionIsACommandNotSent() {
    // a cluster client closes a node's pool when a topology refresh drops the node; a caller that
    // took the pool before gets Jedis' plain "Could not get a resource from the pool"
    ConnectionPool pool = new ConnectionPool(new HostAndPort("127.0.0.1", 1), DefaultJedisClientConfig.builder().build());
    pool.close();
    JedisException raw = assertThrows(JedisException.class, pool::getResource);
    assertFalse(RedisCalls.isTransient(raw), "Jedis' own exception is no connection failure: " + raw);
    JedisException wrapped = assertThrows(CommandNotSentException.class, () -> CommandNotSentException.borrow(pool::getResource));
    assertTrue(RedisCalls.isTransient(wrapped) && RedisCalls.certainlyNotRun(wrapped), wrapped.getMessage());
  }

  /** The replies as Redis 7.0 words them (BusyScriptTest meets them from a busy server). */
  @Test
  void busyIsACertainlyNotRunRefusalButBusyKeyAndBusyGroupAreAnswers() {
    for (String busy : List.of(
        "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
        "EXECABORT Transaction discarded because of: BUSY Redis is busy running a script. You can only call"
            + " SCRIPT KILL or SHUTDOWN NOSAVE.")) {
      JedisDataException e = new JedisDataException(busy);
      assertTrue(RedisCalls.isBusy(e) && RedisCalls.isTransient(e) && RedisCalls.certainlyNotRun(e), busy);
      assertFalse(RedisCalls.needsTopologyRefresh(e), busy);
    }
    for (String answer : List.of("BUSYKEY Target key name already exists.",
        "BUSYGROUP Consumer Group name already exists",
        "EXECABORT Transaction discarded because of: ERR unknown command 'NOPE'")) {
      JedisDataException e = new JedisDataException(answer);
      assertFalse(RedisCalls.isBusy(e) || RedisCalls.isTransient(e) || RedisCalls.certainlyNotRun(e), answer);
    }
  }

  @Test
  void noRetriesIsExactlyOneAttemptAgainstAStoppedServer() {
    RedisServer server = RedisServer.start();
    try (Rekord rekord = connect(server, RetryPolicy.NONE)) {
      server.close();
      long started = System.nanoTime();
      RekordConnectionException e =
          assertThrows(RekordConnectionException.class, () -> members(rekord).findById("ada"));
      assertEquals(1, attempts(e), e.getMessage());
      assertTrue((System.nanoTime() - started) / 1_000_000 < 5_000);
    } finally {
      server.close();
    }
  }

  @Test
  void theDefaultGivesUpWithinItsBudgetAgainstAStoppedServer() {
    RedisServer server = RedisServer.start();
    try (Rekord rekord = connect(server, RetryPolicy.DEFAULT)) {
      server.close();
      long started = System.nanoTime();
      RekordConnectionException e =
          assertThrows(RekordConnectionException.class, () -> members(rekord).findById("ada"));
      long millis = (System.nanoTime() - started) / 1_000_000;
      int attempts = attempts(e);
      assertTrue(attempts > 1 && attempts <= RetryPolicy.DEFAULT.maxAttempts(), e.getMessage());
      // The documented budget is 2 s; the old default blocked 20 s.
      assertTrue(millis < 6_000, "gave up after " + millis + " ms: " + e.getMessage());
    } finally {
      server.close();
    }
  }

  @Test
  void theDefaultRetriesAnUnresponsiveServerAsOftenAsItSays() {
    try (RedisServer server = RedisServer.start(); Rekord rekord = connect(server, RetryPolicy.DEFAULT)) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      server.command("CONFIG", "RESETSTAT");
      server.suspend();
      long started = System.nanoTime();
      RekordConnectionException e;
      try {
        e = assertThrows(RekordConnectionException.class, () -> members.findById("ada"));
      } finally {
        server.resume();
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      int attempts = attempts(e);
      assertTrue(attempts > 1, e.getMessage());
      // 2 s budget plus one attempt (one or two socket timeouts of 0.5 s here), generously.
      assertTrue(millis < 8_000, "gave up after " + millis + " ms: " + e.getMessage());
      assertTrue(attempts <= RetryPolicy.DEFAULT.maxAttempts(), e.getMessage());
      // The first attempt sent HGETALL on the pooled connection; the later ones opened new
      // connections, whose handshake found no answer either.
      assertEquals(1, awaitCalls(server, "hgetall", 1), "the server received one HGETALL");
    }
  }

  @Test
  void aCommandThatMayHaveRunIsNeverSentTwice() {
    try (RedisServer server = RedisServer.start(); Rekord rekord = connect(server, RetryPolicy.DEFAULT)) {
      RekordRepository<Member, Long> members =
          TestModel.repository(rekord, TestModel.longIds("seq", Storage.HASH));
      members.save(new Member(null, "Oslo", 1, List.of())); // INCRBY on a pooled connection
      server.command("CONFIG", "RESETSTAT");
      server.suspend();
      RekordConnectionException e;
      try {
        e = assertThrows(RekordConnectionException.class, () -> members.save(new Member(null, "Oslo", 2, List.of())));
      } finally {
        server.resume();
      }
      assertTrue(e.getMessage().contains("not retried") && e.getMessage().contains("may have run"), e.getMessage());
      assertEquals(1, attempts(e), e.getMessage());
      assertEquals(1, awaitCalls(server, "incrby", 1), "INCRBY was sent once");
    }
  }

  @Test
  void aConfiguredPolicyRidesOutAServerKilledAndRestartedMidCall() throws InterruptedException {
    try (RedisServer server = RedisServer.start();
        Rekord rekord = connect(server, RetryPolicy.linear(Duration.ofMillis(50), Duration.ofMillis(200))
            .withJitter(RetryPolicy.Jitter.FULL).withMaxAttempts(200).withDeadline(Duration.ofSeconds(15)))) {
      RekordRepository<Member, String> members = members(rekord);
      members.save(new Member("ada", "Oslo", 36, List.of()));
      server.kill();
      Thread restarter = new Thread(() -> {
        sleep(800);
        server.restart();
      });
      restarter.start();
      long started = System.nanoTime();
      // The restarted server kept nothing (and no scripts): the save runs on it from scratch.
      members.save(new Member("bo", "Rome", 41, List.of()));
      long millis = (System.nanoTime() - started) / 1_000_000;
      restarter.join();
      assertTrue(millis >= 700, "the save waited for the restart: " + millis + " ms");
      assertEquals("Rome", members.findById("bo").orElseThrow().city());
    }
  }

  private static int attempts(RekordConnectionException e) {
    Matcher matcher = ATTEMPTS.matcher(e.getMessage());
    assertTrue(matcher.find(), e.getMessage());
    return Integer.parseInt(matcher.group(1));
  }

  /**
   * The calls of {@code command} the resumed server has run, once at least {@code expected} or
   * after 3 s; then a moment more, so that a call too many would show.
   */
  private static long awaitCalls(RedisServer server, String command, long expected) {
    long deadline = System.nanoTime() + 3_000_000_000L;
    long calls = calls(server, command);
    while (calls < expected && System.nanoTime() < deadline) {
      sleep(20);
      calls = calls(server, command);
    }
    sleep(200);
    return calls(server, command);
  }

  private static long calls(RedisServer server, String command) {
    String stats = String.valueOf(server.command("INFO", "commandstats"));
    Matcher matcher = Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(stats);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
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
