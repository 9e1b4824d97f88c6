package dev.rekord;

import static dev.rekord.ReadChecks.resetCommandStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.UnifiedJedis;

/** Time to live and generated ids, against a real redis-server. */
@ExtendWith(RedisExtension.class)
class SaveOptionsTest {

  private static Rekord rekord;
  private static UnifiedJedis redis;

  @BeforeAll
  static void connect(RedisServer server) {
    rekord = Rekord.connect(server.url());
    redis = rekord.connection().unwrap(UnifiedJedis.class);
  }

  @AfterAll
  static void disconnect() {
    rekord.close();
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void explicitTtlExpiresTheDocument(Storage storage) {
    RekordRepository<Member, String> members = TestModel.repository(rekord, TestModel.stringIds("member", storage, Duration.ZERO));
    members.save(new Member("a", null, 1, null), Duration.ofSeconds(10));
    members.saveAll(List.of(new Member("b", null, 2, null)), Duration.ofMillis(20_500));

    assertTtlWithin("{member}:a", 10_000);
    assertTtlWithin("{member}:b", 20_500);
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void modelDefaultTtlAppliesUnlessOverriddenAndZeroPersists(Storage storage) {
    RekordRepository<Member, String> sessions = TestModel.repository(rekord, TestModel.stringIds("session", storage, Duration.ofMinutes(1)));
    sessions.save(new Member("a", null, 1, null));
    assertTtlWithin("{session}:a", 60_000);

    sessions.save(new Member("a", null, 1, null), Duration.ZERO);
    assertEquals(-1, redis.pttl("{session}:a"), "ZERO persists, clearing the earlier expiry");

    sessions.saveAll(List.of(new Member("a", null, 1, null)));
    assertTtlWithin("{session}:a", 60_000);
  }

  @Test
  void subMillisecondTtlStillExpires() {
    RekordRepository<Member, String> members = TestModel.repository(rekord, TestModel.stringIds("member", Storage.HASH, Duration.ZERO));
    members.save(new Member("a", null, 1, null), Duration.ofNanos(1));
    assertTrue(redis.pttl("{member}:a") != -1);
  }

  @Test
  void stringIdsAreUlidsInTheOrderTheyWereSaved() {
    RekordRepository<Member, String> members = TestModel.repository(rekord, TestModel.stringIds("member", Storage.HASH, Duration.ZERO));
    List<Member> batch = new ArrayList<>();
    for (int i = 0; i < 1200; i++) {
      batch.add(new Member(i == 7 ? "kept" : null, null, i, null));
    }
    List<Member> saved = members.saveAll(batch);
    Member single = members.save(new Member(null, null, 0, null));

    assertEquals("kept", saved.get(7).id());
    saved.remove(7);
    saved.add(single);
    for (int i = 0; i < saved.size(); i++) {
      String id = saved.get(i).id();
      assertTrue(id.matches("[0-9A-HJKMNP-TV-Z]{26}"), id);
      if (i > 0) {
        assertTrue(saved.get(i - 1).id().compareTo(id) < 0, "increasing at " + i);
      }
    }
    assertEquals(1201, members.count());
    assertEquals(Optional.of(single), members.findById(single.id()));
  }

  @Test
  void uuidIdsAreVersion7() {
    RekordRepository<Member, UUID> tickets = TestModel.repository(rekord, TestModel.uuidIds("ticket", Storage.JSON));
    List<Member> saved = tickets.saveAll(List.of(new Member(null, null, 1, null), new Member(null, null, 2, null)));
    Member single = tickets.save(new Member(null, null, 3, null));
    saved = new ArrayList<>(saved);
    saved.add(single);

    for (int i = 0; i < saved.size(); i++) {
      UUID id = UUID.fromString(saved.get(i).id());
      assertEquals(7, id.version());
      assertEquals(2, id.variant());
      if (i > 0) {
        assertTrue(saved.get(i - 1).id().compareTo(saved.get(i).id()) < 0);
      }
    }
    assertEquals(Optional.of(single), tickets.findById(UUID.fromString(single.id())));
  }

  @Test
  void longIdsComeFromTheModelsCounterOneIncrbyPerBatch() {
    RekordRepository<Member, Long> orders = TestModel.repository(rekord, TestModel.longIds("order", Storage.HASH));
    resetCommandStats(redis);

    assertEquals("1", orders.save(new Member(null, null, 1, null)).id());
    assertEquals("2", orders.save(new Member(null, null, 2, null)).id());
    assertEquals("50000", orders.save(new Member("50000", null, 5, null)).id(), "a given id is kept");
    List<Member> batch = new ArrayList<>();
    for (int i = 0; i < 1001; i++) {
      batch.add(new Member(null, null, i, null));
    }
    List<Member> saved = orders.saveAll(batch);

    assertEquals("3", saved.get(0).id());
    assertEquals("1003", saved.get(1000).id());
    assertEquals("1003", redis.get("rekord:seq:order"));
    assertTrue(redis.info("commandstats").contains("cmdstat_incrby:calls=5,"), "2 saves + 3 batches of at most 500");
    assertEquals(1004, orders.count(), "the counter is not a document");

    orders.deleteAll();
    assertEquals("1004", orders.save(new Member(null, null, 1, null)).id(), "ids are not reused after deleteAll");
  }

  private static void assertTtlWithin(String key, long maxMillis) {
    long ttl = redis.pttl(key);
    assertTrue(ttl > 0 && ttl <= maxMillis, key + " PTTL " + ttl);
  }
}
