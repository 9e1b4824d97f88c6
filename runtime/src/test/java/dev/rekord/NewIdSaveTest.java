package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.cluster.SharedCluster;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Saves of entities without an id: the repository generates one at random (a ULID here), which no
 * document can have, so the portable engine writes a plain hash document without a script, in one
 * transaction of plain commands. What it stores must be exactly what the save script stores for
 * the same document under the same id, on a standalone server and on the cluster; a counter's id
 * ({@code Long}), which a document saved with its own id may already hold, still goes through the
 * script.
 */
@ExtendWith(RedisExtension.class)
class NewIdSaveTest {

  /** One deployment: a client and the servers that hold its keys. */
  record Side(String name, Rekord rekord, List<RedisServer> servers) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Side> sides = new ArrayList<>();
  private static final AtomicInteger models = new AtomicInteger();
  private static RedisServer standalone;

  @BeforeAll
  static void connect(RedisServer server) {
    standalone = server;
    sides.add(new Side("standalone", Rekord.connect(server.url()), List.of(server)));
    sides.add(new Side("cluster", Rekord.connect(SharedCluster.get().seedUrl()), SharedCluster.get().masters()));
  }

  @AfterAll
  static void close() {
    sides.forEach(side -> side.rekord().close());
  }

  static List<Side> sides() {
    return sides;
  }

  /** A fresh model of string ids with its city, age and tags indexed. */
  private static RekordRepository<Member, String> members(Side side, Storage storage) {
    String prefix = "newid" + models.incrementAndGet() + "-" + side.name();
    return TestModel.repository(side.rekord(), TestModel.stringIds(prefix, storage, Duration.ZERO).withTagsIndexed());
  }

