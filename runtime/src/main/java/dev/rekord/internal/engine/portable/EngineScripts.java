package dev.rekord.internal.engine.portable;

import dev.rekord.connection.LuaScript;
import dev.rekord.internal.script.LuaFunctions;
import dev.rekord.internal.script.ScriptResources;

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
  private EngineScripts() {}

  /**
   * Replaces documents and their index entries, or deletes them with theirs, and reports to the
   * change feed: {@code save.lua}, after its arguments and checks ({@code save_head.lua}).
   */
  static final LuaScript SAVE = load("save", true,
      "manifest", "entries", "changes", "digest", "version", "hash_write", "save_head", "save");

  /**
   * Replaces one document and its index entries, for a model without a change feed: {@code
   * save_one.lua}, with {@link #SAVE}'s arguments and only the functions one save uses. Named {@code
   * save} (metrics, errors).
   */
  static final LuaScript SAVE_ONE = load("save", true,
      "manifest", "entries", "digest", "version", "hash_write", "save_head", "save_one");

  /**
   * The index half of {@link IndexWriter#saveAll}'s plain hash saves on a standalone server, run
   * in a transaction before the documents' {@code HSET}s: {@code index.lua}. It travels by its
   * source ({@code EVAL}), so it holds only what it uses. Named {@code save} (metrics, errors): it is
   * one half of a save.
   */
  static final LuaScript INDEX = withoutComments(load("save", true, "manifest", "entries", "index"));

  /** Reads a document for a partial update, with its digest and time to live: {@code read.lua}. */
  static final LuaScript READ = load("read", false, "digest", "read");

  /** Rewrites a document's index entries, leaving the document alone: {@code reindex.lua}. */
  static final LuaScript REINDEX = load("reindex", true, "manifest", "entries", "changes", "reindex");

  /** Removes the index entries of a document that no longer exists: {@code drop_if_gone.lua}. */
  static final LuaScript DROP_IF_GONE = load("drop-if-gone", true, "manifest", "changes", "drop_if_gone");

  /** Changes a document's expiry, keeping its expiring entry and manifest in line: {@code expire.lua}. */
  static final LuaScript EXPIRE = load("expire", true, "manifest", "entries", "changes", "version", "expire");

  /** A subscriber's next events of one bucket's change stream: {@code changes_read.lua}. */
  static final LuaScript READ_CHANGES = load("changes-read", true, "changes_read");

  /** Removes a document and its index entries: {@code delete.lua}. */
  static final LuaScript DELETE = load("delete", true, "manifest", "changes", "version", "delete");

  /**
   * Runs a query plan over one bucket: its arguments and plan ({@code query_plan.lua}), estimates
   * ({@code query_estimate.lua}), probes ({@code query_probe.lua}), order and paging ({@code
   * query_order.lua}) and its result ({@code query.lua}).
   */
  static final LuaScript QUERY = load("query", false,
      "query_common", "manifest", "changes", "query_plan", "query_estimate", "query_probe", "query_order", "query");

  /**
   * The rows of a numeric range between two rows of a deep page, cut by rank inside a score:
   * {@code ranked_window.lua} ({@link RankedPages}). Named {@code query} (metrics, errors).
   */
  static final LuaScript RANKED_WINDOW = load("query", false, "query_common", "ranked_window");

  /**
   * Runs a query plan over several buckets of one node in one call ({@code query_node.lua}): {@link
   * #QUERY} as a function called once per bucket, the rows merged on the server. Declared {@code
   * allow-cross-slot-keys}: one call reaches the keys of every bucket the node serves; and {@code
   * allow-oom}: a script with flags is otherwise refused whole by a server out of memory, where a
   * query (which writes only to unindex expired documents) runs.
   */
  static final LuaScript NODE_QUERY = new LuaScript("query-node",
      "#!lua flags=allow-cross-slot-keys,allow-oom\n"
          + "local function bucketQuery(KEYS, ARGV)\n" + QUERY.source() + "\nend\n"
          + joined("query_common", "query_node"),
      false);

  private static LuaScript load(String name, boolean writes, String... parts) {
    return new LuaScript(name, joined(parts), writes);
  }

  /** The parts, after the protocol's constants they name, with only the functions they call. */
  private static String joined(String... parts) {
    StringBuilder body = new StringBuilder();
    for (String part : parts) {
      body.append(read(part));
    }
    String used = LuaFunctions.withoutUnused(body.toString());
    return EngineProtocol.lua(used);
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

  private static String read(String name) {
    return ScriptResources.read(EngineScripts.class, name + ".lua");
  }
}
