package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import dev.rekord.exception.QueryException;
import dev.rekord.internal.connection.ConnectionSettings;
import dev.rekord.internal.connection.Connections;
import dev.rekord.internal.connection.RedisNode;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ScriptCall;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.internal.engine.portable.Doc.Doc_;
import dev.rekord.internal.engine.portable.EngineProtocol.Form;
import dev.rekord.metamodel.SortableStringField;
import dev.rekord.query.DistanceUnit;
import dev.rekord.test.RedisExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.UnifiedJedis;

class IndexMaintenanceTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private final KeyLayout layout = KeyLayout.of("doc");
  private final KeyLayout.Bucket keys = layout.bucket(0);
  private RedisConnection connection;
  private UnifiedJedis jedis;
  private IndexWriter writer;
  private PortableQueries engine;

  @BeforeEach
  void connect() {
    connection = open(redis.server().host(), redis.server().port());
    jedis = connection.unwrap(UnifiedJedis.class);
    writer = new IndexWriter(connection, layout);
    engine = new PortableQueries(connection, layout);
  }

  @AfterEach
  void close() {
    connection.close();
  }

  static RedisConnection open(String host, int port) {
    return Connections.open(new ConnectionSettings(
        List.of(new RedisNode(host, port)), null, null, 0, false, null, null, 0, null));
  }

  private void save(Doc doc) {
    save(doc, Duration.ZERO);
  }

  private void save(Doc doc, Duration ttl) {
    writer.saveHash(doc.id(), Map.of("id", doc.id()), ttl, doc.entries());
  }

  private static Doc doc(String id, String city, Integer age) {
    return new Doc(id, city, "Norway", age, LocalDate.of(1960, 5, 17), Instant.parse("2024-05-01T10:15:30.123456789Z"),
        "Fast data-base, naïve café", GeoPoint.of(10.75, 59.91), List.of("Red", "blue"));
  }

  private Set<String> indexKeys() {
    return new TreeSet<>(jedis.keys(keys.indexKeyPattern()));
  }

  @Test
  void theManifestNamesExactlyTheEntriesOfItsDocument() {
    // values with the manifest's own separators, digits, multi-byte characters and the byte 0
    String city = "4:Zürich=9:\u0000é";
    save(doc("id:7=", city, 30), Duration.ofMinutes(1));
    String manifest = jedis.get(keys.manifest("id:7="));
    Set<String> listed = new TreeSet<>();
    for (Manifest.Entry entry : Manifest.entries(manifest, keys, "id:7=")) {
      listed.add(entry.key() + " " + entry.member());
    }
    Set<String> present = new TreeSet<>();
    for (String key : indexKeys()) {
      if (key.equals(keys.all()) || key.startsWith(keys.manifestPrefix())) {
        continue;
      }
      for (String member : jedis.zrange(key, 0, -1)) {
        present.add(key + " " + member);
      }
    }
    assertEquals(present, listed);
    // the member holds the value escaped: "\0" as "\1\1", so its first byte 0 ends the value
    assertTrue(listed.contains(keys.lex("city") + " 4:Zürich=9:\u0001\u0001é\u0000id:7="), listed.toString());
    assertTrue(manifest.length() < 400, manifest); // key suffixes only, not full key names

    save(doc("id:7=", "Oslo", null)); // no expiry, no age: those entries leave with the manifest's
    assertEquals(0, jedis.zcard(keys.expiring()));
    assertEquals(0, jedis.zcard(keys.lex("city")) - 1);
    assertFalse(jedis.get(keys.manifest("id:7=")).contains("ttl"));
  }

  /** The hash field or the manifest key, whichever holds the manifest of {@code id} (never both). */
  private String manifestOf(String id) {
    String inDocument = jedis.hget(keys.documentKey(id), KeyLayout.MANIFEST_FIELD);
    String inKey = jedis.get(keys.manifest(id));
    assertFalse(inDocument != null && inKey != null, "both the document and the key hold the manifest of " + id);
    return inDocument != null ? inDocument : inKey;
  }

  private void saveCity(String id, String city, Duration ttl) {
    writer.saveHash(id, Map.of("id", id), ttl, IndexEntries.create().tag(Doc.CITY, city));
  }

  @Test
  void theManifestMovesBetweenTheDocumentAndItsKeyAndTheIndexStaysExact() {
    saveCity("1", "oslo", Duration.ZERO); // short, no expiry: in the document
    assertEquals("lcity:4:oslo", jedis.hget(keys.documentKey("1"), KeyLayout.MANIFEST_FIELD));
    assertEquals(Set.of(keys.all(), keys.lex("city")), indexKeys());

    saveCity("1", "bergen", Duration.ofMinutes(1)); // expires: in its key, which outlives the document
    assertEquals(null, jedis.hget(keys.documentKey("1"), KeyLayout.MANIFEST_FIELD));
    assertEquals("lcity:6:bergenX:", jedis.get(keys.manifest("1")));
    assertEquals(List.of("bergen\u00001"), jedis.zrange(keys.lex("city"), 0, -1));

    saveCity("1", "rome", Duration.ZERO); // back into the document; the key and the expiring entry go
    assertEquals(Map.of("id", "1", KeyLayout.MANIFEST_FIELD, "lcity:4:rome"), jedis.hgetAll(keys.documentKey("1")));
    assertEquals(Set.of(keys.all(), keys.lex("city")), indexKeys());
    assertEquals(List.of("rome\u00001"), jedis.zrange(keys.lex("city"), 0, -1));

    save(doc("1", "Oslo", 30)); // a manifest longer than a compact hash value: in its key
    assertTrue(manifestOf("1").length() > Manifest.MAX_IN_DOCUMENT);
    assertEquals(null, jedis.hget(keys.documentKey("1"), KeyLayout.MANIFEST_FIELD));
    saveCity("1", "rome", Duration.ZERO); // every entry of the long one removed exactly
    assertEquals(Set.of(keys.all(), keys.lex("city")), indexKeys());
    assertEquals(List.of("rome\u00001"), jedis.zrange(keys.lex("city"), 0, -1));
    assertTrue(IndexVerifier.verify(connection, layout).consistent());

    assertTrue(writer.delete("1"));
    assertEquals(Set.of(), jedis.keys("*"));
  }

  @Test
  void aDocumentDeletedBehindTheIndexsBackKeepsItsManifestOnlyWhenItExpires() throws InterruptedException {
    saveCity("short", "oslo", Duration.ofMillis(50));
    saveCity("long", "oslo", Duration.ZERO);
    Thread.sleep(120);
    // the expired document's entries are found through its manifest key and removed by the query
    assertEquals(List.of("long"), engine.ids(Doc_.city.eq("oslo"), List.of(), 0, 10));
    assertEquals(List.of("oslo\u0000long"), jedis.zrange(keys.lex("city"), 0, -1));
    assertEquals(Set.of(keys.all(), keys.lex("city")), indexKeys());
  }

  @Test
  void saveAllJoinsTheDocumentsOfABucketIntoFewScriptCallsEachExact() {
    KeyLayout four = KeyLayout.of("doc", 4);
    IndexWriter bucketed = new IndexWriter(connection, four);
    List<ScriptCall> calls = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      String id = "d" + i;
      calls.add(bucketed.saveHashCall(id, Map.of("id", id), i % 10 == 0 ? Duration.ofMinutes(1) : Duration.ZERO,
          IndexEntries.create().tag(Doc.CITY, "c" + (i % 3)).numeric(Doc.AGE, i)));
    }
    // the same id twice in one batch: the later save wins, the earlier one's entries go
    calls.add(bucketed.saveHashCall("d1", Map.of("id", "d1"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "z")));
    long before = evalshaCalls();
    long transactions = calls("multi");
    bucketed.saveAll(calls);
    // save.lua's calls: each transaction's index.lua goes by its SHA too, right after its SCRIPT LOAD
    long scripts = evalshaCalls() - before - (calls("multi") - transactions);
    assertTrue(scripts >= 4 && scripts <= 4 + 250 / IndexWriter.SAVE_TOGETHER + 1, "script calls: " + scripts);

    KeyLayout.Bucket bucket = four.bucketFor("d1");
    assertEquals("lcity:1:z", jedis.hget(bucket.documentKey("d1"), KeyLayout.MANIFEST_FIELD));
    assertEquals(null, jedis.zscore(bucket.numeric("age"), "d1"));
    assertEquals(null, jedis.zscore(bucket.lex("city"), "c1\u0000d1"));
    assertEquals(0.0, jedis.zscore(bucket.lex("city"), "z\u0000d1"));
    assertEquals(null, jedis.get(bucket.manifest("d1")));
    assertTrue(jedis.get(four.bucketFor("d10").manifest("d10")).endsWith("X:"));
    long indexed = 0;
    for (int b = 0; b < 4; b++) {
      indexed += jedis.zcard(four.bucket(b).all());
    }
    assertEquals(250, indexed);
    var report = IndexVerifier.verify(connection, four);
    assertTrue(report.consistent(), report.toString());
  }

  /**
   * In both layouts: in the compact one {@code index.lua} also adds the ids and the compact entries,
   * from the new manifests (no plain command can add to a compact set).
   */
  @ParameterizedTest(name = "compact {0}")
  @ValueSource(booleans = {false, true})
  void saveAllWritesPlainHashDocumentsInTransactionsAndLeavesWhatOneSaveAtATimeLeaves(boolean compact)
      throws InterruptedException {
    String together = compact ? "compact-together" : "batched";
    String apart = compact ? "compact-apart" : "single";
    KeyLayout batched = KeyLayout.of(together, 1, compact);
    KeyLayout single = KeyLayout.of(apart, 1, compact);
    storeBefore(batched, single);
    List<Function<IndexWriter, ScriptCall>> saves = overBefore();

    IndexWriter joined = new IndexWriter(connection, batched);
    List<ScriptCall> calls = new ArrayList<>();
    saves.forEach(save -> calls.add(save.apply(joined)));
    long multi = calls("multi");
    long evalsha = evalshaCalls();
    joined.saveAll(calls);
    // the plain saves of a bucket, until the repeated "c", in one transaction; then "c" again in a
    // second; each runs index.lua by its SHA ("t" expires: one save.lua call)
    assertEquals(2, calls("multi") - multi);
    assertEquals(2 + 1, evalshaCalls() - evalsha);

    // no document of the call exists: the old manifest of the expired one is still found
    joined.saveAll(List.of(joined.saveHashCall("x", Map.of("id", "x"), Duration.ZERO, IndexEntries.create()),
        joined.saveHashCall("y", Map.of("id", "y"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "oslo"))));

    IndexWriter alone = new IndexWriter(connection, single);
    saves.forEach(save -> alone.save(save.apply(alone)));
    alone.save(alone.saveHashCall("x", Map.of("id", "x"), Duration.ZERO, IndexEntries.create()));
    alone.save(alone.saveHashCall("y", Map.of("id", "y"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "oslo")));

    assertEquals(stored(apart), stored(together));
    String city = compact ? "kcity" : "lcity";
    assertEquals(Map.of("id", "c", "y", "2", KeyLayout.MANIFEST_FIELD, city + ":4:rome"),
        jedis.hgetAll(batched.documentKey("c")));
    assertEquals(null, jedis.get(batched.bucketFor("a").manifest("a")));
    assertTrue(jedis.get(batched.bucketFor("l").manifest("l")).contains(city + ":6:Bergen"));
    assertEquals(null, jedis.get(batched.bucketFor("x").manifest("x")));
    if (compact) { // the ids and compact entries are in chunks: the stored keys above equal one save at a time's
      assertTrue(jedis.exists(batched.bucketFor("f").all() + "#count"));
    } else {
      assertEquals(null, jedis.zscore(batched.bucketFor("u").lex("city"), "tromsø\u0000u"));
      assertEquals(null, jedis.zscore(batched.bucketFor("x").lex("city"), "oslo\u0000x"));
    }
    var report = IndexVerifier.verify(connection, batched);
    assertTrue(report.consistent(), report.toString());
  }

  /**
   * In each of {@code layouts}, what {@link #overBefore()}'s saves meet: a document that expires
   * (manifest in its key), one with a long manifest (in its key), one with a field the next save
   * drops, a key of another type where a document goes, one that has just expired (its manifest key
   * and entries still there), a value of two-byte characters (index.lua's manifests travel as one
   * argument, each after its length in bytes) and a long manifest that stays long.
   */
  private void storeBefore(KeyLayout... layouts) throws InterruptedException {
    for (KeyLayout layout : layouts) {
      IndexWriter one = new IndexWriter(connection, layout);
      one.saveHash("a", Map.of("id", "a"), Duration.ofMinutes(1), IndexEntries.create().tag(Doc.CITY, "oslo"));
      one.saveHash("b", Map.of("id", "b"), Duration.ZERO, doc("b", "Oslo", 30).entries());
      one.saveHash("c", Map.of("id", "c", "x", "1"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "oslo"));
      jedis.set(layout.documentKey("s"), "not a hash");
      one.saveHash("x", Map.of("id", "x"), Duration.ofMillis(1), IndexEntries.create().tag(Doc.CITY, "oslo"));
      one.saveHash("u", Map.of("id", "u"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "tromsø"));
      one.saveHash("l", Map.of("id", "l"), Duration.ZERO, doc("l", "Oslo", 30).entries());
    }
    Thread.sleep(20); // "x" expired, its manifest key (and its entries) still there
  }

  /** Saves over {@link #storeBefore}'s documents, all plain but "t" (it expires); "c" twice, the second with another field. */
  private static List<Function<IndexWriter, ScriptCall>> overBefore() {
    return List.of(
        w -> w.saveHashCall("a", Map.of("id", "a"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "rome")),
        w -> w.saveHashCall("u", Map.of("id", "u"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "bodø")),
        w -> w.saveHashCall("l", Map.of("id", "l"), Duration.ZERO, doc("l", "Bergen", 30).entries()),
        w -> w.saveHashCall("b", Map.of("id", "b"), Duration.ZERO, IndexEntries.create().numeric(Doc.AGE, 7)),
        w -> w.saveHashCall("c", Map.of("id", "c"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "bergen")),
        w -> w.saveHashCall("s", Map.of("id", "s"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "oslo")),
        w -> w.saveHashCall("f", Map.of("id", "f"), Duration.ZERO, doc("f", "Rome", 40).entries()),
        w -> w.saveHashCall("t", Map.of("id", "t"), Duration.ofMinutes(1), IndexEntries.create().tag(Doc.CITY, "rome")),
        w -> w.saveHashCall("c", Map.of("id", "c", "y", "2"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "rome")));
  }

  /**
   * A plain save ({@code save_plain.lua}: fewer arguments, fewer functions) leaves what the general
   * save script leaves ({@code save.lua}, which every conditional, versioned, expiring and joined
   * save runs), over every kind of stored state {@link #storeBefore} makes.
   */
  @Test
  void aPlainSaveLeavesWhatTheGeneralSaveScriptLeaves() throws InterruptedException {
    KeyLayout plainLayout = KeyLayout.of("plain", 1, false);
    KeyLayout generalLayout = KeyLayout.of("general", 1, false);
    storeBefore(plainLayout, generalLayout);
    jedis.scriptFlush();
    List<Function<IndexWriter, ScriptCall>> saves = new ArrayList<>(overBefore());
    // the expired document saved with no entries, an update that changes one score of several
    saves.add(w -> w.saveHashCall("x", Map.of("id", "x"), Duration.ZERO, IndexEntries.create()));
    saves.add(w -> w.saveHashCall("f", Map.of("id", "f"), Duration.ZERO, doc("f", "Rome", 41).entries()));
    IndexWriter plain = new IndexWriter(connection, plainLayout);
    saves.forEach(save -> assertEquals(Optional.empty(), plain.save(save.apply(plain))));
    assertEquals(List.of(true), jedis.scriptExists(List.of(EngineScripts.standard().savePlain.sha())),
        "the plain saves ran save_plain.lua");
    IndexWriter general = new IndexWriter(connection, generalLayout);
    saves.forEach(save -> assertEquals(List.of(), general.writeTogether(List.of(save.apply(general)))));

    assertEquals(stored("general"), stored("plain"));
    assertEquals(Map.of("id", "c", "y", "2", KeyLayout.MANIFEST_FIELD, "lcity:4:rome"),
        jedis.hgetAll(plainLayout.documentKey("c")));
    assertEquals(Map.of("id", "s", KeyLayout.MANIFEST_FIELD, "lcity:4:oslo"), jedis.hgetAll(plainLayout.documentKey("s")));
    assertEquals(-1, jedis.pttl(plainLayout.documentKey("a")), "the expiry of the document saved before is gone");
    assertEquals(null, jedis.get(plainLayout.bucketFor("a").manifest("a")));
    assertEquals(List.of("t"), jedis.zrange(plainLayout.bucketFor("t").expiring(), 0, -1));
    var report = IndexVerifier.verify(connection, plainLayout);
    assertTrue(report.consistent(), report.toString());
  }

  /**
   * A document written by someone else (no manifest, its id in no set of all ids) and then given an
   * expiry gets only the expiry: no expiring entry (which would make every query of its bucket
   * sweep, and tell the change feed it was gone) and no manifest key. Once it has expired, a save of
   * its id is a fresh document's; one Rekord saved keeps its expiring entry as before.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anExpiryGivenToADocumentWrittenBySomeoneElseLeavesTheIndexAlone(boolean compact) throws InterruptedException {
    KeyLayout layout = KeyLayout.of("doc", 1, compact);
    KeyLayout.Bucket keys = layout.bucket(0);
    IndexWriter writer = new IndexWriter(connection, layout);
    jedis.hset(keys.documentKey("1"), Map.of("id", "1"));
    Set<String> before = new TreeSet<>(jedis.keys("{doc}*"));
    assertTrue(writer.expire("1", Form.HASH, null, EngineProtocol.Expire.IN, 30));
    long ttl = jedis.pttl(keys.documentKey("1"));
    assertTrue(ttl > 0 && ttl <= 30, "its expiry is set: " + ttl);
    assertEquals(before, new TreeSet<>(jedis.keys("{doc}*")), "no key written but the document's expiry");
    assertEquals(0, jedis.zcard(keys.expiring()));
    Thread.sleep(60); // expired
    writer.saveHash("1", Map.of("id", "1"), Duration.ZERO, IndexEntries.create().tag(Doc.CITY, "oslo"));
    assertEquals(List.of("1"), new PortableQueries(connection, layout).ids(Doc_.city.eq("oslo"), List.of(), 0, 10));

    // a document Rekord saved, without entries and so without a manifest, is in the set of all ids
    writer.saveHash("2", Map.of("id", "2"), Duration.ZERO, IndexEntries.create());
    assertTrue(writer.expire("2", Form.HASH, null, EngineProtocol.Expire.IN, 60_000));
    assertEquals(List.of("2"), jedis.zrange(keys.expiring(), 0, -1));
    var report = IndexVerifier.verify(connection, layout);
    assertTrue(report.consistent(), report.toString());
  }

  /**
   * {@code save_plain.lua} checks its arguments against its keys before it writes anything: a script
   * that fails half-way keeps its writes.
   */
  @Test
  void aPlainSaveWhoseArgumentsDoNotMatchItsKeysWritesNothing() {
    ScriptCall call = ScriptCalls.plainSave(writer.saveHashCall("1", Map.of("id", "1"), Duration.ZERO,
        IndexEntries.create().tag(Doc.CITY, "oslo").numeric(Doc.AGE, 3)));
    LuaScript script = EngineScripts.standard().savePlain;
    List<String> oneKeyShort = call.keys().subList(0, call.keys().size() - 1);
    List<String> unknownOp = new ArrayList<>(call.args());
    unknownOp.set(unknownOp.indexOf("score"), "rank");
    List<String> entriesShort = call.args().subList(0, call.args().size() - 1);
    // a field without its value, n still saying where the entries start
    List<String> oddFields = new ArrayList<>(call.args());
    oddFields.remove(4);
    oddFields.set(2, Integer.toString(Integer.parseInt(oddFields.get(2)) - 1));
    jedis.set(keys.documentKey("1"), "a key of another type, which a save deletes");
    for (var bad : List.of(new ScriptCall(oneKeyShort, call.args()), new ScriptCall(call.keys(), unknownOp),
        new ScriptCall(call.keys(), entriesShort), new ScriptCall(call.keys(), oddFields))) {
      assertThrows(RuntimeException.class, () -> connection.eval(script, bad.keys(), bad.args()), bad.toString());
      assertEquals(Set.of(keys.documentKey("1")), jedis.keys("*"));
      assertEquals("string", jedis.type(keys.documentKey("1")));
    }
    connection.eval(script, call.keys(), call.args());
    assertEquals(Map.of("id", "1", KeyLayout.MANIFEST_FIELD, "lcity:4:osloNage:"), jedis.hgetAll(keys.documentKey("1")));
  }

  /** Every key of {@code prefix}'s model and what it holds (the expiring ids without their times), the prefix cut off. */
  private Map<String, Object> stored(String prefix) {
    Map<String, Object> stored = new java.util.TreeMap<>();
    for (String key : jedis.keys("*" + prefix + "*")) {
      Object value = switch (jedis.type(key)) {
        case "hash" -> jedis.hgetAll(key);
        case "zset" -> key.endsWith(KeyLayout.EXPIRING) ? jedis.zrange(key, 0, -1) // scored by expiry time
            : jedis.zrangeWithScores(key, 0, -1).toString();
        case "string" -> jedis.get(key);
        default -> jedis.type(key);
      };
      stored.put(key.replace(prefix, "<model>"), value);
    }
    return stored;
  }

  private long calls(String command) {
    for (String line : jedis.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_" + command + ":")) {
        return Long.parseLong(line.replaceAll("^cmdstat_" + java.util.regex.Pattern.quote(command) + ":calls=(\\d+),.*", "$1"));
      }
    }
    return 0;
  }

  /** The script calls run (a first call of a script the server has not seen fails NOSCRIPT and is sent again). */
  private long evalshaCalls() {
    for (String line : jedis.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:")) {
        long calls = Long.parseLong(line.replaceAll("^cmdstat_evalsha:calls=(\\d+),.*", "$1"));
        return calls - Long.parseLong(line.replaceAll("^.*,failed_calls=(\\d+).*$", "$1"));
      }
    }
    return 0;
  }

  @Test
  void changedTagMovesTheIdBetweenSets() {
    save(doc("1", "Oslo", 30));
    save(doc("1", "Bergen", 31));

    // a single-valued tag has only its lexical entry: no id set per value
    assertFalse(jedis.exists(keys.tag("city", "Oslo")));
    assertFalse(jedis.exists(keys.tag("city", "Bergen")));
    assertEquals(List.of("Bergen\u00001"), jedis.zrange(keys.lex("city"), 0, -1));
    assertEquals(31.0, jedis.zscore(keys.numeric("age"), "1"));
    assertEquals(List.of(), engine.ids(Doc_.city.eq("Oslo"), List.of()));
    assertEquals(List.of("1"), engine.ids(Doc_.city.eq("Bergen"), List.of()));
    assertEquals(List.of("1"), engine.ids(Doc_.city.startsWith("Ber"), List.of()));
    assertEquals(List.of(), engine.ids(Doc_.city.startsWith("Os"), List.of()));
  }

  @Test
  void aValueHoldingTheByteZeroStaysApartFromItsPrefix() {
    save(doc("1", "a", 30));
    save(doc("2", "a\u0000b", 31));
    save(doc("3", "a", 32));
    save(doc("4", "a\u0000", 33));

    // the bytes 0 and 1 of a value are escaped (\1\1, \1\2): a member's first byte 0 ends its
    // value, and the members still sort by value, then id
    assertEquals(List.of("a\u00001", "a\u00003", "a\u0001\u0001\u00004", "a\u0001\u0001b\u00002"),
        jedis.zrange(keys.lex("city"), 0, -1));
    assertEquals(List.of("1", "3"), engine.ids(Doc_.city.eq("a"), List.of()));
    assertEquals(2, engine.count(Doc_.city.eq("a")));
    assertEquals(List.of("2"), engine.ids(Doc_.city.eq("a\u0000b"), List.of()));
    assertEquals(1, engine.count(Doc_.city.eq("a\u0000b")));
    assertEquals(List.of("4"), engine.ids(Doc_.city.eq("a\u0000"), List.of()));
    assertEquals(List.of("2", "4"), engine.ids(Doc_.city.ne("a"), List.of()));
    assertEquals(List.of("3"), engine.ids(Doc_.city.eq("a").and(Doc_.age.gt(30)), List.of()));
    assertEquals(List.of("1", "2", "3"), engine.ids(Doc_.city.in("a", "a\u0000b"), List.of()));

    save(doc("2", "c", 31));
    save(doc("4", "c", 33));
    assertEquals(List.of("a\u00001", "a\u00003", "c\u00002", "c\u00004"), jedis.zrange(keys.lex("city"), 0, -1));
    assertEquals(2, engine.count(Doc_.city.eq("a")));
    assertEquals(2, engine.count(Doc_.city.eq("c")));
  }

  @Test
  void nullValuesGoToTheNullSet() {
    save(doc("1", "Oslo", 30));
    save(new Doc("1", null, null, null, null, null, null, null, List.of()));

    for (String path : List.of("city", "country", "age", "born", "seen", "bio", "loc", "tags")) {
      assertEquals(Set.of("1"), new java.util.HashSet<>(jedis.zrange(keys.nulls(path), 0, -1)), path);
    }
    // eight short entries: the manifest fits in the document
    assertEquals("Zcity:Zcountry:Zage:Zborn:Zseen:Zbio:Zloc:Ztags:",
        jedis.hget(keys.documentKey("1"), KeyLayout.MANIFEST_FIELD));
    assertEquals(Set.of(keys.all(), keys.nulls("city"), keys.nulls("country"),
        keys.nulls("age"), keys.nulls("born"), keys.nulls("seen"), keys.nulls("bio"),
        keys.nulls("loc"), keys.nulls("tags")), indexKeys());
    assertEquals(List.of("1"), engine.ids(Doc_.age.isNull(), List.of()));
    assertEquals(List.of(), engine.ids(Doc_.age.isNotNull(), List.of()));
  }

  @Test
  void deleteLeavesNoIndexKeysBehind() {
    save(doc("1", "Oslo", 30));
    save(doc("2", "Oslo", 40));

    assertTrue(writer.delete("1"));
    assertTrue(writer.delete("2"));
    assertFalse(writer.delete("2"));

    assertEquals(Set.of(), indexKeys());
    assertEquals(Set.of(), jedis.keys("*"));
  }

  @Test
  void saveWithAnotherModelShapeLeavesNoStaleEntries() {
    save(doc("1", "Oslo", 30));
    // The same id saved by a model that indexes only a renamed field.
    IndexEntries other = IndexEntries.create().tag(
        new dev.rekord.model.IndexField("town", dev.rekord.model.IndexKind.TAG, false, true, false), "Oslo");
    writer.saveHash("1", Map.of("id", "1", "town", "Oslo"), Duration.ZERO, other);

    assertEquals(Set.of(keys.all(), keys.lex("town")), indexKeys());
    assertEquals(Map.of("id", "1", "town", "Oslo", KeyLayout.MANIFEST_FIELD, "ltown:4:Oslo"), jedis.hgetAll("{doc}:1"));
  }

  @Test
  void documentWrittenBySomeoneElseIsReplacedAndIndexed() {
    jedis.hset("{doc}:1", Map.of("id", "1", "stray", "x"));
    save(doc("1", "Oslo", 30));

    assertEquals(Map.of("id", "1"), jedis.hgetAll("{doc}:1"));
    assertEquals(1, engine.count(Doc_.city.eq("Oslo")));
  }

  @Test
  void expiredDocumentsAreDroppedAndCleanedUpByQueries() throws InterruptedException {
    save(doc("1", "Oslo", 30), Duration.ofMillis(50));
    save(doc("2", "Oslo", 40));
    assertTrue(jedis.pttl("{doc}:1") > 0);
    Thread.sleep(120);

    assertEquals(List.of("2"), engine.ids(Doc_.city.eq("Oslo"), List.of()));
    assertEquals(Set.of("2"), new java.util.HashSet<>(jedis.zrange(keys.all(), 0, -1)));
    assertFalse(jedis.exists(keys.manifest("1")));
    assertEquals(List.of("Oslo\u00002"), jedis.zrange(keys.lex("city"), 0, -1));
    assertEquals(1, engine.count(null));
  }

  @Test
  void countsLeaveOutExpiredDocumentsBeforeAnyQueryMetThem() throws InterruptedException {
    save(doc("1", "Oslo", 30), Duration.ofMillis(50));
    save(doc("2", "Oslo", 40));
    save(doc("3", "Oslo", 50), Duration.ofMinutes(5));
    assertEquals(Set.of("1", "3"), new java.util.HashSet<>(jedis.zrange(keys.expiring(), 0, -1)));
    Thread.sleep(120);

    assertEquals(2, engine.count(Doc_.city.eq("Oslo")));
    assertEquals(1, engine.count(Doc_.age.lt(45)));
    assertEquals(2, engine.count(null));
    save(doc("3", "Oslo", 50)); // saved again without an expiry: no longer expiring
    assertFalse(jedis.exists(keys.expiring()));
    assertEquals(2, engine.count(Doc_.city.eq("Oslo")));
  }

  @Test
  void jsonDocumentsAreWrittenAsText() {
    writer.saveJson("1", "{\"id\":\"1\"}", Duration.ofSeconds(60), doc("1", "Oslo", 3).entries());
    assertEquals("{\"id\":\"1\"}", jedis.get("{doc}:1"));
    assertTrue(jedis.pttl("{doc}:1") > 0);
    assertTrue(engine.exists(Doc_.age.lt(4)));
  }

  @Test
  void scriptsAreReloadedAfterAFlush() {
    save(doc("1", "Oslo", 30));
    jedis.scriptFlush();
    save(doc("2", "Oslo", 31));
    jedis.scriptFlush();
    assertEquals(List.of("2", "1"), engine.ids(Doc_.city.eq("Oslo"), List.of(Doc_.age.desc())));
  }

  @Test
  void valuesAreNeverCode() {
    String nasty = "x') redis.call('FLUSHALL') --\0\u00ff";
    save(doc("1", nasty, 30));
    assertEquals(List.of("1"), engine.ids(Doc_.city.eq(nasty), List.of()));
    assertEquals(List.of("1"), engine.ids(Doc_.city.startsWith("x')"), List.of()));
    assertEquals(1, jedis.dbSize() > 0 ? 1 : 0);
  }

  @Test
  void datesCompareAtMicrosecondPrecision() {
    save(doc("1", "Oslo", 30)); // seen = …30.123456789Z
    assertEquals(1, engine.count(Doc_.seen.eq(Instant.parse("2024-05-01T10:15:30.123456Z"))));
    assertEquals(0, engine.count(Doc_.seen.gt(Instant.parse("2024-05-01T10:15:30.123456001Z"))));
    assertEquals(1, engine.count(Doc_.seen.gte(Instant.parse("2024-05-01T10:15:30.123456999Z"))));
    assertEquals(1, engine.count(Doc_.born.lt(LocalDate.of(1970, 1, 1))));
  }

  @Test
  void geoAndTextAndCollections() {
    save(doc("1", "Oslo", 30));
    assertEquals(1, engine.count(Doc_.loc.within(GeoPoint.of(10.7, 59.9), 5, DistanceUnit.KM)));
    assertEquals(0, engine.count(Doc_.loc.within(GeoPoint.of(5.32, 60.39), 5, DistanceUnit.KM)));
    assertEquals(1, engine.count(Doc_.loc.withinBox(GeoPoint.of(10, 59), GeoPoint.of(11, 60))));
    assertEquals(1, engine.count(Doc_.bio.matches("CAFÉ base")));
    assertEquals(1, engine.count(Doc_.bio.matchesPrefix("NAÏ")));
    assertEquals(0, engine.count(Doc_.bio.matchesPrefix("naï fastest")));
    assertEquals(1, engine.count(Doc_.tags.containsAll("red", "BLUE")));
    assertEquals(0, engine.count(Doc_.tags.containsAll("red", "green")));
    assertEquals(1, engine.count(Doc_.tags.containsAny("green", "blue")));
  }

  @Test
  void unsupportedQueriesFailClearly() {
    assertThrows(QueryException.class, () -> engine.ids(null, List.of(Doc_.seenClaimingASortOrder.asc())));
    // A multi-valued field has no sortable metamodel type; a hand-built one is still refused.
    SortableStringField<Doc> tagsClaimingASortOrder = new SortableStringField<>(Doc.TAGS, ValueCodecs.STRING);
    assertThrows(QueryException.class, () -> engine.ids(null, List.of(tagsClaimingASortOrder.asc())));
    assertThrows(QueryException.class, () -> engine.count(Doc_.bio.matches("!!")));
    assertThrows(QueryException.class, () -> engine.count(Doc_.city.eq(null)));
  }
}
