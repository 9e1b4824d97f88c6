package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.it.model.Note;
import dev.rekord.it.model.NoteRepository;
import dev.rekord.it.model.Note_;
import dev.rekord.model.Engine;
import dev.rekord.schema.IndexReport;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The portable engine's saves of documents whose slot is migrating while every key they touch is
 * still on the source (the state {@code redis-cli --cluster reshard} holds a slot in until it has
 * moved its keys). Redis runs such a script on the source, and refuses, mid-script, any command on
 * a key of that slot that does not exist there: a save that deleted its document before writing
 * it anew lost the document. Here the documents' manifests live in manifest keys (a JSON document;
 * a hash that expires), so every key a save names exists and the script runs.
 */
class ClusterSaveWhileItsSlotMigratesTest {

  private static RedisCluster cluster;
  private Rekord rekord;
  private RedisCluster.SlotMigration migration;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.builder().start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void connect() {
    cluster.flushAll();
    rekord = Rekord.builder().url(cluster.seedUrl()).engine(Engine.PORTABLE).build();
    rekord.migrate();
  }

  @AfterEach
  void close() {
    if (rekord != null) {
      rekord.close();
    }
    if (migration != null) {
      migration.close(); // a failed test leaves no slot half migrated for the next
    }
  }

  @Test
  void aJsonDocumentSavedWhileItsSlotMigratesIsWrittenNotLost() {
    NoteRepository notes = new NoteRepository(rekord);
    for (int i = 0; i < 40; i++) {
      notes.save(new Note("n" + i, null, "text" + (i % 2)));
    }
    List<String> ids = idsInOneSlot("n", 2);
    beginMigration(ids.get(0));

    Note first = notes.findById(ids.get(0)).orElseThrow();
    notes.save(new Note(first.id(), first.version(), first.text()));            // one document
    notes.saveAll(ids.stream().map(id -> notes.findById(id).orElseThrow())      // several, one call
        .map(note -> new Note(note.id(), note.version(), note.text())).toList());

    migration.complete();
    for (String id : ids) {
      Note note = notes.findById(id).orElseThrow(() -> new AssertionError(id + " was lost"));
      assertEquals(id.equals(first.id()) ? 3 : 2, note.version(), id);
    }
    assertEquals(20, notes.find(Note_.text.eq("text0")).count());
    assertEquals(20, notes.find(Note_.text.eq("text1")).count());
  }

  @Test
  void anExpiringHashSavedWhileItsSlotMigratesKeepsNoFieldOfItsFormerSelf() {
    MemberRepository members = new MemberRepository(rekord);
    for (int i = 0; i < 40; i++) {
      members.save(member("m" + i, List.of("a", "b")), Duration.ofHours(1));
    }
    List<String> ids = idsInOneSlot("m", 3);
    members.save(member(ids.get(2), null), Duration.ofHours(1)); // the slot's key of null tags exists
    beginMigration(ids.get(0));

    // index entries in keys the slot holds (so the script runs on the source), one field fewer
    members.save(member(ids.get(0), null), Duration.ofHours(1));
    members.saveAll(List.of(member(ids.get(0), List.of("a", "b")), member(ids.get(1), null)), Duration.ofHours(2));

    migration.complete();
    assertEquals(List.of("a", "b"), members.findById(ids.get(0)).orElseThrow().tags());
    assertEquals(null, members.findById(ids.get(1)).orElseThrow().tags(), "no field of the former document is left");
    assertTrue(members.ttl(ids.get(1)).orElseThrow().compareTo(Duration.ofMinutes(61)) > 0, "the new time to live");
    assertEquals(40, members.find(Member_.age.gte(0)).count());
    assertEquals(38, members.find(Member_.tags.contains("a")).count());
  }

  /**
   * An index entry a save removes lives in a key the script does not name (only the old manifest
   * does): when that key has already moved to the target, the save must not be half done on the
   * source — it waits, whole, for the migration to end.
   */
  @Test
  void aSaveWhoseStaleEntryHasMovedWaitsForTheMigrationInsteadOfLeavingTheEntry() throws Exception {
    MemberRepository members = new MemberRepository(rekord);
    for (int i = 0; i < 40; i++) {
      members.save(member("m" + i, List.of("a", "b")), Duration.ofHours(1)); // manifests in keys
    }
    List<String> ids = idsInOneSlot("m", 2);
    members.save(member(ids.get(1), List.of("c")), Duration.ofHours(1)); // the slot's key of tag c exists
    beginMigration(ids.get(0));
    moveTagKey("b");

    RedisServer source = migration.source();
    String document = members.keyOf(ids.get(0));
    Object before = source.command("HGETALL", document);
    CompletableFuture<Member> saved = CompletableFuture.supplyAsync(
        () -> members.save(member(ids.get(0), List.of("a", "c")), Duration.ofHours(1)));
    Thread.sleep(300); // the save is refused and retried meanwhile
    assertEquals(before, source.command("HGETALL", document), "nothing written while the save waits");
    migration.complete();
    saved.get(10, TimeUnit.SECONDS);

    assertEquals(List.of("a", "c"), members.findById(ids.get(0)).orElseThrow().tags());
    assertFalse(members.find(Member_.tags.contains("b")).ids().contains(ids.get(0)), "no entry left in tag b");
    assertTrue(members.find(Member_.tags.contains("c")).ids().contains(ids.get(0)));
    IndexReport report = members.verifyIndex();
    assertTrue(report.consistent(), report.toString());
  }