  /**
   * Both places a plain hash keeps its manifest: in its own hash (a short one), and in its manifest
   * key (one longer than 64 bytes, from many tags); a JSON document (its manifest in its key); one
   * at a time ({@code save}) and together ({@code saveAll}, whose given ids go through the scripts).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sides")
  void newIdsAreStoredAsTheScriptsStoreTheSameDocumentsUnderThoseIds(Side side) {
    List<String> manyTags = IntStream.range(0, 12).mapToObj(i -> "tag-number-" + i).toList();
    for (Storage storage : Storage.values()) {
      for (List<String> tags : List.of(List.of("a", "b"), manyTags)) {
        for (boolean together : List.of(false, true)) {
          String what = storage + ", " + tags.size() + " tags, " + (together ? "saveAll" : "save");
          RekordRepository<Member, String> members = members(side, storage);
          List<Member> fresh = List.of(new Member(null, "Oslo", 40, tags), new Member(null, "Oslo", 41, tags));
          List<Member> saved = together ? members.saveAll(fresh) : fresh.stream().map(members::save).toList();
          Map<String, Object> written = stored(side, members);

          assertEquals(2, members.deleteAll(), what);
          assertEquals(Map.of(), withDocuments(stored(side, members)), "the delete left a document behind");
          if (together) { // their ids given: the scripts
            members.saveAll(saved);
          } else {
            saved.forEach(members::save);
          }
          assertEquals(stored(side, members), written, what);

          List<String> ids = saved.stream().map(Member::id).sorted().toList();
          assertEquals(ids, members.find(Member_.city.eq("Oslo")).ids(), what);
          assertEquals(ids, members.find(Member_.age.between(39, 42)).ids(), what);
          assertEquals(ids, members.find(Member_.tags.contains(tags.get(1))).ids(), what);
          assertEquals(saved.get(1), members.findById(saved.get(1).id()).orElseThrow(), what);
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sides")
  void everyWayOfSavingANewEntityStoresItWithItsEntries(Side side) {
    for (Storage storage : Storage.values()) {
      RekordRepository<Member, String> members = members(side, storage);
      Member saved = members.save(new Member(null, "Oslo", 30, List.of("a")));
      Member inserted = members.insert(new Member(null, "Oslo", 31, List.of("b")));
      Member absent = new Member(null, "Bergen", 32, List.of("a"));
      assertTrue(members.saveIfAbsent(absent));
      List<Member> all = members.saveAll(List.of(new Member(null, "Bergen", 33, List.of("b")),
          new Member(null, "Oslo", 34, List.of("a"))));
      ConditionalWrites<Member, String> insertedAll = members.insertAll(List.of(new Member(null, "Oslo", 35, null)));
      assertEquals(List.of(), insertedAll.refused());

      assertEquals(6, members.count(), storage.toString());
      assertEquals(4, members.find(Member_.city.eq("Oslo")).count(), storage.toString());
      assertEquals(3, members.find(Member_.tags.contains("a")).count(), storage.toString());
      assertEquals(List.of(saved.id(), inserted.id()), members.find(Member_.age.between(30, 31)).ids());
      assertEquals(all.get(0), members.findById(all.get(0).id()).orElseThrow());
      assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());
    }
  }

  /** The new-id saves are the ones the benchmarks measure: they must not fall back to the scripts unseen. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(Storage.class)
  void newIdsAreWrittenByPlainCommandsAndAGivenIdByTheScript(Storage storage) {
    Side side = sides.get(0);
    RekordRepository<Member, String> members = members(side, storage);
    members.save(new Member("warm", "Oslo", 1, null)); // schema and scripts loaded before counting

    standalone.command("CONFIG", "RESETSTAT");
    members.save(new Member(null, "Oslo", 40, List.of("a")));
    String stats = String.valueOf(standalone.command("INFO", "commandstats"));
    assertTrue(stats.contains("cmdstat_exec:calls=1,"), stats);
    assertFalse(stats.contains("cmdstat_evalsha"), stats);
    assertFalse(stats.contains("cmdstat_eval:"), stats);

    standalone.command("CONFIG", "RESETSTAT");
    members.saveAll(List.of(new Member(null, "Oslo", 41, null), new Member(null, "Bergen", 42, null)));
    stats = String.valueOf(standalone.command("INFO", "commandstats"));
    assertTrue(stats.contains("cmdstat_exec:calls=1,"), stats);
    assertFalse(stats.contains("cmdstat_evalsha"), stats);
    assertFalse(stats.contains("cmdstat_script"), stats);

    standalone.command("CONFIG", "RESETSTAT");
    members.save(new Member("given", "Oslo", 40, List.of("a")));
    stats = String.valueOf(standalone.command("INFO", "commandstats"));
    assertTrue(stats.contains("cmdstat_evalsha:calls=1,"), stats);
    assertEquals(5, members.count()); // the warm-up, the new ones and the given one
  }

  /** A {@code UUID} id is generated as a version 7 UUID, random enough to be new as well. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sides")
  void aGeneratedUuidIsANewIdToo(Side side) {
    RekordRepository<Member, java.util.UUID> members = TestModel.repository(side.rekord(),
        TestModel.uuidIds("newid-uuid" + models.incrementAndGet() + "-" + side.name(), Storage.HASH));
    members.save(new Member(java.util.UUID.randomUUID().toString(), "Oslo", 1, null)); // warm-up
    if (side.name().equals("standalone")) {
      standalone.command("CONFIG", "RESETSTAT");
    }
    Member saved = members.save(new Member(null, "Oslo", 20, null));
    if (side.name().equals("standalone")) {
      String stats = String.valueOf(standalone.command("INFO", "commandstats"));
      assertTrue(stats.contains("cmdstat_exec:calls=1,"), stats);
      assertFalse(stats.contains("cmdstat_evalsha"), stats);
    }
    assertEquals(List.of(java.util.UUID.fromString(saved.id())), members.find(Member_.age.between(19, 21)).ids());
    assertEquals(saved, members.findById(java.util.UUID.fromString(saved.id())).orElseThrow());
  }

  /**
   * A {@code Long} id comes from the model's counter, which knows nothing of ids given by hand: a
   * document saved with its own id may hold the counter's next value. That save replaces it through
   * the script, which removes the entries of the document it replaces.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("sides")
  void aCountersIdReplacesTheDocumentThatHasItWithoutLeavingItsEntries(Side side) {
    RekordRepository<Member, Long> members = TestModel.repository(side.rekord(),
        TestModel.longIds("newid-long" + models.incrementAndGet() + "-" + side.name(), Storage.HASH).withTagsIndexed());
    members.save(new Member("1", "Oslo", 20, List.of("old")));
    Member next = members.save(new Member(null, "Bergen", 21, List.of("new")));
    assertEquals("1", next.id());

    assertEquals(List.of(), members.find(Member_.city.eq("Oslo")).ids(), "the replaced document's entry");
    assertEquals(List.of(), members.find(Member_.tags.contains("old")).ids());
    assertEquals(List.of(1L), members.find(Member_.city.eq("Bergen")).ids());
    assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());
  }

  /** Every key of {@code members}' model, by name: a hash's fields, a sorted set's members and scores, a string. */
  private static Map<String, Object> stored(Side side, RekordRepository<Member, ?> members) {
    String prefix = members.model().keyPrefix();
    Map<String, Object> keys = new TreeMap<>();
    for (RedisServer server : side.servers()) {
      for (Object key : (List<?>) server.command("KEYS", "\\{" + prefix + "*")) {
        String name = String.valueOf(key);
        String type = String.valueOf(server.command("TYPE", name));
        Object value = switch (type) {
          case "hash" -> new TreeMap<>(pairs((List<?>) server.command("HGETALL", name)));
          case "zset" -> server.command("ZRANGE", name, "0", "-1", "WITHSCORES");
          case "string" -> server.command("GET", name);
          default -> type;
        };
        keys.put(name, String.valueOf(value));
      }
    }
    return keys;
  }

  private static Map<String, String> pairs(List<?> flat) {
    Map<String, String> map = new TreeMap<>();
    for (int i = 0; i < flat.size(); i += 2) {
      map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
    }
    return map;
  }

  /** The keys of {@code stored} that hold documents or manifests (the index sets may stay, empty sets are none). */
  private static Map<String, Object> withDocuments(Map<String, Object> stored) {
    Map<String, Object> documents = new TreeMap<>(stored);
    documents.keySet().removeIf(key -> key.contains("}#") && !key.contains("#doc:"));
    return documents;
  }
}
