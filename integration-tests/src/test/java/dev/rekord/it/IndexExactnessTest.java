package dev.rekord.it;

import dev.rekord.ItAccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import dev.rekord.Rekord;
import dev.rekord.it.model.Address;
import dev.rekord.it.model.ItemJson;
import dev.rekord.it.model.ItemJsonRepository;
import dev.rekord.it.model.ItemJson_;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.it.model.Part;
import dev.rekord.it.model.Session;
import dev.rekord.it.model.SessionRepository;
import dev.rekord.it.model.Session_;
import dev.rekord.test.RedisExtension;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** Index entries follow every write exactly: updates move them, deletes and expiry remove them. */
class IndexExactnessTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private Rekord rekord;
  private UnifiedJedis raw;
  private MemberRepository members;

  /** Where the tests run: the extension's standalone server; the {@code Cluster…} subclass overrides it. */
  RedisTarget target() {
    return new RedisTarget(redis.server());
  }

  /** A builder for a Rekord on {@link #target()}; the {@code Compact…} subclass sets its index layout. */
  Rekord.Builder builder() {
    return Rekord.builder().url(target().url());
  }

  @BeforeEach
  void connect() {
    target().flushAll();
    rekord = builder().build();
    raw = target().raw();
    members = new MemberRepository(rekord);
  }

  @AfterEach
  void disconnect() {
    raw.close();
    rekord.close();
  }

  /** The model's index keys in every bucket ({@code {member}#…}, {@code {member:3}#…}), on every master. */
  private Set<String> indexKeys(String prefix) {
    return target().keys("{" + prefix + "[:}]*#*");
  }

  @Test
  void anUpdateMovesTheIdToItsNewValues() {
    members.save(new Member("m1", "Oslo", LocalDate.of(2020, 1, 1), 30, List.of("java", "go"),
        new Address(null, "Bergen", GeoPoint.of(5, 60))));
    members.save(new Member("m1", "Bergen", LocalDate.of(1960, 1, 1), 31, List.of("go"), null));

    assertEquals(List.of(), members.find(Member_.city.eq("Oslo")).ids());
    assertEquals(List.of("m1"), members.find(Member_.city.eq("Bergen")).ids());
    assertEquals(List.of(), members.find(Member_.joinDate.gte(LocalDate.of(2000, 1, 1))).ids());
    assertEquals(List.of("m1"), members.find(Member_.joinDate.lt(LocalDate.EPOCH)).ids());
    assertEquals(List.of(), members.find(Member_.age.eq(30)).ids());
    assertEquals(List.of(), members.find(Member_.tags.contains("java")).ids());
    assertEquals(List.of("m1"), members.find(Member_.tags.contains("go")).ids());
    assertEquals(List.of("m1"), members.find(Member_.address.city.isNull()).ids(), "now absent");
    assertEquals(List.of(), members.find(Member_.address.city.eq("Bergen")).ids());
    Set<String> indexKeys = indexKeys("member");
    // Whatever the engine calls a tag's id set ({member}#eq:tags:java, {member:3}#…), none is left
    // (a single-valued tag such as city has none: its values live in #lex:city).
    assertFalse(indexKeys.stream().anyMatch(key -> key.toLowerCase(Locale.ROOT).endsWith(":city:oslo")),
        "an emptied tag set is gone: " + indexKeys);
    assertFalse(indexKeys.stream().anyMatch(key -> key.toLowerCase(Locale.ROOT).endsWith(":tags:java")),
        indexKeys.toString());
    assertEquals(1, members.count());
    assertEquals(1, members.find(Member_.age.ne(30)).count());

    members.save(new Member("m1", null, null, 31, null, null));
    assertEquals(List.of("m1"), members.find(Member_.city.isNull()).ids());
    assertEquals(List.of(), members.find(Member_.city.isNotNull()).ids());
    assertEquals(List.of("m1"), members.find(Member_.tags.isNull()).ids());
  }

  @Test
  void aDeleteLeavesNoIndexKeyBehind() {
    members.save(new Member("keep", "Oslo", LocalDate.of(2020, 1, 1), 30, List.of("java"), null));
    Set<String> before = indexKeys("member");
    members.save(new Member("gone", "Tromsø", LocalDate.of(1900, 1, 1), 99, List.of("x", "y"),
        new Address("s", "Narvik", GeoPoint.of(17.4, 68.4))));
    members.save(new Member("gone", "Tromsø 2", LocalDate.of(1901, 1, 1), 98, List.of("z"), null));

    assertTrue(members.deleteById("gone"));
    assertFalse(members.deleteById("gone"), "deleting twice deletes nothing");

    assertEquals(before, indexKeys("member"), "only the remaining document's entries");
    for (String key : indexKeys("member")) {
      String type = raw.type(key);
      boolean mentions = switch (type) {
        case "set" -> raw.sismember(key, "gone");
        case "zset" -> raw.zscore(key, "gone") != null
            || raw.zrange(key, 0, -1).stream().anyMatch(m -> m.endsWith("\0gone"));
        case "hash" -> raw.hexists(key, "gone");
        case "list" -> raw.lrange(key, 0, -1).contains("gone");
        default -> false;
      };
      assertFalse(key.endsWith(":gone"), key);
      assertFalse(mentions, key + " still mentions the deleted document");
    }
    assertEquals(List.of("keep"), members.findAll().ids());
    assertEquals(1, members.count());
    assertTrue(members.deleteById("keep"));
    assertEquals(Set.of(), indexKeys("member"), "no document, no index key");
  }

  @Test
  void deleteAllEmptiesTheIndexOfEveryBucket() {
    try (Rekord four = builder().buckets(4).build()) {
      ItemJsonRepository items = new ItemJsonRepository(four);
      for (int i = 0; i < 40; i++) {
        items.save(new ItemJson("i" + i, "s" + (i % 3), "L", i, i / 2.0, BigDecimal.valueOf(i),
            LocalDate.of(1950 + i, 1, 1), Instant.ofEpochSecond(i), "word " + i,
            GeoPoint.of(i, i), List.of("t" + (i % 5)), List.of("T"), List.of(new Part("p", i % 4)), null));
      }
      assertEquals(4, items.buckets());
      assertEquals(40, items.count());
      assertEquals(14, items.find(ItemJson_.sku.eq("s0")).count());
      assertEquals(14, items.find(ItemJson_.sku.eq("s0")).deleteAll());
      assertEquals(0, items.find(ItemJson_.sku.eq("s0")).count());
      assertEquals(26, items.count());
      assertEquals(26, items.deleteAll());
      assertEquals(Set.of(), target().keys("{item-json*#*"));
      assertEquals(Set.of(), target().keys("{item-json*:*"));
    }
  }

  @Test
  void expiredDocumentsAreNeverReturnedAndCountsStayExact() throws InterruptedException {
    SessionRepository sessions = new SessionRepository(rekord);
    Instant now = Instant.now();
    sessions.save(new Session("short1", "ada", now), Duration.ofMillis(150));
    sessions.save(new Session("short2", "ada", now), Duration.ofMillis(150));
    sessions.save(new Session("long", "ada", now), Duration.ofHours(1));
    sessions.save(new Session("never", "bob", now), Duration.ZERO);
    assertEquals(3, sessions.find(Session_.user.eq("ada")).count());

    Thread.sleep(400);

    assertEquals(List.of("long"), sessions.find(Session_.user.eq("ada")).ids());
    assertEquals(1, sessions.find(Session_.user.eq("ada")).count());
    assertEquals(List.of("long"), sessions.find(Session_.user.eq("ada")).list().stream().map(Session::id).toList());
    assertEquals(List.of("long", "never"), sessions.findAll().ids());
    assertEquals(2, sessions.count());
    assertEquals(List.of("long"), sessions.find(Session_.user.ne("bob")).ids());
    assertFalse(sessions.find(Session_.user.eq("ada").and(Session_.user.ne("ada"))).exists());
    assertEquals(1, sessions.find(Session_.user.eq("ada")).stream().count());
    assertEquals("long", sessions.find(Session_.user.eq("ada")).first().orElseThrow().id());
    assertFalse(sessions.existsById("short1"));

    sessions.save(new Session("short1", "carol", now), Duration.ZERO); // the id is reused
    assertEquals(List.of("short1"), sessions.find(Session_.user.eq("carol")).ids());
    assertEquals(List.of("long"), sessions.find(Session_.user.eq("ada")).ids());
  }
}
