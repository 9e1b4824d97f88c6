package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.it.model.Visit;
import dev.rekord.it.model.VisitModel;
import dev.rekord.it.model.VisitRepository;
import dev.rekord.it.model.Visit_;
import dev.rekord.model.Engine;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code expire}, {@code expireAt}, {@code persist} and {@code refreshTtlOnRead} on the search
 * engine, against the real Redis Query Engine: the document's expiry and its {@code __rk.exp}
 * change in one script, so no query returns or counts a document once it is due. Active expiry is
 * off, so a due document stays in the module's index and only {@code __rk.exp} keeps it out of the
 * answers. Skipped, saying how to enable it, where the module is not found.
 */
class SearchExpiryTest {

  private static final String ALIAS = "rekord:member-idx";
  private static final String EXPIRES = "__rk.exp";

  private static RedisServer server;
  private Rekord rekord;
  private UnifiedJedis raw;

  @BeforeAll
  static void startServerWithModule() {
    server = RedisModules.startSearchServer("--enable-debug-command", "yes");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void connect() {
    server.flushAll();
    server.command("DEBUG", "SET-ACTIVE-EXPIRE", "0"); // due keys stay until touched
    rekord = Rekord.builder().url(server.url()).engine(Member.class, Engine.SEARCH).build();
    rekord.migrate();
    raw = new RedisTarget(server).raw();
  }

  @AfterEach
  void disconnect() {
    server.command("DEBUG", "SET-ACTIVE-EXPIRE", "1");
    raw.close();
    rekord.close();
  }

  private static Member member(String id) {
    return new Member(id, "Oslo", LocalDate.of(2024, 1, 1), 30, List.of("t"), null);
  }

  /** How many documents the module has indexed, due or not. */
  private static long indexed() {
    return (Long) ((List<?>) server.command("FT.SEARCH", ALIAS, "*", "LIMIT", "0", "0")).get(0);
  }

  @Test
  void anExpiredDocumentIsLeftOutOfEveryQueryAndCountOnceDue() throws InterruptedException {
    MemberRepository members = new MemberRepository(rekord);
    members.save(member("kept"));
    members.save(member("brief"));
    String key = members.keyOf("brief");

    assertTrue(members.expire("brief", Duration.ofMillis(150)));
    assertEquals(Long.toString(raw.pexpireTime(key)), raw.hget(key, EXPIRES)); // the same instant
    assertEquals(2, members.find(Member_.city.eq("Oslo")).count()); // not yet due

    Thread.sleep(300);
    assertEquals(2, indexed()); // the module still has it
    assertEquals(List.of("kept"), members.find(Member_.city.eq("Oslo")).ids());
    assertEquals(1, members.find(Member_.city.eq("Oslo")).count());
    assertEquals(List.of("kept"), members.findAll().sortBy(Member_.age.asc()).stream().map(Member::id).toList());
    assertEquals(List.of("kept"), members.findAll().offset(0).limit(10).ids());

    assertFalse(members.expire("missing", Duration.ofSeconds(5))); // nothing created
    assertFalse(raw.exists(members.keyOf("missing")));
  }

  @Test
  void persistKeepsTheDocumentInQueriesPastItsOldExpiry() throws InterruptedException {
    MemberRepository members = new MemberRepository(rekord);
    members.save(member("stays"), Duration.ofMillis(150));
    members.save(member("never")); // does not expire
    String key = members.keyOf("stays");

    assertTrue(members.persist("stays"));
    assertFalse(members.persist("never")); // no expiry to remove
    assertFalse(members.persist("missing"));
    assertNull(raw.hget(key, EXPIRES)); // a document that never expires stores no expiry
    assertNull(raw.hget(members.keyOf("never"), EXPIRES));

    Thread.sleep(300);
    assertTrue(members.ttl("stays").isEmpty());
    assertEquals(List.of("never", "stays"), members.find(Member_.city.eq("Oslo")).ids());
    assertEquals(2, members.find(Member_.city.eq("Oslo")).count());
    assertEquals(member("stays"), members.findById("stays").orElseThrow());
  }

  @Test
  void expireAtInThePastRemovesTheDocumentAndAFutureTimeIsKeptToTheMillisecond() {
    MemberRepository members = new MemberRepository(rekord);
    members.save(member("gone"));
    members.save(member("later"));

    assertTrue(members.expireAt("gone", Instant.now().minus(Duration.ofHours(1))));
    assertFalse(members.existsById("gone"));
    assertEquals(1, indexed()); // the module dropped it with its hash
    assertEquals(List.of("later"), members.find(Member_.city.eq("Oslo")).ids());
    assertFalse(members.expireAt("gone", Instant.now().plusSeconds(60)));

    Instant at = Instant.ofEpochMilli(Instant.now().plus(Duration.ofHours(1)).toEpochMilli());
    String key = members.keyOf("later");
    assertTrue(members.expireAt("later", at));
    assertEquals(at.toEpochMilli(), raw.pexpireTime(key));
    assertEquals(Long.toString(at.toEpochMilli()), raw.hget(key, EXPIRES));
    assertEquals(1, members.find(Member_.city.eq("Oslo")).count());
  }

  @Test
  void aModelRefreshedByReadsRunsOnTheSearchEngineAndAReadExtendsWhatQueriesSee() throws InterruptedException {
    assertEquals(Engine.SEARCH, rekord.engineOf(VisitModel.INSTANCE)); // AUTO
    try (Rekord configured = Rekord.builder().url(server.url()).engine(Visit.class, Engine.SEARCH).build()) {
      assertEquals(Engine.SEARCH, configured.engineOf(VisitModel.INSTANCE)); // no longer a configuration error
    }
    VisitRepository visits = new VisitRepository(rekord);
    Visit read = visits.save(new Visit("read", "home"));
    Visit idle = visits.save(new Visit("idle", "home"));
    Visit persistent = visits.save(new Visit("persistent", "home"), Duration.ZERO);

    Thread.sleep(2_000);
    assertTrue(visits.findById(read.id()).isPresent()); // its 3 s start again
    assertTrue(visits.findById(persistent.id()).isPresent());
    String key = visits.keyOf(read.id());
    assertEquals(Long.toString(raw.pexpireTime(key)), raw.hget(key, EXPIRES));

    Thread.sleep(1_500); // past the first 3 s, within the refreshed ones
    assertEquals(List.of(persistent.id(), read.id()), visits.find(Visit_.page.eq("home")).ids());
    assertEquals(2, visits.find(Visit_.page.eq("home")).count());
    assertFalse(visits.existsById(idle.id()));
    assertTrue(visits.ttl(persistent.id()).isEmpty()); // a read adds no expiry
    assertNull(raw.hget(visits.keyOf(persistent.id()), EXPIRES)); // it never expires: nothing stored
  }
}
