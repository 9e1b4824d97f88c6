package dev.rekord.values;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.exception.DeserializationException;
import dev.rekord.exception.WrongTypeException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/** Typed values, batches, namespaces and temporary keys against a real redis-server. */
@ExtendWith(RedisExtension.class)
class ValuesTest {

  record Profile(String name, int age, LocalDate born) {}

  private static RedisServer server;
  private static Rekord rekord;
  private static Values values;
  private static UnifiedJedis redis;

  @BeforeAll
  static void connect(RedisServer redisServer) {
    server = redisServer;
    rekord = Rekord.connect(server.url());
    values = rekord.values();
    redis = rekord.connection().unwrap(UnifiedJedis.class);
  }

  @AfterAll
  static void disconnect() {
    rekord.close();
  }

  @BeforeEach
  void flush() {
    server.flushAll();
  }

  @Test
  void rawBytesRoundTripExactlyInTheNamespaceWithPerKeyFailures() {
    byte[] binary = new byte[256];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) i; // every byte value, invalid UTF-8 included
    }
    ByteValues bytes = values.in(Namespace.of("bin")).bytes();
    bytes.set("all", binary, Duration.ofMinutes(1));
    bytes.set("empty", new byte[0]);
    assertArrayEquals(binary, bytes.get("all").orElseThrow());
    assertArrayEquals(binary, redis.get("bin:all".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "stored as they are");
    assertTrue(redis.pttl("bin:all") > 50_000);
    assertEquals(-1, redis.pttl("bin:empty"));
    assertEquals(Optional.empty(), bytes.get("missing"));

    redis.sadd("bin:aSet", "x");
    List<ValueRead<byte[]>> reads = bytes.mget(List.of("all", "missing", "aSet", "empty"));
    assertArrayEquals(binary, reads.get(0).value());
    assertTrue(reads.get(1).missing());
    assertInstanceOf(WrongTypeException.class, reads.get(2).failure(), "the wrong type fails that key only");
    assertArrayEquals(new byte[0], reads.get(3).value());
  }

  @Test
  void recordsListsStringsAndNumbersRoundTripAndAMissingKeyIsEmpty() {
    Profile ada = new Profile("Ada", 36, LocalDate.of(1815, 12, 10));
    values.set("profile:ada", ada);
    values.set("profiles", List.of(ada));
    values.set("greeting", "hello");
    values.set("visits", 41L);

    assertEquals(Optional.of(ada), values.get("profile:ada", Profile.class));
    assertEquals(Optional.of(List.of(ada)), values.get("profiles", new ValueType<List<Profile>>() {}));
    assertEquals("{\"name\":\"Ada\",\"age\":36,\"born\":\"1815-12-10\"}", redis.get("profile:ada"));
    assertEquals("hello", redis.get("greeting"), "strings are stored as they are");
    assertEquals(42L, redis.incr("visits"), "numbers are stored as Redis numbers");
    assertEquals(Optional.of(42L), values.get("visits", Long.class));
    assertEquals(Optional.empty(), values.get("nobody", Profile.class));
  }

  @Test
  void expiriesAndConditions() {
    values.set("a", "1", Duration.ofSeconds(100));
    assertTtl("a", 100_000);
    values.set("a", "2", SetOptions.keepTtl());
    assertTtl("a", 100_000);
    values.set("a", "3");
    assertEquals(-1, redis.pttl("a"), "a plain set clears the expiry");

    values.set("b", "1", SetOptions.ttl(Duration.ofMillis(90_500)));
    assertTtl("b", 90_500);
    values.set("c", "1", SetOptions.expireAt(Instant.now().plusSeconds(50)));
    assertTtl("c", 50_000);

    assertFalse(values.set("a", "new", SetOptions.NONE.onlyIfAbsent()));
    assertEquals("3", redis.get("a"));
    assertTrue(values.set("d", "new", SetOptions.NONE.onlyIfAbsent()));
    assertFalse(values.set("e", "x", SetOptions.NONE.onlyIfPresent()));
    assertFalse(values.exists("e"));

    assertEquals(Optional.of("3"), values.getAndSet("a", ValueType.of(String.class), "4", SetOptions.NONE));
    assertEquals("4", redis.get("a"));
    assertEquals(Optional.empty(), values.getAndSet("f", ValueType.of(String.class), "1", SetOptions.NONE));
  }

  @Test
  void deleteExistsExpireTtlPersist() {
    values.set("a", "1");
    values.set("b", "2");
    assertEquals(Optional.empty(), values.ttl("a"));
    assertTrue(values.expire("a", Duration.ofSeconds(30)));
    assertTrue(values.ttl("a").orElseThrow().toMillis() > 29_000);
    assertTrue(values.persist("a"));
    assertEquals(-1, redis.pttl("a"));
    assertFalse(values.expire("nobody", Duration.ofSeconds(1)));
    assertTrue(values.expireAt("b", Instant.now().plusSeconds(20)));
    assertTtl("b", 20_000);

    assertEquals(2, values.delete("a", "b", "nobody"));
    assertFalse(values.exists("a"));
  }

  @Test
  void mgetReportsEachKeyInRequestOrderWithoutFailingTheBatch() {
    Profile ada = new Profile("Ada", 36, null);
    values.set("good", ada);
    redis.set("corrupt", "{not json");
    redis.set("wrongShape", "[1, 2]");
    redis.set("badField", "{\"name\":\"Bo\",\"age\":\"old\"}");
    redis.rpush("aList", "x");

    List<ValueRead<Profile>> reads =
        values.mget(Profile.class, List.of("corrupt", "good", "missing", "aList", "wrongShape", "badField"));

    assertEquals(List.of("corrupt", "good", "missing", "aList", "wrongShape", "badField"),
        reads.stream().map(ValueRead::key).toList());
    assertInstanceOf(DeserializationException.class, reads.get(0).failure());
    assertEquals("corrupt", ((DeserializationException) reads.get(0).failure()).key());
    assertEquals(ada, reads.get(1).value());
    assertTrue(reads.get(2).missing());
    assertInstanceOf(WrongTypeException.class, reads.get(3).failure());
    assertInstanceOf(DeserializationException.class, reads.get(4).failure());
    DeserializationException badField = (DeserializationException) reads.get(5).failure();
    assertEquals("age", badField.field(), badField.getMessage());
    assertThrows(DeserializationException.class, () -> reads.get(0).valueOrThrow());
  }

  @Test
  void msetWritesEveryKeyWithTheTtl() {
    Map<String, Object> entries = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      entries.put("k" + i, new Profile("p" + i, i, null));
    }
    values.mset(entries, Duration.ofSeconds(60));
    List<ValueRead<Profile>> reads = values.mget(Profile.class, new ArrayList<>(entries.keySet()));
    for (int i = 0; i < 100; i++) {
      assertEquals(new Profile("p" + i, i, null), reads.get(i).value());
      assertTtl("k" + i, 60_000);
    }
    values.mset(Map.of("k1", "plain"), null);
    assertEquals(-1, redis.pttl("k1"));
  }

  @Test
  void hashFields() {
    HashValues hash = values.hash("user:1");
    hash.set("profile", new Profile("Ada", 36, null));
    hash.setAll(Map.of("visits", 3L));
    redis.hset("user:1", "broken", "{");

    assertEquals(Optional.of(new Profile("Ada", 36, null)), hash.get("profile", Profile.class));
    assertEquals(Optional.empty(), hash.get("nothing", Profile.class));
    values.hash("counts").setAll(Map.of("a", 1L, "b", 2L));
    assertEquals(Map.of("a", 1L, "b", 2L), values.hash("counts").getAll(Long.class));
    DeserializationException bad = assertThrows(DeserializationException.class, () -> hash.getAll(Long.class));
    assertTrue(bad.key().startsWith("user:1#"), "the error names key and field: " + bad.key());
    List<ValueRead<Profile>> reads = hash.get(Profile.class, List.of("profile", "nothing", "broken"));
    assertEquals("Ada", reads.get(0).value().name());
    assertTrue(reads.get(1).missing());
    assertTrue(reads.get(2).failed());
    assertEquals(1, hash.delete("broken"));
  }

  @Test
  void aNamespacePrefixesEveryKeyAndScanReturnsKeysWithoutIt() {
    try (Rekord app = Rekord.builder().url(server.url()).namespace("app").build()) {
      Values appValues = app.values();
      appValues.set("user:1", "Ada");
      appValues.set("user:2", "Bo");
      values.set("user:3", "outside the namespace");

      assertEquals("Ada", redis.get("app:user:1"));
      assertEquals(Optional.of("Ada"), appValues.get("user:1", String.class));
      assertEquals(Optional.of("Ada"), appValues.in(Namespace.NONE).get("app:user:1", String.class));
      assertEquals(Optional.of("Ada"), appValues.in(Namespace.of("other")).in(Namespace.of("app")).get("user:1", String.class));

      List<String> found = new ArrayList<>();
      appValues.scan("user:*", found::add);
      found.sort(null);
      assertEquals(List.of("user:1", "user:2"), found);

      appValues.mset(Map.of("m", "1"), Duration.ofSeconds(5));
      assertEquals(List.of("app:m"), new ArrayList<>(redis.keys("app:m")));
      assertEquals(1, appValues.delete("m"));
    }
  }

  @Test
  void aNamespaceWithGlobCharactersMatchesOnlyItself() {
    Values star = values.in(Namespace.of("a*"));
    star.set("k", "1");
    values.set("ab:k", "not in the namespace a*");
    List<String> found = new ArrayList<>();
    star.scan("*", found::add);
    assertEquals(List.of("k"), found);
    assertThrows(IllegalArgumentException.class, () -> Namespace.of("{tag}"));
  }

  @Test
  void aTemporaryKeyIsDeletedWhenTheBlockThrows() {
    String key = "upload:" + UUID.randomUUID();
    IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
      try (TemporaryKey upload = values.temporary(key, new Profile("tmp", 1, null), Duration.ofMinutes(1))) {
        assertTrue(values.exists(upload.key()));
        assertTtl(upload.redisKey(), 60_000);
        throw new IllegalStateException("boom");
      }
    });
    assertEquals("boom", thrown.getMessage());
    assertFalse(values.exists(key));
    assertNull(redis.get(key));
  }

  private static void assertTtl(String key, long max) {
    long ttl = redis.pttl(key);
    assertTrue(ttl > max - 5_000 && ttl <= max, key + " has " + ttl + " ms to live, expected about " + max);
  }
}
