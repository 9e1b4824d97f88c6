package dev.rekord.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.exception.KeyspaceEventsDisabledException;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Config watches that follow keyspace notifications, against real redis-servers: events pushed by
 * the server (no polling), the server's setting checked (refused, enabled, or polled instead), a
 * subscription killed and a server restarted, with a change made while the watch was not subscribed.
 */
class ConfigKeyspaceEventsTest {

  @Test
  void aChangeIsPushedToEveryInstanceWithoutPolling() {
    try (RedisServer own = RedisServer.builder().args("--notify-keyspace-events", "Kh").start();
        Rekord here = Rekord.connect(own.url());
        Rekord there = Rekord.connect(own.url());
        ConfigStore watching = new ConfigStore(here.values(), ConfigChanges.keyspaceEvents(), 10)) {
      ConfigStore writer = new ConfigStore(there.values(), ConfigChanges.keyspaceEvents(), 10);
      writer.set("feature", "off");
      List<Versioned<String>> seen = new CopyOnWriteArrayList<>();
      ConfigWatch<String> watch = watching.watch("feature", String.class, seen::add);
      assertEquals(new Versioned<>("off", 1), watch.current().orElseThrow());
      awaitSubscriber(own);

      long reads = settledHgetCalls(own);
      sleep(300);
      assertEquals(reads, hgetCalls(own), "nothing is read while nothing changes: no polling");

      writer.set("feature", "on");
      await(() -> seen.size() == 1);
      assertEquals(List.of(new Versioned<>("on", 2)), seen);
      assertEquals(new Versioned<>("on", 2), watch.current().orElseThrow());
    }
  }

  @Test
  void withoutTheServerSettingTheWatchSaysWhatToRunOrEnablesItOrPolls() {
    try (RedisServer own = RedisServer.start();
        Rekord rekord = Rekord.connect(own.url())) {
      ConfigStore refusing = new ConfigStore(rekord.values(), ConfigChanges.keyspaceEvents(), 10);
      KeyspaceEventsDisabledException refused = assertThrows(KeyspaceEventsDisabledException.class,
          () -> refusing.watch("mode", String.class, value -> {}));
      assertEquals("CONFIG SET notify-keyspace-events Kh", refused.configSet());
      assertTrue(refused.getMessage().contains("run `CONFIG SET notify-keyspace-events Kh` on every primary"),
          refused.getMessage());
      refusing.close();

      try (ConfigStore polling = new ConfigStore(rekord.values(),
          ConfigChanges.keyspaceEvents().orPolling(Duration.ofMillis(20)), 10)) {
        List<Versioned<String>> seen = new CopyOnWriteArrayList<>();
        polling.watch("mode", String.class, seen::add);
        polling.set("mode", "polled");
        await(() -> seen.size() == 1);
        assertEquals(0L, own.command("PUBSUB", "NUMPAT"), "polling subscribes to nothing");
      }
      assertEquals("", setting(own), "polling leaves the server's setting alone");

      try (ConfigStore enabling = new ConfigStore(rekord.values(), ConfigChanges.keyspaceEvents().enablingThem(), 10)) {
        List<Versioned<String>> seen = new CopyOnWriteArrayList<>();
        enabling.watch("mode", String.class, seen::add);
        String setting = setting(own);
        assertTrue(setting.contains("K") && setting.contains("h"), setting);
        awaitSubscriber(own);
        enabling.set("mode", "pushed");
        await(() -> seen.size() == 1);
        assertEquals(new Versioned<>("pushed", 2), seen.get(0));
      }
    }
  }

  @Test
  void aKilledSubscriptionIsResubscribedAndCatchesUpAChangeMadeMeanwhile() {
    try (RedisServer own = RedisServer.builder().args("--notify-keyspace-events", "AK").start();
        Rekord here = Rekord.connect(own.url());
        Rekord there = Rekord.connect(own.url());
        ConfigStore watching = new ConfigStore(here.values(),
            ConfigChanges.keyspaceEvents().resubscribeAfter(Duration.ofSeconds(3)), 10)) {
      ConfigStore writer = new ConfigStore(there.values(), Duration.ofSeconds(1), 10);
      List<Versioned<Integer>> seen = new CopyOnWriteArrayList<>();
      watching.watch("limit", Integer.class, seen::add);
      awaitSubscriber(own);
      writer.set("limit", 1);
      await(() -> seen.size() == 1);

      own.command("CLIENT", "KILL", "TYPE", "pubsub");
      writer.set("limit", 2); // no subscriber hears it; the next resubscription is seconds away
      sleep(1000);
      assertEquals(List.of(new Versioned<>(1, 1)), seen, "the change made while disconnected made no event");
      await(() -> seen.size() == 2);
      assertEquals(new Versioned<>(2, 2), seen.get(1), "caught up after resubscribing");

      writer.set("limit", 3);
      await(() -> seen.size() == 3);
      assertEquals(new Versioned<>(3, 3), seen.get(2), "events flow again");
    }
  }

  @Test
  void aWatchFollowsARestartedServer() {
    try (RedisServer own = RedisServer.builder().args("--notify-keyspace-events", "Kh").start();
        Rekord here = Rekord.connect(own.url());
        ConfigStore watching = new ConfigStore(here.values(),
            ConfigChanges.keyspaceEvents().resubscribeAfter(Duration.ofMillis(100)), 10)) {
      List<Versioned<String>> seen = new CopyOnWriteArrayList<>();
      watching.watch("mode", String.class, seen::add);
      awaitSubscriber(own);
      own.kill();
      sleep(300);
      own.restart();
      try (Rekord writer = Rekord.connect(own.url())) {
        ConfigStore config = new ConfigStore(writer.values(), Duration.ofSeconds(1), 10);
        config.set("mode", "a");
        config.set("mode", "b");
      }
      await(() -> !seen.isEmpty() && seen.get(seen.size() - 1).version() == 2);
      assertEquals(new Versioned<>("b", 2), seen.get(seen.size() - 1));
      awaitSubscriber(own);
    }
  }

  /** Waits until the server has a pattern subscriber (the watch's). */
  static void awaitSubscriber(RedisServer server) {
    await(() -> server.command("PUBSUB", "NUMPAT") instanceof Long patterns && patterns > 0);
  }

  /**
   * The server's HGET count once it stops moving: after (re)subscribing, the watch reads every watched
   * key once to catch up, which may land after the subscriber shows; a polling watch never settles.
   */
  private static long settledHgetCalls(RedisServer server) {
    long last = hgetCalls(server);
    for (int i = 0; i < 25; i++) {
      sleep(200);
      long now = hgetCalls(server);
      if (now == last) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("HGET calls never settled: the watch polls");
  }

  private static long hgetCalls(RedisServer server) {
    String stats = server.command("INFO", "commandstats").toString();
    int at = stats.indexOf("cmdstat_hget:calls=");
    if (at < 0) {
      return 0;
    }
    String rest = stats.substring(at + "cmdstat_hget:calls=".length());
    return Long.parseLong(rest.substring(0, rest.indexOf(',')));
  }

  private static String setting(RedisServer server) {
    return ((List<?>) server.command("CONFIG", "GET", "notify-keyspace-events")).get(1).toString();
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      sleep(10);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
