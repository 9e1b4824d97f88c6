package dev.rekord.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.TwoInstancesTest;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Versioned configuration values and watches on two instances, against a real redis-server. */
class ConfigStoreTest extends TwoInstancesTest {

  @Test
  void versionsCompareAndSetAndABoundedHistory() {
    ConfigStore config = new ConfigStore(rekord.values(), Duration.ofSeconds(1), 3);
    assertEquals(Optional.empty(), config.get("limits", Integer.class));
    assertEquals(1, config.set("limits", 10));
    assertEquals(Optional.of(new Versioned<>(10, 1)), config.get("limits", Integer.class));
    assertEquals(OptionalLong.empty(), config.compareAndSet("limits", 20, 0), "a stale version is refused");
    assertEquals(OptionalLong.of(2), config.compareAndSet("limits", 20, 1));
    assertEquals(OptionalLong.of(1), config.compareAndSet("fresh", "x", 0), "0 expects a key without value");
    for (int i = 3; i <= 5; i++) {
      config.set("limits", i * 10);
    }
    assertEquals(List.of(new Versioned<>(50, 5), new Versioned<>(40, 4), new Versioned<>(30, 3)),
        config.history("limits", Integer.class));
  }

  @Test
  void everyInstanceWatchingAKeySeesEachChange() {
    try (ConfigStore here = new ConfigStore(rekord.values(), Duration.ofMillis(20), 10);
        ConfigStore there = new ConfigStore(otherInstance.values(), Duration.ofMillis(20), 10)) {
      here.set("feature", "off");
      List<Versioned<String>> seenHere = new CopyOnWriteArrayList<>();
      List<Versioned<String>> seenThere = new CopyOnWriteArrayList<>();
      ConfigWatch<String> watchHere = here.watch("feature", String.class, seenHere::add);
      there.watch("feature", String.class, seenThere::add);
      assertEquals(Optional.of(new Versioned<>("off", 1)), watchHere.current(), "the watch starts with the value");

      there.set("feature", "on");
      await(() -> seenHere.size() == 1 && seenThere.size() == 1);
      assertEquals(List.of(new Versioned<>("on", 2)), seenHere);
      assertEquals(List.of(new Versioned<>("on", 2)), seenThere);
      assertEquals(Optional.of(new Versioned<>("on", 2)), watchHere.current());

      watchHere.close();
      there.set("feature", "off");
      await(() -> seenThere.size() == 2);
      sleep(100);
      assertEquals(1, seenHere.size(), "a closed watch hears nothing");
    }
  }

  @Test
  void aWatchCatchesUpWithChangesMissedWhileRedisWasDown() {
    try (RedisServer own = RedisServer.start();
        Rekord fragile = Rekord.builder().url(own.url()).retryPolicy(RetryPolicy.NONE).build();
        ConfigStore watching = new ConfigStore(fragile.values(), Duration.ofMillis(20), 10)) {
      List<Versioned<String>> seen = new CopyOnWriteArrayList<>();
      watching.watch("mode", String.class, seen::add);
      own.kill();
      sleep(200); // polls fail meanwhile
      own.restart();
      try (Rekord writer = Rekord.connect(own.url())) {
        ConfigStore config = new ConfigStore(writer.values(), Duration.ofSeconds(1), 10);
        config.set("mode", "a");
        config.set("mode", "b");
      }
      // a poll between the two sets sees "a" first: wait for the watch to reach the newest version
      await(() -> !seen.isEmpty() && seen.get(seen.size() - 1).version() >= 2);
      assertEquals(new Versioned<>("b", 2), seen.get(seen.size() - 1), "the newest version, the gap visible in it");
    }
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      sleep(10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
