package dev.rekord.internal.engine.portable;

import dev.rekord.connection.LuaScript;
import dev.rekord.internal.script.LuaFunctions;
import dev.rekord.internal.script.ScriptResources;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The portable engine's Lua scripts, read once from {@code dev/rekord/internal/engine/portable/*.lua}
 * and run by SHA ({@link LuaScript}: {@code EVALSHA}, loaded again on {@code NOSCRIPT}). Redis
 * scripts cannot include one another, so each script is joined here from its parts: first the
 * protocol's constants it names ({@link EngineProtocol#lua(String)}, generated from the Java
 * enums), then the shared functions it uses ({@code manifest.lua}, {@code entries.lua}, {@code
 * changes.lua}: the change feed, which every script that writes or removes a document calls), then its
 * own files. The
 * layout of each script's arguments is built in {@link ScriptCalls}.
 */
final class EngineScripts {

  /** The word the scripts test for the layout, {@code true} in the compact layout's. */
  private static final Pattern COMPACT_LAYOUT = Pattern.compile("\\bCOMPACT_LAYOUT\\b");

  /** The word the scripts test for {@code compact_set.lua}'s functions, {@code true} where joined. */
  private static final Pattern COMPACT_SETS = Pattern.compile("\\bCOMPACT_SETS\\b");

  /** The scripts of a model's index layout, each layout's joined when a model first uses it. */
  static EngineScripts of(KeyLayout layout) {
    return layout.compact() ? compact() : standard();
  }

  /** The scripts of the standard layout: every index key a plain sorted set (or GEO set). */
  static EngineScripts standard() {
    return Standard.SCRIPTS;
  }

  /**
   * The scripts of the compact layout ({@code docs/internals.md}, "The compact index layout"): each
   * bucket's set of all ids, its lexicographic ({@code #lex:}) and numeric ({@code #num:}) indexes
   * kept as compact sets ({@code compact_set.lua}), every other key as in {@link #standard()}.
   */
  static EngineScripts compact() {
    return Compact.SCRIPTS;
  }

  // Holders: joining a layout's scripts takes a fresh JVM about a fifth of a second, which an
  // application whose models all keep one layout should not pay twice.
  private static final class Standard {
    static final EngineScripts SCRIPTS = new EngineScripts(false);
  }

  private static final class Compact {
    static final EngineScripts SCRIPTS = new EngineScripts(true);
  }

  private final boolean compact;
  private final Map<String, String> parts = new HashMap<>();

  /**
   * Replaces documents and their index entries, or deletes them with theirs, and reports to the
   * change feed: {@code save.lua}, after its arguments and checks ({@code save_head.lua}).
   */
  final LuaScript save;

  /**
   * Replaces one document and its index entries, for a model without a change feed: {@code
   * save_one.lua}, with {@link #save}'s arguments and only the functions one save uses. Named {@code
   * save} (metrics, errors).
   */
  final LuaScript saveOne;

  /**
   * The plain save of one hash document in the standard layout (no condition, version, expiry,
   * fence or change feed; its manifest in its hash): {@code save_plain.lua}, with {@link
   * ScriptCalls#plainSave}'s fewer arguments and fewer functions than {@link #saveOne}; the
   * functions that remove stale entries ({@code save_plain_stale.lua}) are built only by a save
   * that has some. {@code null} in the compact layout, whose entries only {@link #saveOne} writes.
   * Named {@code save} (metrics, errors).
   */
  final LuaScript savePlain;

  /**
   * The index half of {@link IndexWriter#saveAll}'s plain hash saves on a standalone server, run
   * in a transaction before the documents' {@code HSET}s: {@code index.lua}. It travels by its
   * source ({@code EVAL}), so it holds only what it uses. Named {@code save} (metrics, errors): it is
   * one half of a save. The standard layout's only: compact sets are written by scripts.
   */
  final LuaScript index;

  /** Reads a document for a partial update, with its digest and time to live: {@code read.lua}. */
  final LuaScript read;

  /**
   * Rewrites a document's index entries, leaving the document alone: {@code reindex.lua}. With
   * {@code compact_set.lua} in either layout, so a rebuild into one layout removes the entries of
   * the other that old manifests name.
   */
  final LuaScript reindex;

  /** Removes the index entries of a document that no longer exists: {@code drop_if_gone.lua} (as {@link #reindex}). */
  final LuaScript dropIfGone;

  /** Changes a document's expiry, keeping its expiring entry and manifest in line: {@code expire.lua}. */
  final LuaScript expire;

  /** A subscriber's next events of one bucket's change stream: {@code changes_read.lua}. */
  final LuaScript readChanges;

  /** Removes a document and its index entries: {@code delete.lua}. */
  final LuaScript delete;

  /**
   * Runs a query plan over one bucket: first as one index read where that answers it ({@code
   * query_direct.lua}), else by its arguments and plan ({@code query_plan.lua}), estimates
   * ({@code query_estimate.lua}), probes ({@code query_probe.lua}), order and paging ({@code
   * query_order.lua}) and its result ({@code query.lua}).
   */
  final LuaScript query;