  /**
   * {@code saveAll} of plain hashes (no expiry: manifests in the hashes) is one transaction per
   * bucket — {@code index.lua} reading the old manifests and removing stale entries, then plain
   * commands writing the documents and new entries — which names a key of the slot that never
   * exists. While the slot migrates Redis refuses it whole, even with every key it writes still on
   * the source and one stale entry's key already moved (its script would stop there, the commands
   * after it still running): it waits for the migration's end, then runs whole.
   */
  @Test
  void aPlainSaveAllWaitsWholeWhileItsSlotMigrates() throws Exception {
    MemberRepository members = new MemberRepository(rekord);
    for (int i = 0; i < 40; i++) {
      members.save(member("m" + i, List.of("a", "b")));
    }
    List<String> ids = idsInOneSlot("m", 3);
    members.save(member(ids.get(1), List.of("c"))); // every key the saves write exists on the source:
    members.save(member(ids.get(2), null)); // tag c's, and that of null tags
    beginMigration(ids.get(0));
    moveTagKey("b");

    RedisServer source = migration.source();
    String document = members.keyOf(ids.get(0));
    Object before = source.command("HGETALL", document);
    CompletableFuture<List<Member>> saved = CompletableFuture.supplyAsync(
        () -> members.saveAll(List.of(member(ids.get(0), List.of("a", "c")), member(ids.get(1), null))));
    Thread.sleep(300); // refused and retried meanwhile
    assertEquals(before, source.command("HGETALL", document), "nothing written while the saves wait");
    migration.complete();
    saved.get(10, TimeUnit.SECONDS);

    assertEquals(List.of("a", "c"), members.findById(ids.get(0)).orElseThrow().tags());
    assertEquals(null, members.findById(ids.get(1)).orElseThrow().tags());
    assertEquals(37, members.find(Member_.tags.contains("b")).count());
    assertEquals(List.of(ids.get(0)), members.find(Member_.tags.contains("c")).ids());
    IndexReport report = members.verifyIndex();
    assertTrue(report.consistent(), report.toString());
  }

  /**
   * A save of an entity without an id writes the new document with plain commands in one
   * transaction, no script (no document can have the id just generated). While the slot of its
   * bucket migrates, Redis refuses it whole, its document key not being on the source: it waits
   * for the migration's end, then runs whole. Saves of new ids in other slots go on meanwhile.
   */
  @Test
  void aSaveOfANewIdWaitsWholeWhileItsSlotMigrates() throws Exception {
    MemberRepository members = new MemberRepository(rekord);
    String migrating = savedAndMigrating(members);
    int slot = JedisClusterCRC16.getSlot(migrating);
    List<Member> saved = Collections.synchronizedList(new ArrayList<>());
    Member last = waitsForTheMigration(() -> {
      for (int i = 0; i < 10_000; i++) { // new ids fall in every bucket: until one is in the migrating slot
        Member member = members.save(member(null, List.of("new")));
        saved.add(member);
        if (JedisClusterCRC16.getSlot(members.keyOf(member.id())) == slot) {
          return member;
        }
      }
      throw new AssertionError("no new id fell in slot " + slot);
    });

    assertEquals(last, members.findById(last.id()).orElseThrow());
    assertEquals(saved.size(), members.find(Member_.tags.contains("new")).count());
    assertTrue(members.find(Member_.tags.contains("new")).ids().contains(last.id()));
    IndexReport report = members.verifyIndex();
    assertTrue(report.consistent(), report.toString());
  }

  /** The same for {@code saveAll} of new entities: one such transaction per bucket, the migrating one's waiting. */
  @Test
  void aSaveAllOfNewIdsWaitsWholeWhileOneOfTheirSlotsMigrates() throws Exception {
    MemberRepository members = new MemberRepository(rekord);
    String migrating = savedAndMigrating(members);
    List<Member> fresh = IntStream.range(0, 200).mapToObj(i -> member(null, List.of("new"))).toList();
    List<Member> all = waitsForTheMigration(() -> members.saveAll(fresh));

    int slot = JedisClusterCRC16.getSlot(migrating);
    assertTrue(all.stream().anyMatch(m -> JedisClusterCRC16.getSlot(members.keyOf(m.id())) == slot),
        "a new id in the migrating slot");
    assertEquals(200, members.find(Member_.tags.contains("new")).count());
    assertEquals(240, members.count());
    IndexReport report = members.verifyIndex();
    assertTrue(report.consistent(), report.toString());
  }

