package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.internal.engine.portable.Doc.Doc_;
import dev.rekord.internal.engine.portable.EngineProtocol.Condition;
import dev.rekord.internal.engine.portable.EngineProtocol.Form;
import dev.rekord.internal.engine.portable.EngineProtocol.Mode;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.ScriptCall;
import dev.rekord.internal.script.ScriptResources;
import dev.rekord.model.GeoPoint;
import dev.rekord.test.RedisExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.GeoCoordinate;
import redis.clients.jedis.UnifiedJedis;

/**
 * The protocol between the Java side and the engine scripts, pinned: the Lua constants generated
 * from the enums, the {@code KEYS}/{@code ARGV} layout of every script ({@link ScriptCalls}), and
 * every {@link EntryOp} running as the command it names.
 */
class EngineProtocolTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final KeyLayout.Bucket BUCKET = KeyLayout.of("doc", 4).bucket(2);

  @Test
  void theLuaConstantsAreGeneratedFromTheEnums() {
    StringBuilder constants = new StringBuilder();
    EngineProtocol.constants().forEach((name, literal) -> constants.append(name).append(" = ").append(literal).append('\n'));
    assertEquals("""
        ENTRY_ID = 'id'
        ENTRY_SCORE = 'score'
        ENTRY_VALUE = 'value'
        ENTRY_GEO = 'geo'
        ENTRY_EXPIRY = 'expiry'
        ENTRY_COMPACT_SCORE = 'cscore'
        ENTRY_COMPACT_VALUE = 'cvalue'
        PLAN_ALL = 'all'
        PLAN_SET = 'set'
        PLAN_VALUE = 'value'
        PLAN_RANGE = 'range'
        PLAN_PREFIX = 'prefix'
        PLAN_RADIUS = 'radius'
        PLAN_BOX = 'box'
        PLAN_AND = 'and'
        PLAN_OR = 'or'
        PLAN_NOT = 'not'
        FORM_HASH = 'hash'
        FORM_JSON = 'json'
        CONDITION_ALWAYS = 'always'
        CONDITION_ABSENT = 'absent'
        CONDITION_PRESENT = 'present'
        CONDITION_UNCHANGED = 'unchanged'
        REFUSED_FENCE = 'fence'
        MANIFEST_IN_DOCUMENT = 'document'
        MANIFEST_IN_KEY = 'key'
        MANIFEST_IN_NOWHERE = 'nowhere'
        EXPIRE_IN = 'in'
        EXPIRE_AT = 'at'
        EXPIRE_REFRESH = 'refresh'
        EXPIRE_PERSIST = 'persist'
        EXPIRE_READ = 'read'
        CHANGE_CREATED = 'created'
        CHANGE_UPDATED = 'updated'
        CHANGE_DELETED = 'deleted'
        CHANGE_EXPIRED = 'expired'
        CHANGE_EXPIRY_CHANGED = 'expiry'
        EVENT_ID = 'id'
        EVENT_KIND = 'kind'
        EVENT_FIELDS = 'fields'
        EVENT_VERSION = 'version'
        CHANGES_KEY = 'changes'
        EXPIRING_KEY = 'ttl'
        MANIFEST_FIELD = '#'
        SNAPSHOT_CHUNK = 5000
        MANIFEST_COMPACT_VALUE = 107
        MANIFEST_COMPACT_SCORE = 77
        COMPACT_VALUE = 1
        COMPACT_SCORE = 2
        COMPACT_REFUSED = ' is a compact set, of the compact index layout; the model is configured with the standard one: run migrate() to rebuild its index'
        MODE_IDS = 'ids'
        MODE_COUNT = 'count'
        MODE_SNAPSHOT = 'snapshot'
        MODE_CHUNKS = 'chunks'
        MODE_DOCUMENTS = 'documents'
        SORT_INDEX_SCORE = 'score'
        SORT_INDEX_VALUE = 'value'
        DIRECTION_ASC = 'asc'
        DIRECTION_DESC = 'desc'
        SORT_VALUE_PRESENT = 'v'
        SORT_VALUE_NULL = 'n'
        """, constants.toString());
  }

  /** The Lua files behind {@link EngineScripts}, as written (constants named, not spelled). */
  private static final List<String> SCRIPT_FILES = List.of("manifest", "entries", "changes", "digest", "version",
      "hash_write", "save_head", "save", "save_one", "save_plain", "save_plain_stale", "index", "read", "reindex", "drop_if_gone", "expire",
      "changes_read", "delete", "query_common", "query_direct", "query_plan", "query_estimate", "query_probe", "query_order",
      "query", "query_node", "ranked_window");

  /**
   * The Lua files name every constant, never spell its code (comments aside); the scripts built from
   * them run with every constant as its literal (a local would be an upvalue of each closure that
   * names it, a cost per call), after the declarations of only the tables they name.
   */
  @Test
  void everyScriptNamesTheConstantsAndRunsWithTheirLiterals() {
    List<ProtocolCode> codes = new ArrayList<>();
    Stream.of(EntryOp.values(), PlanOp.values(), Form.values(), Condition.values(),
        EngineProtocol.ManifestIn.values(), Mode.values(), EngineProtocol.Expire.values(),
        EngineProtocol.Change.values(), EngineProtocol.EventField.values(),
        EngineProtocol.SortIndex.values(), EngineProtocol.Direction.values(), EngineProtocol.SortValue.values())
        .forEach(values -> codes.addAll(List.of(values)));
    for (String file : SCRIPT_FILES) {
      String code = ScriptResources.read(EngineScripts.class, file + ".lua").replaceAll("--[^\n]*", "");
      for (ProtocolCode constant : codes) {
        assertFalse(code.contains("'" + constant.code() + "'") || code.contains("\"" + constant.code() + "\""),
            file + ".lua spells '" + constant.code() + "' instead of naming the constant " + constant.name());
      }
    }
    for (EngineScripts scripts : List.of(EngineScripts.standard(), EngineScripts.compact())) {
      List<LuaScript> all = new ArrayList<>(List.of(scripts.save, scripts.saveOne, scripts.reindex, scripts.dropIfGone,
          scripts.delete, scripts.query, scripts.expire, scripts.nodeQuery, scripts.index, scripts.read,
          scripts.readChanges, scripts.rankedWindow));
      if (scripts.savePlain != null) {
        all.add(scripts.savePlain);
      }
      for (LuaScript script : all) {
        for (String name : EngineProtocol.constants().keySet()) {
          assertFalse(Pattern.compile("\\b" + name + "\\b").matcher(script.source()).find(),
              script.name() + " runs with the name " + name + " instead of its literal");
        }
        assertFalse(script.source().contains("COMPACT_LAYOUT") || script.source().contains("COMPACT_SETS"),
            script.name() + " names COMPACT_LAYOUT or COMPACT_SETS");
      }
    }
    assertTrue(EngineScripts.standard().save.source().contains("local arity = (op == 'id' and 0 or op == 'score' and 1 or "));
    assertTrue(EngineScripts.standard().save.source().contains("if form ~= 'hash' and form ~= 'json' then"));
    assertFalse(EngineScripts.standard().delete.source().contains("ENTRY_ARITY"));
    assertFalse(EngineScripts.standard().read.source().contains("MANIFEST_FAMILY"));
    assertTrue(EngineScripts.standard().query.source().contains("MANIFEST_FAMILY"));
  }

  /** A script defines only the shared functions it calls: each is a closure built on every call. */
  @Test
  void theOneDocumentSaveBuildsOnlyTheFunctionsOneSaveCalls() {
    String one = EngineScripts.standard().saveOne.source();
    String all = EngineScripts.standard().save.source();
    for (String unused : List.of("collectEntries", "writeCollected", "unindex", "appendChange", "documentBefore",
        "reportWrite", "readManifest")) {
      assertFalse(one.contains("local function " + unused + "("), unused);
    }
    for (String used : List.of("checkDocuments", "refusal", "writeHash", "writeEntries", "staleEntries",
        "storeManifest", "storedManifest")) {
      assertTrue(one.contains("local function " + used + "("), used);
    }
    assertTrue(all.contains("local function appendChange("));
    assertTrue(all.contains("local function collectEntries("));

    // the plain save: at its top level only the functions every plain save calls; those that remove
    // stale entries inside staleOf, built only by a save whose old manifest differs
    String plain = EngineScripts.standard().savePlain.source();
    String top = plain.substring(plain.indexOf("\nend\n", plain.indexOf("return stale, removeEntries")));
    for (String used : List.of("checkEntries", "writeHash", "writeEntries", "storedManifest")) {
      assertTrue(top.contains("local function " + used + "("), used);
    }
    for (String unused : List.of("staleEntries", "eachEntry", "removeEntries", "checkDocuments", "refusal",
        "storeManifest", "readDigested", "storedVersion")) {
      assertFalse(top.contains("local function " + unused + "("), unused);
    }
    assertTrue(plain.startsWith("local function staleOf(base, id, old, manifest)\n"));
    assertTrue(plain.substring(0, plain.length() - top.length()).contains("local function staleEntries("));
    assertEquals(null, EngineScripts.compact().savePlain, "the compact layout's entries are written by save_one.lua");
  }

  @Test
  void aPlainSaveTakesTheIdTheDocumentAndTheEntriesOnly() {
    IndexEntries entries = IndexEntries.create().tag(Doc.CITY, "a\0b").numeric(Doc.AGE, 30).geo(Doc.LOC, GeoPoint.of(10, 59));
    ScriptCall save = ScriptCalls.save(BUCKET, "m1", Condition.ALWAYS, null, 0, Form.HASH, 0, List.of("id", "m1"), entries);
    assertTrue(ScriptCalls.plain(save));
    ScriptCall plain = ScriptCalls.plainSave(save);
    assertEquals(save.keys(), plain.keys());
    assertEquals(List.of("m1", "lcity:4:a\1\1bNage:Gloc:", "2", "id", "m1",
        "value", "a\1\1b", "score", "30", "geo", "10.0", "59.0"), plain.args());
    assertEquals(BUCKET.indexBase() + "ids", plain.keys().get(0), "the script reads the index base off it");

    assertFalse(ScriptCalls.plain(ScriptCalls.save(BUCKET, "m1", Condition.PRESENT, null, 0, Form.HASH, 0,
        List.of("id", "m1"), entries)), "a condition");
    assertFalse(ScriptCalls.plain(ScriptCalls.save(BUCKET, "m1", Condition.ALWAYS, null, 0, Form.HASH, 1000,
        List.of("id", "m1"), entries)), "an expiry");
    assertFalse(ScriptCalls.plain(ScriptCalls.fenced(save, BUCKET, "lock", 7)), "a fence");
    assertFalse(ScriptCalls.plain(ScriptCalls.save(BUCKET, "m1", Condition.ALWAYS, null, 0, Form.HASH, 0,
        List.of("id", "m1"), IndexEntries.create().tag(Doc.CITY, "x".repeat(Manifest.MAX_IN_DOCUMENT)))),
        "a manifest too long for the hash, kept in its key");
  }

  @Test
  void saveTakesTheDocumentThenOneOpAndItsValuesPerEntryKey() {
    IndexEntries entries = IndexEntries.create()
        .tag(Doc.CITY, "a\0b")
        .numeric(Doc.AGE, 30)
        .tags(Doc.TAGS, List.of("x"))
        .geo(Doc.LOC, GeoPoint.of(10, 59));
    ScriptCall call = ScriptCalls.save(BUCKET, "m1", Condition.ALWAYS, null, 0, Form.HASH, 1000, List.of("id", "m1"), entries);
    assertEquals(List.of("{doc:2}#ids", "{doc:2}:m1", "{doc:2}#doc:m1",
        "{doc:2}#lex:city", "{doc:2}#num:age", "{doc:2}#eq:tags:x", "{doc:2}#geo:loc", "{doc:2}#ttl"), call.keys());
    assertEquals(List.of("{doc:2}#", "hash", "1", "m1", "always", "", "", "1000", "key",
        "lcity:4:a\1\1bNage:9:eq:tags:x=Gloc:X:", "2", "id", "m1",
        "5", "value", "a\1\1b", "score", "30", "id", "geo", "10.0", "59.0", "expiry"), call.args());

    ScriptCall json = ScriptCalls.save(BUCKET, "m1", Condition.ABSENT, null, 0, Form.JSON, 0, List.of("{}"),
        IndexEntries.create());
    assertEquals(List.of("{doc:2}#ids", "{doc:2}:m1", "{doc:2}#doc:m1"), json.keys());
    assertEquals(List.of("{doc:2}#", "json", "1", "m1", "absent", "", "", "0", "key", "", "1", "{}", "0"), json.args());

    // without expiry a short manifest goes into the hash, as its last field; calls of one bucket
    // join into one
    ScriptCall plain = ScriptCalls.save(BUCKET, "m2", Condition.PRESENT, "v", 3, Form.HASH, 0, List.of("id", "m2"),
        IndexEntries.create().numeric(Doc.AGE, 31));
    assertEquals(List.of("{doc:2}#", "hash", "1", "m2", "present", "v", "3", "0", "document", "Nage:", "4", "id", "m2",
        "#", "Nage:", "1", "score", "31"), plain.args());
    ScriptCall both = ScriptCalls.saveTogether(List.of(json, plain));
    assertEquals(List.of("{doc:2}#ids", "{doc:2}:m1", "{doc:2}#doc:m1", "{doc:2}:m2", "{doc:2}#doc:m2",
        "{doc:2}#num:age"), both.keys());
    assertEquals(List.of("{doc:2}#", "json", "2", "m1", "absent", "", "", "0", "key", "", "1", "{}", "0",
        "m2", "present", "v", "3", "0", "document", "Nage:", "4", "id", "m2", "#", "Nage:", "1", "score", "31"), both.args());

    // a unit of work: a delete item joins the saves, and an all-or-nothing call negates the count
    ScriptCall delete = ScriptCalls.deleteItem(BUCKET, "m3", Form.HASH, null);
    assertEquals(List.of("{doc:2}#ids", "{doc:2}:m3", "{doc:2}#doc:m3"), delete.keys());
    assertEquals(List.of("{doc:2}#", "hash", "1", "m3", "always", "", "", "0", "nowhere", "", "0", "0"), delete.args());
    ScriptCall unit = ScriptCalls.saveTogether(List.of(plain, delete), true);
    assertEquals("-2", unit.args().get(2));
    assertEquals(List.of("{doc:2}#ids", "{doc:2}:m2", "{doc:2}#doc:m2", "{doc:2}#num:age", "{doc:2}:m3",
        "{doc:2}#doc:m3"), unit.keys());
  }

  @Test
  void aPlainHashSaveSplitsIntoTheIndexScriptsArgumentsAndPlainCommands() {
    IndexEntries entries = IndexEntries.create().tag(Doc.CITY, "a\0b").numeric(Doc.AGE, 30).geo(Doc.LOC, GeoPoint.of(10, 59));
    ScriptCall first = ScriptCalls.save(BUCKET, "m1", Condition.ALWAYS, null, 0, Form.HASH, 0, List.of("id", "m1"), entries);
    ScriptCall second = ScriptCalls.save(BUCKET, "m2", Condition.ALWAYS, null, 0, Form.HASH, 0, List.of("id", "m2"),
        IndexEntries.create().numeric(Doc.AGE, 31));
    assertTrue(ScriptCalls.indexable(first));
    assertFalse(ScriptCalls.indexable(ScriptCalls.save(BUCKET, "m1", Condition.ALWAYS, null, 0, Form.HASH, 1000,
        List.of("id", "m1"), entries)), "an expiry is read back by the script");
    assertFalse(ScriptCalls.indexable(ScriptCalls.save(BUCKET, "m1", Condition.ABSENT, null, 0, Form.HASH, 0,
        List.of("id", "m1"), entries)), "a condition");
    assertFalse(ScriptCalls.indexable(ScriptCalls.save(BUCKET, "m1", Condition.ALWAYS, "v", 1, Form.HASH, 0,
        List.of("id", "m1"), entries)), "a version");
    assertFalse(ScriptCalls.indexable(ScriptCalls.save(BUCKET, "m1", Condition.ALWAYS, null, 0, Form.JSON, 0,
        List.of("{}"), entries)), "JSON");
    assertFalse(ScriptCalls.indexable(ScriptCalls.fenced(first, BUCKET, "lock", 7)), "a fence");
    assertFalse(ScriptCalls.indexable(ScriptCalls.deleteItem(BUCKET, "m1", Form.HASH, null)), "a delete");

    // a document travels as its id (index.lua builds its keys) and the manifests as one argument,
    // each after its length in bytes; a manifest too long for the hash is a SET of its key
    ScriptCall longer = ScriptCalls.save(BUCKET, "m\u00e9", Condition.ALWAYS, null, 0, Form.HASH, 0,
        List.of("id", "m\u00e9"), IndexEntries.create().tag(Doc.CITY, "\u00e9".repeat(40)));
    ScriptCall none = ScriptCalls.save(BUCKET, "m4", Condition.ALWAYS, null, 0, Form.HASH, 0, List.of("id", "m4"),
        IndexEntries.create());
    String longManifest = "lcity:80:" + "\u00e9".repeat(40);
    ScriptCall index = ScriptCalls.indexOnly(BUCKET, List.of(first, second, longer, none), false);
    assertEquals(List.of("{doc:2}#ids"), index.keys());
    assertEquals(List.of("{doc:2}#ids", "{doc:2}#absent"),
        ScriptCalls.indexOnly(BUCKET, List.of(first), true).keys(), "on a cluster: refused while the slot migrates");
    assertEquals(List.of("{doc:2}#", "{doc:2}:", "{doc:2}#doc:",
        "22:lcity:4:a\1\1bNage:Gloc:5:Nage:89:" + longManifest + "0:", "m1", "m2", "m\u00e9", "m4"), index.args());
    assertEquals(List.of("SET {doc:2}#doc:m\u00e9 [" + longManifest + "]"),
        ScriptCalls.manifestKeyCommands(List.of(first, second, longer, none)).stream()
            .map(command -> command.name() + " " + command.keys().get(0) + " " + command.args()).toList());
    assertEquals(List.of("ZADD {doc:2}#ids [0, m1, 0, m2]", "ZADD {doc:2}#lex:city [0, a\1\1b\0m1]",
        "ZADD {doc:2}#num:age [30, m1, 31, m2]", "GEOADD {doc:2}#geo:loc [10.0, 59.0, m1]"),
        ScriptCalls.entryCommands(List.of(first, second), false).stream()
            .map(command -> command.name() + " " + command.keys().get(0) + " " + command.args()).toList());
    // the compact layout's: neither the ids nor the compact entries, which index.lua adds from the manifests
    KeyLayout.Bucket compact = KeyLayout.of("doc", 4, true).bucket(2);
    ScriptCall compactFirst = ScriptCalls.save(compact, "m1", Condition.ALWAYS, null, 0, Form.HASH, 0, List.of("id", "m1"),
        entries);
    assertTrue(ScriptCalls.indexable(compactFirst));
    assertEquals(List.of("GEOADD {doc:2}#geo:loc [10.0, 59.0, m1]"),
        ScriptCalls.entryCommands(List.of(compactFirst), true).stream()
            .map(command -> command.name() + " " + command.keys().get(0) + " " + command.args()).toList());
    assertEquals(List.of("id", "m1", "#", "lcity:4:a\1\1bNage:Gloc:"), ScriptCalls.documentFields(first));
    assertEquals("{doc:2}:m1", ScriptCalls.documentKey(first));

    assertEquals("save", EngineScripts.standard().index.name());
    assertTrue(EngineScripts.standard().index.source().lines().noneMatch(line -> line.isBlank() || line.strip().startsWith("--")
        || !line.equals(line.strip())), "sent by its source, hashed twice on every call: no comment lines, no indentation");
  }

  @Test
  void reindexDropIfGoneAndDeleteTakeTheDocumentsKeys() {
    ScriptCall reindex = ScriptCalls.reindex(BUCKET, "m1", Form.HASH, IndexEntries.create().numeric(Doc.AGE, 30));
    assertEquals(List.of("{doc:2}:m1", "{doc:2}#doc:m1", "{doc:2}#ids", "{doc:2}#ttl", "{doc:2}#num:age"),
        reindex.keys());
    assertEquals(List.of("m1", "{doc:2}#", "document", "Nage:", "X:", "score", "30"), reindex.args());
    assertEquals("key", ScriptCalls.reindex(BUCKET, "m1", Form.JSON, IndexEntries.create().numeric(Doc.AGE, 30))
        .args().get(2));

    for (ScriptCall call : List.of(ScriptCalls.dropIfGone(BUCKET, "m1"))) {
      assertEquals(List.of("{doc:2}:m1", "{doc:2}#doc:m1", "{doc:2}#ids"), call.keys());
      assertEquals(List.of("m1", "{doc:2}#"), call.args());
    }
    ScriptCall versioned = ScriptCalls.deleteVersioned(BUCKET, "m1", Form.JSON, "v", 4);
    assertEquals(List.of("{doc:2}:m1", "{doc:2}#doc:m1", "{doc:2}#ids"), versioned.keys());
    assertEquals(List.of("m1", "{doc:2}#", "json", "v", "4"), versioned.args());
    // an unconditional delete names the version field (for the change feed) and expects no version
    ScriptCall delete = ScriptCalls.delete(BUCKET, "m1", Form.HASH, "v");
    assertEquals(versioned.keys(), delete.keys());
    assertEquals(List.of("m1", "{doc:2}#", "hash", "v", ""), delete.args());
    assertEquals(List.of("m1", "{doc:2}#", "json", "", ""), ScriptCalls.delete(BUCKET, "m1", Form.JSON, null).args());
  }

  @Test
  void aPartialUpdateReadsTheDocumentAndSavesWhileItsDigestHolds() {
    ScriptCall read = ScriptCalls.read(BUCKET, "m1", Form.HASH);
    assertEquals(List.of("{doc:2}:m1"), read.keys());
    assertEquals(List.of("hash"), read.args());
    // the digest travels where a save's expected version does; the version field is only named
    ScriptCall save = ScriptCalls.saveUnchanged(BUCKET, "m1", null, "d1g", Form.JSON, 0, List.of("{}"),
        IndexEntries.create());
    assertEquals(List.of("{doc:2}#", "json", "1", "m1", "unchanged", "", "d1g", "0", "key", "", "1", "{}", "0"),
        save.args());
    ScriptCall versioned = ScriptCalls.saveUnchanged(BUCKET, "m1", "v", "d1g", Form.JSON, 0, List.of("{}"),
        IndexEntries.create());
    assertEquals("v", versioned.args().get(5));
  }

  @Test
  void aRankedWindowTakesTheRangeTheDirectionTwoRowsAndHowManyMore() {
    QueryPlan plan = QueryPlan.of(BUCKET, Doc_.age.between(3, 9), List.of(Doc_.age.desc()));
    QueryPlan.DirectRange range = plan.directRange();
    ScriptCall call = ScriptCalls.rankedWindow(range, new PortableQueries.Row("m9", new String[] {"8"}),
        new PortableQueries.Row("m1", new String[] {"7"}), 20);
    assertEquals(List.of("{doc:2}#num:age"), call.keys());
    assertEquals(List.of("3", "9", "desc", "8", "m9", "7", "m1", "20"), call.args());
  }

  @Test
  void aQueryTakesPrefixesPagingSortKeysThenThePlan() {
    QueryPlan plan = QueryPlan.of(BUCKET, Doc_.city.eq("a\0b").and(Doc_.age.gt(3)), List.of(Doc_.city.desc()));
    ScriptCall call = ScriptCalls.query(plan, Mode.IDS, Form.HASH, 0, 20, true, null, 0);
    assertEquals(List.of("{doc:2}#ids", "{doc:2}#ttl", "{doc:2}#lex:city", "{doc:2}#num:age"), call.keys());
    assertEquals(List.of("ids", "{doc:2}:", "{doc:2}#doc:", "{doc:2}#", "0", "20", "1", "0", "0", "hash",
        "1", "value", "3", "desc",
        "and", "2", "value", "3", "a\1\1b", "range", "4", "(3", "+inf"), call.args());

    QueryPlan prefix = QueryPlan.of(BUCKET, Doc_.city.startsWith("\0").not(), List.of());
    ScriptCall snapshot = ScriptCalls.query(prefix, Mode.SNAPSHOT, Form.HASH, 0, -1, false, "{doc:2}#snap:x", 60000);
    assertEquals(List.of("{doc:2}#ids", "{doc:2}#ttl", "{doc:2}#lex:city", "{doc:2}#snap:x"), snapshot.keys());
    assertEquals(List.of("snapshot", "{doc:2}:", "{doc:2}#doc:", "{doc:2}#", "0", "-1", "0", "4", "60000", "hash",
        "0", "not", "prefix", "3", "\1\1"), snapshot.args());

    ScriptCall documents = ScriptCalls.query(prefix, Mode.DOCUMENTS, Form.JSON, 40, 20, false, null, 0);
    assertEquals(List.of("documents", "{doc:2}:", "{doc:2}#doc:", "{doc:2}#", "40", "20", "0", "0", "0", "json",
        "0", "not", "prefix", "3", "\1\1"), documents.args());
  }

  /**
   * {@code ENTRY_ARITY(op)}, written as an expression of comparisons, answers each op's arity and
   * nothing for an unknown op, as the server's Lua evaluates it (an arity of 0 is true in Lua, so
   * {@code and 0 or} does not fall through to the next op).
   */
  @Test
  void theArityExpressionAnswersEachOpsArityAndNilForAnUnknownOne() {
    LuaScript arity = new LuaScript("arity", EngineProtocol.lua(
        "local op = ARGV[1]\nlocal n = ENTRY_ARITY(op)\nif n == nil then return -1 end\nreturn n\n"), false);
    try (RedisConnection connection = IndexMaintenanceTest.open(redis.server().host(), redis.server().port())) {
      for (EntryOp op : EntryOp.values()) {
        assertEquals((long) op.arity(), connection.eval(arity, List.of(), List.of(op.code())), op.code());
      }
      for (String unknown : List.of("rank", "", "ID", "id ")) {
        assertEquals(-1L, connection.eval(arity, List.of(), List.of(unknown)), unknown);
      }
    }
  }

  /** Each op, run by the save script, does what its command says; a new op fails here until both sides know it. */
  @Test
  void everyEntryOpRunsAsTheCommandItNames() {
    try (RedisConnection connection = IndexMaintenanceTest.open(redis.server().host(), redis.server().port())) {
      UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
      IndexWriter writer = new IndexWriter(connection, KeyLayout.of("doc", 4));
      String id = "i\0d";
      KeyLayout.Bucket bucket = writer.layout().bucketFor(id);
      IndexWriter compactWriter = new IndexWriter(connection, KeyLayout.of("doc", 4, true));
      String compactId = "c\0d";
      KeyLayout.Bucket compactBucket = compactWriter.layout().bucketFor(compactId);
      for (EntryOp op : EntryOp.values()) {
        IndexEntries entries = IndexEntries.create();
        switch (op) {
          case ID -> entries.tags(Doc.TAGS, List.of("x"));
          case SCORE -> entries.numeric(Doc.AGE, 30);
          case VALUE -> entries.tag(Doc.CITY, "a\0b");
          case GEO -> entries.geo(Doc.LOC, GeoPoint.of(10, 59));
          case EXPIRY -> entries.geo(Doc.LOC, GeoPoint.of(10, 59)); // the save's ttl adds the entry
          case COMPACT_SCORE -> entries.numeric(Doc.AGE, 30);
          case COMPACT_VALUE -> entries.tag(Doc.CITY, "a\0b");
        }
        java.time.Duration ttl = op == EntryOp.EXPIRY ? java.time.Duration.ofHours(1) : java.time.Duration.ZERO;
        boolean compact = op == EntryOp.COMPACT_SCORE || op == EntryOp.COMPACT_VALUE;
        // a compact layout's save, of another document: the standard ones' last entries stay
        (compact ? compactWriter : writer).saveHash(compact ? compactId : id, Map.of("id", id), ttl, entries);
        switch (op) { // the command of EntryOp.command()
          case ID -> assertEquals(0.0, jedis.zscore(bucket.tag("tags", "x"), id), op.command());
          case SCORE -> assertEquals(30.0, jedis.zscore(bucket.numeric("age"), id), op.command());
          case VALUE -> assertEquals(0.0, jedis.zscore(bucket.lex("city"), "a\1\1b\0" + id), op.command());
          case GEO -> {
            GeoCoordinate at = jedis.geopos(bucket.geo("loc"), id).get(0);
            assertEquals(10, at.getLongitude(), 1e-5, op.command());
            assertEquals(59, at.getLatitude(), 1e-5, op.command());
          }
          case EXPIRY -> assertEquals((double) jedis.pexpireTime(bucket.documentKey(id)),
              jedis.zscore(bucket.expiring(), id), op.command());
          // a compact set's first chunk (bound '') holds its first entries
          case COMPACT_SCORE -> assertEquals(30.0, jedis.zscore(compactBucket.numeric("age") + "#c:", compactId),
              op.command());
          case COMPACT_VALUE -> assertEquals(0.0, jedis.zscore(compactBucket.lex("city") + "#c:", "a\1\1b\0" + compactId),
              op.command());
        }
      }
      // the last save replaced the entries of the others: only the geo and expiry entries are
      // left, named by the manifest in its key (an expiring document's manifest must outlive it)
      assertEquals(Map.of("id", id), jedis.hgetAll(bucket.documentKey(id)));
      assertEquals("Gloc:X:", jedis.get(bucket.manifest(id)));
      assertFalse(jedis.exists(bucket.lex("city")));
    }
  }

  @Test
  void anUnknownOpOrAMissingValueIsRefusedBeforeAnythingIsWritten() {
    try (RedisConnection connection = IndexMaintenanceTest.open(redis.server().host(), redis.server().port())) {
      UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
      IndexWriter writer = new IndexWriter(connection, KeyLayout.of("doc"));
      KeyLayout.Bucket bucket = writer.layout().bucket(0);
      List<String> keys = List.of(bucket.all(), bucket.documentKey("m1"), bucket.manifest("m1"), bucket.numeric("age"));
      RedisCommandException unknown = assertThrows(RedisCommandException.class, () -> writer.save(new ScriptCall(keys,
          List.of(bucket.indexBase(), "hash", "1", "m1", "always", "", "", "0", "document", "Nage:", "2", "id", "m1", "1", "z", "30"))));
      assertTrue(unknown.getMessage().contains("unknown index entry op z"), unknown.getMessage());
      RedisCommandException missing = assertThrows(RedisCommandException.class, () -> writer.save(new ScriptCall(keys,
          List.of(bucket.indexBase(), "hash", "1", "m1", "always", "", "", "0", "document", "Nage:", "2", "id", "m1", "1", "score"))));
      assertTrue(missing.getMessage().contains("do not match"), missing.getMessage());
      // a call of two documents whose second is malformed writes neither
      List<String> two = List.of(bucket.all(), bucket.documentKey("m1"), bucket.manifest("m1"), bucket.numeric("age"),
          bucket.documentKey("m2"), bucket.manifest("m2"), bucket.numeric("age"));
      RedisCommandException second = assertThrows(RedisCommandException.class, () -> writer.save(new ScriptCall(two,
          List.of(bucket.indexBase(), "hash", "2", "m1", "always", "", "", "0", "document", "Nage:", "2", "id", "m1", "1", "score", "1",
              "m2", "always", "", "", "0", "document", "Nage:", "2", "id", "m2", "1", "z", "2"))));
      assertTrue(second.getMessage().contains("unknown index entry op z"), second.getMessage());
      List<String> same = List.of(bucket.all(), bucket.documentKey("m1"), bucket.manifest("m1"), bucket.numeric("age"),
          bucket.documentKey("m1"), bucket.manifest("m1"), bucket.numeric("age"));
      RedisCommandException twice = assertThrows(RedisCommandException.class, () -> writer.save(new ScriptCall(same,
          List.of(bucket.indexBase(), "hash", "2", "m1", "always", "", "", "0", "document", "Nage:", "2", "id", "m1", "1", "score", "1",
              "m1", "always", "", "", "0", "document", "Nage:", "2", "id", "m1", "1", "score", "2"))));
      assertTrue(twice.getMessage().contains("saved twice"), twice.getMessage());
      RedisCommandException place = assertThrows(RedisCommandException.class, () -> writer.save(new ScriptCall(keys,
          List.of(bucket.indexBase(), "hash", "1", "m1", "always", "", "", "0", "elsewhere", "Nage:", "2", "id", "m1", "1", "score", "1"))));
      assertTrue(place.getMessage().contains("unknown manifest place"), place.getMessage());
      RedisCommandException condition = assertThrows(RedisCommandException.class, () -> writer.save(new ScriptCall(keys,
          List.of(bucket.indexBase(), "hash", "1", "m1", "maybe", "", "", "0", "document", "Nage:", "2", "id", "m1", "1",
              "score", "1"))));
      assertTrue(condition.getMessage().contains("unknown write condition maybe"), condition.getMessage());
      assertEquals(java.util.Set.of(), jedis.keys("*"));
    }
  }
}