  /**
   * The rows of a numeric range between two rows of a deep page, cut by rank inside a score:
   * {@code ranked_window.lua} ({@link RankedPages}; the standard layout's only). Named {@code query}
   * (metrics, errors).
   */
  final LuaScript rankedWindow;

  /**
   * One read of a compact set answered as the plain command answers it of a sorted set ({@code
   * compact_read.lua}: {@code ZCARD}, {@code ZCOUNT}, {@code ZLEXCOUNT}, {@code ZRANGE}), for {@link
   * DirectReads} and {@link RankedPages} in the compact layout.
   */
  final LuaScript compactRead;

  /**
   * Runs a query plan over several buckets of one node in one call ({@code query_node.lua}): {@link
   * #query} as a function called once per bucket, the rows merged on the server. Declared {@code
   * allow-cross-slot-keys}: one call reaches the keys of every bucket the node serves; and {@code
   * allow-oom}: a script with flags is otherwise refused whole by a server out of memory, where a
   * query (which writes only to unindex expired documents) runs.
   */
  final LuaScript nodeQuery;

  private EngineScripts(boolean compact) {
    this.compact = compact;
    save = load("save", true, "manifest", "entries", "changes", "digest", "version", "hash_write", "save_head", "save");
    saveOne = load("save", true, "manifest", "entries", "digest", "version", "hash_write", "save_head", "save_one");
    savePlain = compact ? null : new LuaScript("save",
        "local function staleOf(base, id, old, manifest)\n" + joined("manifest", "entries", "save_plain_stale")
            + "\nend\n" + joined("manifest", "entries", "hash_write", "save_plain"),
        true);
    index = withoutComments(load("save", true, "manifest", "entries", "index"));
    read = load("read", false, "digest", "read");
    reindex = load("reindex", true, "compact_set", "manifest", "entries", "changes", "reindex");
    dropIfGone = load("drop-if-gone", true, "compact_set", "manifest", "changes", "drop_if_gone");
    expire = load("expire", true, "manifest", "entries", "changes", "version", "expire");
    readChanges = load("changes-read", true, "changes_read");
    delete = load("delete", true, "manifest", "changes", "version", "delete");
    query = load("query", false,
        "query_common", "query_direct", "manifest", "changes", "query_plan", "query_estimate", "query_probe", "query_order", "query");
    rankedWindow = load("query", false, "query_common", "ranked_window");
    compactRead = load("query", false, "compact_set", "compact_read");
    nodeQuery = new LuaScript("query-node",
        "#!lua flags=allow-cross-slot-keys,allow-oom\n"
            + "local function bucketQuery(KEYS, ARGV)\n" + query.source() + "\nend\n"
            + joined("query_common", "query_node"),
        false);
    parts.clear(); // needed only while joining; the scripts hold what they use
  }

  private LuaScript load(String name, boolean writes, String... parts) {
    return new LuaScript(name, joined(parts), writes);
  }

  /**
   * The parts, after the protocol's constants they name, with only the functions they call. The
   * compact layout's scripts begin with {@code compact_set.lua}, and {@code COMPACT_LAYOUT} is
   * {@code true} in them: the standard layout's never build a compact set's functions (each a
   * closure per call), and name them only in branches they never take (a compact manifest's
   * entries, which the standard layout's scripts meet only before {@code migrate()} rebuilds an
   * index that was compact; its {@link #reindex} joins them, the others refuse such an entry:
   * {@code COMPACT_SETS} is {@code false} in them).
   */
  private String joined(String... parts) {
    StringBuilder body = new StringBuilder();
    if (compact && !"compact_set".equals(parts[0])) {
      body.append(read("compact_set"));
    }
    for (String part : parts) {
      body.append(read(part));
    }
    String used = LuaFunctions.withoutUnused(body.toString());
    boolean compactSets = compact || "compact_set".equals(parts[0]);
    used = COMPACT_SETS.matcher(used).replaceAll(Boolean.toString(compactSets));
    return EngineProtocol.lua(COMPACT_LAYOUT.matcher(used).replaceAll(Boolean.toString(compact)));
  }


  /**
   * {@code script} without its whole-line comments and indentation, for a script sent by its
   * source: the server hashes the source twice on every call, as it queues it and as it runs it
   * (about 25 instructions a byte each). Its parts hold no multi-line string, where indentation
   * would count.
   */
  private static LuaScript withoutComments(LuaScript script) {
    StringBuilder source = new StringBuilder(script.source().length());
    for (String line : script.source().split("\n")) {
      String code = line.strip();
      if (!code.isEmpty() && !code.startsWith("--")) {
        source.append(code).append('\n');
      }
    }
    return new LuaScript(script.name(), source.toString(), script.writes());
  }

  /** The part {@code name}, read once while a layout's scripts are joined: most join the same few parts. */
  private String read(String name) {
    return parts.computeIfAbsent(name, part -> ScriptResources.read(EngineScripts.class, part + ".lua"));
  }
}