  /** The same for a delete: its document and entries stay whole until it can remove them all. */
  @Test
  void aDeleteWhoseEntryHasMovedWaitsForTheMigrationInsteadOfLeavingEntries() throws Exception {
    MemberRepository members = new MemberRepository(rekord);
    for (int i = 0; i < 40; i++) {
      members.save(member("m" + i, List.of("a", "b")), Duration.ofHours(1));
    }
    List<String> ids = idsInOneSlot("m", 1);
    beginMigration(ids.get(0));
    List<String> keys = migration.keys(1000);
    migration.move(keys.stream().filter(key -> key.contains("tags") && key.endsWith("b")).toList());
    List<String> tagA = keys.stream().filter(key -> key.contains("tags") && key.endsWith("a")).toList();
    assertEquals(1, tagA.size(), keys.toString());

    CompletableFuture<Boolean> deleted = CompletableFuture.supplyAsync(
        () -> members.deleteById(ids.get(0)));
    Thread.sleep(300); // the delete is refused and retried meanwhile
    assertEquals("0", String.valueOf(migration.source().command("ZSCORE", tagA.get(0), ids.get(0))),
        "no entry removed while it waits");
    migration.complete();
    assertTrue(deleted.get(10, TimeUnit.SECONDS));

    assertFalse(members.existsById(ids.get(0)));
    assertEquals(39, members.find(Member_.tags.contains("b")).count());
    assertEquals(39, members.find(Member_.tags.contains("a")).count());
    IndexReport report = members.verifyIndex();
    assertTrue(report.consistent(), report.toString());
  }

  private static Member member(String id, List<String> tags) {
    return new Member(id, "Oslo", LocalDate.of(2024, 1, 1), 30, tags, null);
  }

  /** {@code count} ids (with {@code prefix}) of saved documents whose keys share one slot. */
  private static List<String> idsInOneSlot(String prefix, int count) {
    Map<Integer, List<String>> bySlot = new TreeMap<>();
    for (RedisServer master : cluster.masters()) {
      for (Object key : (List<?>) master.command("KEYS", "{*}:" + prefix + "*")) {
        String name = String.valueOf(key);
        bySlot.computeIfAbsent(JedisClusterCRC16.getSlot(name), slot -> new ArrayList<>())
            .add(name.substring(name.indexOf("}:") + 2));
      }
    }
    List<String> ids = bySlot.values().stream().filter(list -> list.size() >= count).findFirst()
        .orElseThrow(() -> new AssertionError("no slot holds " + count + " documents: " + bySlot));
    return ids.stream().sorted().limit(count).toList();
  }

  /** 40 members saved, then the slot of one of them beginning to migrate: that member's document key. */
  private String savedAndMigrating(MemberRepository members) {
    for (int i = 0; i < 40; i++) {
      members.save(member("m" + i, List.of("a")));
    }
    String migrating = members.keyOf(idsInOneSlot("m", 1).get(0));
    beginMigration(migrating.substring(migrating.indexOf("}:") + 2));
    return migrating;
  }

  /**
   * Runs {@code saves} on another thread, which must still wait 300 ms later (refused and retried:
   * its transaction names a key of the migrating slot) with nothing of the slot changed; then
   * completes the migration and returns what {@code saves} returned.
   */
  private <T> T waitsForTheMigration(Supplier<T> saves) throws Exception {
    Map<String, String> before = slotContents();
    CompletableFuture<T> saved = CompletableFuture.supplyAsync(saves);
    Thread.sleep(300);
    assertFalse(saved.isDone(), "the saves in the migrating slot wait");
    assertEquals(before, slotContents(), "nothing written in the slot while they wait");
    migration.complete();
    return saved.get(10, TimeUnit.SECONDS);
  }

  /** Each key of the migrating slot still on the source, with its type and size. */
  private Map<String, String> slotContents() {
    RedisServer source = migration.source();
    Map<String, String> contents = new TreeMap<>();
    for (String key : migration.keys(1000)) {
      String type = String.valueOf(source.command("TYPE", key));
      Object size = switch (type) {
        case "zset" -> source.command("ZCARD", key);
        case "hash" -> source.command("HLEN", key);
        default -> source.command("STRLEN", key);
      };
      contents.put(key, type + " " + size);
    }
    return contents;
  }

  /** Moves the migrating slot's key of the tag {@code tag} (there is one) to the target, ahead of the others. */
  private void moveTagKey(String tag) {
    List<String> keys = migration.keys(1000).stream().filter(key -> key.contains("tags") && key.endsWith(tag)).toList();
    assertEquals(1, keys.size(), "the key of tag " + tag + ": " + migration.keys(1000));
    migration.move(keys);
  }

  /** Begins moving the slot of the document {@code id} to another master, no key moved. */
  private void beginMigration(String id) {
    List<Integer> slots = new ArrayList<>();
    for (RedisServer master : cluster.masters()) {
      for (Object key : (List<?>) master.command("KEYS", "{*}:" + id)) {
        slots.add(JedisClusterCRC16.getSlot(String.valueOf(key)));
      }
    }
    assertEquals(1, slots.size(), slots.toString());
    RedisServer source = cluster.masterOf(slots.get(0));
    migration = cluster.beginSlotMigration(slots.get(0),
        cluster.masters().stream().filter(m -> m.port() != source.port()).findFirst().orElseThrow());
  }
}
