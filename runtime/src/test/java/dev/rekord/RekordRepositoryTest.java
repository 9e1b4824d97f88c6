package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.exception.DeserializationException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.UnifiedJedis;

/** CRUD against a real redis-server, for both storage kinds. */
@ExtendWith(RedisExtension.class)
class RekordRepositoryTest {

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

  private static RekordRepository<Member, String> members(Storage storage) {
    return TestModel.repository(rekord, TestModel.stringIds("member", storage, Duration.ZERO));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void savedDocumentIsFoundAgain(Storage storage) {
    RekordRepository<Member, String> members = members(storage);
    Member ada = new Member("ada", "Oslo", 36, List.of("math", "\uD83D\uDE00"));

    assertEquals(ada, members.save(ada));

    assertEquals(Optional.of(ada), members.findById("ada"));
    assertTrue(members.existsById("ada"));
    assertEquals(Optional.empty(), members.findById("nobody"));
    assertFalse(members.existsById("nobody"));
  }

  @Test
  void hashDocumentIsStoredFieldByField() {
    RekordRepository<Member, String> members = members(Storage.HASH);
    Member ada = new Member("ada", "Oslo", 36, List.of("a", "b"));
    members.save(ada);

    // the index entries' manifest rides along in a field no component can map to ...
    assertEquals(Map.of("id", "ada", "city", "Oslo", "age", "36", "tags", "[\"a\",\"b\"]",
        "#", "lcity:4:OsloNage:"), redis.hgetAll("{member}:ada"));
    // ... and never reaches a record
    assertEquals(Optional.of(ada), members.findById("ada"));
    assertEquals(List.of(ada), members.findAllById(List.of("ada")).values());
    assertEquals(List.of(ada), members.find(Member_.city.eq("Oslo")).list());
  }

  @Test
  void jsonDocumentIsStoredAsOneString() {
    members(Storage.JSON).save(new Member("ada", null, 36, List.of("a")));

    assertEquals("string", redis.type("{member}:ada"));
    assertEquals("{\"id\":\"ada\",\"age\":36,\"tags\":[\"a\"]}", redis.get("{member}:ada"));
  }

  @Test
  void saveReplacesTheWholeDocument() {
    RekordRepository<Member, String> members = members(Storage.HASH);
    members.save(new Member("ada", "Oslo", 36, List.of("a")));
    members.save(new Member("ada", null, 37, null));

    assertEquals(Map.of("id", "ada", "age", "37", "#", "Zcity:Nage:"), redis.hgetAll("{member}:ada"));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void deleteByIdTellsWhetherThereWasADocument(Storage storage) {
    RekordRepository<Member, String> members = members(storage);
    members.save(new Member("ada", "Oslo", 36, null));

    assertTrue(members.deleteById("ada"));
    assertFalse(members.deleteById("ada"));
    assertFalse(members.existsById("ada"));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void countAndDeleteAllSeeOnlyTheModelsDocuments(Storage storage) {
    RekordRepository<Member, String> members = members(storage);
    List<Member> many = new ArrayList<>();
    for (int i = 0; i < 2345; i++) {
      many.add(new Member("m" + i, "Oslo", i, null));
    }
    members.saveAll(many);
    // Neighbours the scan must leave alone: another prefix, a longer prefix, another Redis type.
    redis.set("other:1", "x");
    redis.set("memberx:1", "x");
    redis.hset("members", "f", "v");
    String otherType = storage == Storage.HASH ? "member:a-string" : "member:a-hash";
    if (storage == Storage.HASH) {
      redis.set(otherType, "x");
    } else {
      redis.hset(otherType, "f", "v");
    }

    assertEquals(2345, members.count());
    assertEquals(2345, members.deleteAll());

    assertEquals(0, members.count());
    assertEquals(0, members.deleteAll());
    assertTrue(redis.exists("other:1"));
    assertTrue(redis.exists("memberx:1"));
    assertTrue(redis.exists("members"));
    assertTrue(redis.exists(otherType));
  }

  @Test
  void prefixWithGlobCharactersMatchesOnlyItself() {
    RekordRepository<Member, String> starred = TestModel.repository(rekord, TestModel.stringIds("m*", Storage.HASH, Duration.ZERO));
    starred.save(new Member("1", null, 1, null));
    redis.hset("mm:2", "id", "2");

    assertEquals(1, starred.count());
  }

  @Test
  void keyOfTheWrongTypeIsReportedWithKeyAndModel() {
    redis.set("{member}:bad", "not a hash");

    DeserializationException e = assertThrows(DeserializationException.class, () -> members(Storage.HASH).findById("bad"));

    assertEquals("{member}:bad", e.key());
    assertEquals("Member", e.model());
    assertTrue(e.getMessage().contains("expected a hash but found string"), e.getMessage());
  }

  @Test
  void jsonModelReportsAHashKeyAsTheWrongType() {
    redis.hset("{member}:bad", "id", "bad");

    DeserializationException e = assertThrows(DeserializationException.class, () -> members(Storage.JSON).findById("bad"));

    assertTrue(e.getMessage().contains("expected a string but found hash"), e.getMessage());
  }

  @Test
  void corruptFieldIsReportedWithKeyAndField() {
    members(Storage.HASH).save(new Member("ada", "Oslo", 36, null));
    redis.hset("{member}:ada", "age", "thirty");

    DeserializationException e = assertThrows(DeserializationException.class, () -> members(Storage.HASH).findById("ada"));

    assertEquals("{member}:ada", e.key());
    assertEquals("age", e.field());
  }

  @Test
  void valuesTheRecordRejectsAreADeserializationFailure() {
    members(Storage.HASH).save(new Member("ada", "Oslo", 36, null));
    redis.hset("{member}:ada", "age", "-1");

    DeserializationException e = assertThrows(DeserializationException.class, () -> members(Storage.HASH).findById("ada"));

    assertEquals("{member}:ada", e.key());
    assertTrue(e.getMessage().contains("age must not be negative"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void batchReadReportsEachBadDocumentWithoutFailingTheBatch(Storage storage) {
    RekordRepository<Member, String> members = members(storage);
    List<Member> saved = members.saveAll(List.of(
        new Member("a", "Oslo", 1, null), new Member("b", "Rome", 2, null), new Member("c", "Lima", 3, null)));
    assertEquals(3, saved.size());
    if (storage == Storage.HASH) {
      redis.hset("{member}:b", "age", "two");
      redis.set("{member}:w", "wrong type");
    } else {
      redis.set("{member}:b", "{\"id\":\"b\",\"age\":");
      redis.hset("{member}:w", "id", "w");
    }

    BatchRead<String, Member> read = members.findAllById(List.of("c", "b", "missing", "w", "a"));

    assertEquals(List.of("c", "a"), new ArrayList<>(read.found().keySet()));
    assertEquals(List.of(saved.get(2), saved.get(0)), read.values());
    assertEquals(List.of("missing"), read.missing());
    assertEquals(List.of("b", "w"), new ArrayList<>(read.failures().keySet()));
    assertEquals("{member}:b", read.failures().get("b").key());
    assertEquals("{member}:w", read.failures().get("w").key());
    assertTrue(read.failures().get("w").getMessage().contains("expected a"), read.failures().get("w").getMessage());
    assertThrows(DeserializationException.class, read::valuesOrThrow);
  }

  @Test
  void savesAgainAfterTheServerForgotTheScripts() {
    RekordRepository<Member, String> members = members(Storage.HASH);
    members.save(new Member("a", null, 1, null));
    redis.scriptFlush();
    members.save(new Member("b", null, 2, null));
    redis.scriptFlush();
    members.saveAll(List.of(new Member("c", null, 3, null), new Member("d", null, 4, null)));

    assertEquals(4, members.count());
    assertEquals(Optional.of(new Member("d", null, 4, null)), members.findById("d"));
  }

  @Test
  void saveAllOfNothingIsNothing() {
    assertEquals(List.of(), members(Storage.HASH).saveAll(List.of()));
    assertTrue(members(Storage.HASH).findAllById(List.of()).found().isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void existsByIdAgreesWithFindByIdAboutAKeyHoldingAnotherType(Storage storage) {
    RekordRepository<Member, String> members = members(storage);
    if (storage == Storage.HASH) {
      redis.set("{member}:odd", "plain text");
    } else {
      redis.hset("{member}:odd", "id", "odd");
    }

    DeserializationException found = assertThrows(DeserializationException.class, () -> members.findById("odd"));
    DeserializationException exists = assertThrows(DeserializationException.class, () -> members.existsById("odd"));

    assertEquals(found.getMessage(), exists.getMessage());
    assertEquals("{member}:odd", exists.key());
    assertEquals(storage == Storage.HASH ? "expected a hash but found string" : "expected a string but found hash",
        exists.problem());
  }

  @Test
  void nullArgumentsAreNamed() {
    RekordRepository<Member, String> members = members(Storage.HASH);
    Member ada = new Member("ada", "Oslo", 36, null);

    assertEquals("id must not be null", assertThrows(NullPointerException.class, () -> members.findById(null)).getMessage());
    assertEquals("id must not be null", assertThrows(NullPointerException.class, () -> members.existsById(null)).getMessage());
    assertEquals("id must not be null", assertThrows(NullPointerException.class, () -> members.deleteById(null)).getMessage());
    assertEquals("id must not be null", assertThrows(NullPointerException.class, () -> members.keyOf(null)).getMessage());
    assertEquals("ids must not be null", assertThrows(NullPointerException.class, () -> members.findAllById(null)).getMessage());
    assertEquals("ids must not contain null (found at index 1)", assertThrows(NullPointerException.class,
        () -> members.findAllById(java.util.Arrays.asList("ada", null))).getMessage());
    assertEquals("entity must not be null", assertThrows(NullPointerException.class, () -> members.save(null)).getMessage());
    assertEquals("entities must not be null", assertThrows(NullPointerException.class, () -> members.saveAll(null)).getMessage());
    assertEquals("entities must not contain null (found at index 1)", assertThrows(NullPointerException.class,
        () -> members.saveAll(java.util.Arrays.asList(ada, null))).getMessage());
    assertEquals("condition must not be null", assertThrows(NullPointerException.class, () -> members.find(null)).getMessage());
    assertFalse(members.existsById("ada"), "nothing was saved by the failed calls");
  }
}
