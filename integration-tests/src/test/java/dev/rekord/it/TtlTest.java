package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberModel;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Reading;
import dev.rekord.it.model.ReadingModel;
import dev.rekord.it.model.ReadingRepository;
import dev.rekord.it.model.Session;
import dev.rekord.it.model.SessionModel;
import dev.rekord.it.model.SessionRepository;
import dev.rekord.test.RedisExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** Time to live: the model's default, a per-save override, and ZERO for no expiry. */
class TtlTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  /** What Redis' {@code TTL} answers for a key without expiry. */
  private static final long NO_EXPIRY = -1;

  private Rekord rekord;
  private RedisClient raw;
  private SessionRepository sessions;

  @BeforeEach
  void connect() {
    rekord = Rekord.connect(redis.server().url());
    raw = RedisClient.create(redis.server().host(), redis.server().port());
    sessions = new SessionRepository(rekord);
  }

  @AfterEach
  void disconnect() {
    raw.close();
    rekord.close();
  }

  @Test
  void modelsCarryTheirDefaultTtl() {
    assertEquals(Duration.ofHours(1), SessionModel.INSTANCE.defaultTtl());
    assertEquals(Duration.ofDays(1), ReadingModel.INSTANCE.defaultTtl());
    assertEquals(Duration.ZERO, MemberModel.INSTANCE.defaultTtl());
  }

  @Test
  void aHashModelExpiresAfterItsDefaultTtl() {
    sessions.save(session("s1"));

    assertTtlWithin("{session}:s1", Session.TTL_SECONDS);
  }

  @Test
  void aJsonModelExpiresAfterItsDefaultTtl() {
    new ReadingRepository(rekord).save(new Reading(1, "t", 20.5, Instant.EPOCH));

    assertTtlWithin("{reading}:1", Reading.TTL_SECONDS);
  }

  @Test
  void aModelWithoutDefaultTtlNeverExpires() {
    new MemberRepository(rekord).save(new Member("m1", "Oslo", null, 1, null, null));

    assertEquals(NO_EXPIRY, raw.ttl("{member}:m1"));
  }

  @Test
  void aPerSaveTtlOverridesTheDefault() {
    sessions.save(session("s1"), Duration.ofSeconds(30));

    assertTtlWithin("{session}:s1", 30);
  }

  @Test
  void aPerSaveTtlAppliesToModelsWithoutDefault() {
    new MemberRepository(rekord)
        .save(new Member("m1", "Oslo", null, 1, null, null), Duration.ofMinutes(5));

    assertTtlWithin("{member}:m1", 300);
  }

  @Test
  void zeroTtlPersistsEvenWhereTheModelHasADefault() {
    sessions.save(session("s1"), Duration.ZERO);

    assertEquals(NO_EXPIRY, raw.ttl("{session}:s1"));
  }

  @Test
  void zeroTtlRemovesAnEarlierExpiry() {
    sessions.save(session("s1"));
    assertTtlWithin("{session}:s1", Session.TTL_SECONDS);

    sessions.save(session("s1"), Duration.ZERO);

    assertEquals(NO_EXPIRY, raw.ttl("{session}:s1"));
  }

  @Test
  void savingAgainRestartsTheTtl() {
    sessions.save(session("s1"), Duration.ofSeconds(30));

    sessions.save(session("s1"));

    assertTtlWithin("{session}:s1", Session.TTL_SECONDS);
  }

  @Test
  void saveAllAppliesTheDefaultAndTheOverride() {
    sessions.saveAll(List.of(session("a"), session("b")));
    sessions.saveAll(List.of(session("c")), Duration.ofSeconds(45));
    sessions.saveAll(List.of(session("d")), Duration.ZERO);

    assertTtlWithin("{session}:a", Session.TTL_SECONDS);
    assertTtlWithin("{session}:b", Session.TTL_SECONDS);
    assertTtlWithin("{session}:c", 45);
    assertEquals(NO_EXPIRY, raw.ttl("{session}:d"));
  }

  @Test
  void anExpiredDocumentIsGone() throws InterruptedException {
    sessions.save(session("s1"), Duration.ofSeconds(1));
    assertTrue(sessions.existsById("s1"));

    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (sessions.existsById("s1") && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }

    assertFalse(sessions.existsById("s1"));
    assertEquals(Optional.empty(), sessions.findById("s1"));
  }

  private static Session session(String id) {
    return new Session(id, "ada", Instant.parse("2024-01-01T00:00:00Z"));
  }

  /** The key expires within {@code seconds}, and not much sooner (the test is quick). */
  private void assertTtlWithin(String key, long seconds) {
    long ttl = raw.ttl(key);
    assertTrue(
        ttl > seconds - 10 && ttl <= seconds, key + " TTL " + ttl + ", expected ~" + seconds);
  }
}
