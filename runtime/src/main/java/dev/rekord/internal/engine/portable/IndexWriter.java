package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.RekordException;
import dev.rekord.internal.connection.TransactionBatch;
import dev.rekord.internal.engine.Refusal;
import dev.rekord.internal.engine.WriteCondition;
import dev.rekord.internal.engine.portable.EngineProtocol.Condition;
import dev.rekord.internal.engine.portable.EngineProtocol.Form;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Writes and deletes documents of one model together with their index entries, each in one atomic
 * script, or one transaction of plain commands where nothing stored needs reading first. A save writes the document and its new entries, removes every entry the old manifest
 * names that the new one does not (whatever model wrote it) and rewrites the manifest if it
 * changed; so a changed value moves the id between index keys and nothing stale is left behind.
 *
 * <p><b>Expiry.</b> A time to live applies to the document only. When it expires its index
 * entries remain until a query meets the id: the query script then finds the document gone,
 * drops the id from the result and removes its entries (lazy clean-up). Counts are exact; the
 * index keys may hold such ids until then.
 *
 * <p>Thread-safe.
 */
public final class IndexWriter {

  /**
   * The most documents one {@code save.lua} call of {@link #saveAll} writes: enough to spread the
   * cost of a script call thin, few enough that one call holds the server for a millisecond or so.
   */
  static final int SAVE_TOGETHER = 100;

  private final RedisConnection connection;
  private final KeyLayout layout;
  private final EngineScripts scripts;
  private final Feed feed;

  /** A writer of a model without a change feed. */
  public IndexWriter(RedisConnection connection, KeyLayout layout) {
    this(connection, layout, Feed.NONE);
  }

  /** A writer whose every script reports to {@code feed} ({@code changes.lua}). */
  public IndexWriter(RedisConnection connection, KeyLayout layout, Feed feed) {
    this.connection = connection;
    this.layout = layout;
    this.scripts = EngineScripts.of(layout);
    this.feed = feed;
  }

  public KeyLayout layout() {
    return layout;
  }

  /**
   * Replaces the hash document of {@code id} with {@code fields} and its index entries.
   *
   * @param ttl {@link Duration#ZERO} for none
   */
  public void saveHash(String id, Map<String, String> fields, Duration ttl, IndexEntries entries) {
    save(saveHashCall(id, fields, ttl, entries));
  }

  /** {@link #saveHash} as a call for {@link #saveAll}. */
  ScriptCall saveHashCall(String id, Map<String, String> fields, Duration ttl, IndexEntries entries) {
    return ScriptCalls.saveHash(layout.bucketFor(id), id, Condition.ALWAYS, fields, ttlMillis(ttl), entries);
  }

  /** Replaces the JSON document of {@code id} (stored as a string) and its index entries. */
  public void saveJson(String id, String json, Duration ttl, IndexEntries entries) {
    save(saveCall(id, Form.JSON, List.of(json), ttl, entries));
  }

  /**
   * A save of a document in its stored {@code form} (hash: field/value pairs; JSON: the text) with
   * its index entries, for {@link #save} or {@link #saveAll}.
   */
  ScriptCall saveCall(String id, Form form, List<String> document, Duration ttl, IndexEntries entries) {
    return saveCall(id, WriteCondition.ALWAYS, null, 0, form, document, ttl, entries);
  }

  /**
   * {@link #saveCall} written only when the stored document meets {@code condition} and, with a
   * {@code versionField} (else {@code null}), its version is {@code expectedVersion}.
   */
  ScriptCall saveCall(String id, WriteCondition condition, String versionField, long expectedVersion, Form form,
      List<String> document, Duration ttl, IndexEntries entries) {
    return ScriptCalls.save(layout.bucketFor(id), id, Condition.of(condition), versionField, expectedVersion, form,
        ttlMillis(ttl), document, entries);
  }

  /**
   * A delete of the document of {@code id} stored in {@code form} (its {@code @Version} under
   * {@code versionField}, else {@code null}), to run with saves ({@link #saveAll}, {@link #writeTogether}).
   */
  ScriptCall deleteCall(String id, Form form, String versionField) {
    return ScriptCalls.deleteItem(layout.bucketFor(id), id, form, versionField);
  }

  /**
   * Runs save and delete calls of one bucket and form, of distinct ids, as one all-or-nothing
   * {@code save.lua} call: every condition and version is checked first, and when any is refused
   * nothing is written.
   *
   * @return the calls refused, by position in {@code calls}, in order: empty when all were written
   */
  public List<Refusal> writeTogether(List<ScriptCall> calls) {
    ScriptCall call = ScriptCalls.saveTogether(calls, true);
    List<?> reply = (List<?>) eval(scripts.save, call);
    List<Integer> positions = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      positions.add(i);
    }
    List<Refusal> refused = new ArrayList<>(reply.size() / 2);
    for (int at = 0; at < reply.size(); at += 2) {
      refused.add(refusal(reply, at, positions));
    }
    return refused;
  }

  /**
   * Runs one save call (no pipeline: one round trip): a plain one ({@link ScriptCalls#plain}) in the
   * standard layout by {@code save_plain.lua}, any other of a model without a change feed by {@code
   * save_one.lua}, else by {@code save.lua}.
   *
   * @return why the document was not written, if it was not
   */
  public Optional<Refusal> save(ScriptCall call) {
    if (scripts.savePlain != null && feed.equals(Feed.NONE) && ScriptCalls.plain(call)) {
      ScriptCall plain = ScriptCalls.plainSave(call);
      connection.eval(scripts.savePlain, plain.keys(), plain.args());
      return Optional.empty(); // nothing to refuse
    }
    LuaScript script = feed.equals(Feed.NONE) && ScriptCalls.savesOne(call) ? scripts.saveOne : scripts.save;
    List<?> refused = (List<?>) eval(script, call);
    return refused.isEmpty() ? Optional.empty() : Optional.of(refusal(refused, 0, List.of(0)));
  }

  /**
   * {@link #save} of a document whose id was just generated at random ({@link WriteCondition#NEW}):
   * no document has it or had it, so a plain save ({@link ScriptCalls#unconditionalWhenNew}: a hash
   * or JSON document with no expiry, a version only when it expects none stored, in the standard
   * layout, without a change feed) needs
   * nothing read first — no old manifest, no stale entries or fields — and goes without a script:
   * one transaction ({@code MULTI … EXEC}) of its id's and entries' {@code ZADD}s, its {@code HSET}
   * (JSON: {@code SET}) and the {@code SET} of a manifest kept in its key, the commands {@link
   * #saveAll} sends after {@code index.lua}. Redis runs it whole or not
   * at all (on a cluster on the node of the bucket's slot, refused whole while the slot migrates:
   * its document key is not there yet). A script costs the server about twice these commands.
   * Any other save goes to {@link #save}.
   *
   * @return nothing: a new id is never refused
   */
  public Optional<Refusal> saveNew(ScriptCall call) {
    if (layout.compact() || !feed.equals(Feed.NONE) || !ScriptCalls.unconditionalWhenNew(call)
        || !(connection.batch() instanceof TransactionBatch batch && batch.slotTransactions())) {
      return save(call);
    }
    Reply<List<Object>> reply = batch.writeTransaction(scripts.save.name(), writeCommands(List.of(call)));
    batch.execute();
    throwFailed(reply.get());
    return Optional.empty();
  }

  /**
   * The refusal at {@code at} of a reply of {@code save.lua} (pairs of a position in the call and
   * the stored version, empty when the condition refused it), its position mapped through {@code
   * positions}.
   */
  private static Refusal refusal(List<?> reply, int at, List<Integer> positions) {
    String stored = String.valueOf(reply.get(at + 1));
    long why = stored.isEmpty() ? Refusal.BY_CONDITION
        : stored.equals(EngineProtocol.Refused.FENCE.code()) ? Refusal.BY_FENCE : Long.parseLong(stored);
    return new Refusal(positions.get(((Number) reply.get(at)).intValue() - 1), why);
  }

  /**
   * Runs one-document save calls in one pipeline (per node on a cluster): those of one bucket and
   * form joined, in their order, into calls of up to {@value #SAVE_TOGETHER} documents — a script
   * call costs the server far more than a command, so one call per document made a batch cost
   * 2.5× the same writes as plain commands; and within a call the script sends one command per
   * index key for all its documents. A call's ids are distinct. Each call, and so each document,
   * is atomic.
   *
   * <p>Plain saves of hash documents (no condition, version, expiry or change feed: {@link
   * ScriptCalls#indexable}) take the documents and their new entries out of the script: per joined
   * call one transaction of {@code index.lua} (old manifests, stale entries; on a cluster it also
   * names the bucket's {@link KeyLayout.Bucket#absent} key, so that it waits while the slot migrates),
   * one plain {@code ZADD} per index key (the compact layout's entries, which only a script can
   * add, are added by {@code index.lua} from the new manifests), one {@code HSET} per document and
   * a {@code SET} of each manifest kept in its key, in the same pipeline —
   * still atomic per document, and fields and entries no longer pass through Lua twice.
   *
   * @return the documents not written, by position in {@code calls}, in order
   */
  public List<Refusal> saveAll(List<ScriptCall> calls) {
    return saveAll(calls, new BitSet());
  }

  /**
   * {@link #saveAll(List)}, where the calls at the positions {@code newIds} holds save documents
   * under ids just generated at random ({@link WriteCondition#NEW}): their plain saves join into
   * transactions without {@code index.lua}, as {@link #saveNew} writes one.
   */
  public List<Refusal> saveAll(List<ScriptCall> calls, BitSet newIds) {
    if (calls.isEmpty()) {
      return List.of();
    }
    Batch batch = connection.batch();
    boolean split = feed.equals(Feed.NONE) && batch instanceof TransactionBatch transactions
        && transactions.slotTransactions();
    Joined[] kinds = Joined.values();
    Map<String, List<Integer>> byBucket = new LinkedHashMap<>(); // the #ids key and form → positions
    for (int i = 0; i < calls.size(); i++) {
      ScriptCall call = calls.get(i);
      byBucket.computeIfAbsent(call.keys().get(0) + '\n' + call.args().get(1), b -> new ArrayList<>()).add(i);
    }
    List<Reply<?>> replies = new ArrayList<>();
    List<Boolean> transaction = new ArrayList<>(); // whether each reply is a transaction's
    List<List<Integer>> positions = new ArrayList<>(); // of each joined call's documents in calls
    for (List<Integer> bucket : byBucket.values()) {
      // A call of each kind fills side by side. A call's ids are distinct (the script reads every
      // old manifest first): a repeated id sends them all, so that its later save runs after the earlier.
      List<List<Integer>> open = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      Set<String> ids = new HashSet<>();
      for (int position : bucket) {
        ScriptCall call = calls.get(position);
        Joined kind = !split ? Joined.SCRIPT
            : newIds.get(position) && !layout.compact() && ScriptCalls.unconditionalWhenNew(call) ? Joined.NEW
            : ScriptCalls.indexable(call) ? Joined.INDEXED : Joined.SCRIPT;
        if (!ids.add(ScriptCalls.savedId(call))) {
          for (Joined k : kinds) {
            joinOpen(calls, open.get(k.ordinal()), k, batch, replies, transaction, positions);
          }
          ids.clear();
          ids.add(ScriptCalls.savedId(call));
        }
        List<Integer> part = open.get(kind.ordinal());
        part.add(position);
        if (part.size() == SAVE_TOGETHER) {
          for (int p : part) {
            ids.remove(ScriptCalls.savedId(calls.get(p)));
          }
          joinOpen(calls, part, kind, batch, replies, transaction, positions);
        }
      }
      for (Joined k : kinds) {
        joinOpen(calls, open.get(k.ordinal()), k, batch, replies, transaction, positions);
      }
    }
    batch.execute();
    List<Refusal> refused = new ArrayList<>();
    for (int c = 0; c < replies.size(); c++) {
      List<?> reply = (List<?>) replies.get(c).get(); // the first call that failed throws
      if (transaction.get(c)) {
        throwFailed(reply);
        continue; // nothing to refuse: the saves are unconditional
      }
      for (int at = 0; at < reply.size(); at += 2) {
        refused.add(refusal(reply, at, positions.get(c)));
      }
    }
    refused.sort(Comparator.comparingInt(Refusal::position));
    return refused;
  }

  /** Throws the first command of {@code EXEC}'s reply that failed: what ran stays, as when {@code save.lua} fails half-way. */
  private static void throwFailed(List<?> exec) {
    for (Object part : exec) {
      if (part instanceof RekordException failure) {
        throw failure;
      }
    }
  }

  /**
   * Runs one-document save calls in one pipeline (per node), each as a script call of its own:
   * fenced saves, whose lock and fencing keys and token end the call, so none joins another.
   *
   * @return the documents not written, by position in {@code calls}, in order
   */
  public List<Refusal> saveEach(List<ScriptCall> calls) {
    if (calls.isEmpty()) {
      return List.of();
    }
    List<Object> replies = connection.evalAll(scripts.save, feed.appendTo(calls));
    List<Refusal> refused = new ArrayList<>();
    for (int c = 0; c < replies.size(); c++) {
      List<?> reply = (List<?>) replies.get(c);
      if (!reply.isEmpty()) {
        refused.add(refusal(reply, 0, List.of(c)));
      }
    }
    return refused;
  }

  /** How {@link #saveAll} joins one-document saves into one call. */
  private enum Joined {
    /** One {@code save.lua} call. */
    SCRIPT,
    /** A transaction of {@code index.lua} (old manifests, stale entries) and the plain writes. */
    INDEXED,
    /** A transaction of the plain writes alone: documents under ids just generated at random. */
    NEW
  }

  /** {@link #join}s the calls at {@code part}, if any, noting its reply, kind and positions, and empties it. */
  private void joinOpen(List<ScriptCall> calls, List<Integer> part, Joined kind, Batch batch,
      List<Reply<?>> replies, List<Boolean> transaction, List<List<Integer>> positions) {
    if (part.isEmpty()) {
      return;
    }
    replies.add(join(calls, part, kind, batch));
    transaction.add(kind != Joined.SCRIPT);
    positions.add(List.copyOf(part));
    part.clear();
  }

  /**
   * Queues the saves of {@code calls} at {@code part} (one bucket and form, distinct ids) in {@code
   * batch} as {@code kind} says: one {@code save.lua} call, or a transaction of {@code index.lua}
   * (unless the ids are new), the entries' {@code ZADD}s, the documents' {@code HSET}s and the
   * {@code SET}s of manifests kept in keys.
   */
  private Reply<?> join(List<ScriptCall> calls, List<Integer> part, Joined kind, Batch batch) {
    List<ScriptCall> together = new ArrayList<>(part.size());
    for (int position : part) {
      together.add(calls.get(position));
    }
    if (kind == Joined.SCRIPT) {
      ScriptCall call = feed.appendTo(ScriptCalls.saveTogether(together));
      return batch.eval(scripts.save, call.keys(), call.args());
    }
    if (kind == Joined.NEW) {
      return ((TransactionBatch) batch).writeTransaction(scripts.save.name(), writeCommands(together));
    }
    KeyLayout.Bucket bucket = layout.bucketFor(ScriptCalls.savedId(together.get(0)));
    return ((TransactionBatch) batch).transaction(scripts.index,
        ScriptCalls.indexOnly(bucket, together, connection.isCluster()), writeCommands(together));
  }

  /**
   * The plain commands that write {@code saves} ({@link ScriptCalls#indexable}, of one bucket, of
   * distinct ids) once nothing stale is left: their entries ({@link ScriptCalls#entryCommands}),
   * their documents' {@code HSET}s and the {@code SET}s of manifests kept in keys.
   */
  private List<Command<?>> writeCommands(List<ScriptCall> saves) {
    List<Command<?>> commands = ScriptCalls.entryCommands(saves, layout.compact());
    for (ScriptCall save : saves) {
      Command<?> document = ScriptCalls.documentCommand(save);
      if (document != null) {
        commands.add(document);
      }
    }
    commands.addAll(ScriptCalls.manifestKeyCommands(saves));
    return commands;
  }

  /**
   * Replaces only the index entries of each document of {@code entries} (id → its entries),
   * stored in {@code form}, leaving the documents and their expiry untouched; a document that no longer exists loses its
   * entries instead. One pipeline, each document atomically.
   *
   * @return how many documents were reindexed (the others no longer existed)
   */
  public long reindexAll(Map<String, IndexEntries> entries, Form form) {
    List<ScriptCall> calls = new ArrayList<>(entries.size());
    entries.forEach((id, values) -> calls.add(ScriptCalls.reindex(layout.bucketFor(id), id, form, values)));
    return ones(scripts.reindex, calls);
  }

  /**
   * Removes the index entries of each of {@code ids} whose document no longer exists (expired or
   * deleted by someone else), leaving the others alone. One pipeline, each id atomically.
   *
   * @return how many ids were dropped
   */
  public long dropAllIfGone(List<String> ids) {
    List<ScriptCall> calls = new ArrayList<>(ids.size());
    for (String id : ids) {
      calls.add(ScriptCalls.dropIfGone(layout.bucketFor(id), id));
    }
    return ids.size() - ones(scripts.dropIfGone, calls);
  }

  /**
   * Deletes the document of {@code id} and every index entry of it.
   *
   * @return whether the document existed
   */
  public boolean delete(String id) {
    return delete(id, Form.HASH, null);
  }

  /**
   * {@link #delete(String)} of a document stored in {@code form} whose {@code @Version} is stored
   * under {@code versionField} ({@code null}: none): the change feed's event carries it.
   */
  public boolean delete(String id, Form form, String versionField) {
    return Long.valueOf(1).equals(eval(scripts.delete, ScriptCalls.delete(layout.bucketFor(id), id, form,
        versionField)));
  }

  /**
   * {@link #delete} only when the {@code @Version} stored under {@code versionField} is {@code
   * expectedVersion} (0: no document).
   *
   * @return empty when it was (and the document, if any, is deleted), else the stored version
   */
  public OptionalLong deleteVersioned(String id, Form form, String versionField, long expectedVersion) {
    ScriptCall call = ScriptCalls.deleteVersioned(layout.bucketFor(id), id, form, versionField, expectedVersion);
    Object reply = eval(scripts.delete, call);
    return reply instanceof List<?> stored
        ? OptionalLong.of(Long.parseLong(String.valueOf(stored.get(0))))
        : OptionalLong.empty();
  }

  /**
   * The document of {@code id} stored in {@code form} for a partial update: {@code read.lua}'s reply
   * (the document as a script returns it, its digest, its PTTL).
   */
  public List<?> read(String id, Form form) {
    ScriptCall call = ScriptCalls.read(layout.bucketFor(id), id, form);
    return (List<?>) connection.eval(scripts.read, call.keys(), call.args());
  }

  /** {@link #read} of each of {@code ids}, in that order, in one pipeline (per node). */
  public List<List<?>> readAll(List<String> ids, Form form) {
    List<ScriptCall> calls = new ArrayList<>(ids.size());
    for (String id : ids) {
      calls.add(ScriptCalls.read(layout.bucketFor(id), id, form));
    }
    List<List<?>> read = new ArrayList<>(ids.size());
    for (Object reply : connection.evalAll(scripts.read, calls)) {
      read.add((List<?>) reply);
    }
    return read;
  }

  /** Deletes many documents in one pipeline, each atomically, as {@link #delete(String, Form, String)}; returns how many existed. */
  public long deleteAll(List<String> ids, Form form, String versionField) {
    List<ScriptCall> calls = new ArrayList<>(ids.size());
    for (String id : ids) {
      calls.add(ScriptCalls.delete(layout.bucketFor(id), id, form, versionField));
    }
    return ones(scripts.delete, calls);
  }

  /**
   * Changes the expiry of the document of {@code id}, stored in {@code form} (its {@code @Version}
   * under {@code versionField}, else {@code null}, for the change feed), with its expiring entry
   * and manifest, atomically.
   *
   * @return whether it changed (false: no document, or a refresh or persist of one that does not expire)
   */
  public boolean expire(String id, Form form, String versionField, EngineProtocol.Expire action, long millis) {
    return Long.valueOf(1).equals(eval(scripts.expire,
        ScriptCalls.expire(layout.bucketFor(id), id, form, versionField, action, millis)));
  }

  /** {@link EngineProtocol.Expire#REFRESH} of many documents in one pipeline; how many were refreshed. */
  public long refreshAll(List<String> ids, Form form, String versionField, long millis) {
    List<ScriptCall> calls = new ArrayList<>(ids.size());
    for (String id : ids) {
      calls.add(ScriptCalls.expire(layout.bucketFor(id), id, form, versionField, EngineProtocol.Expire.REFRESH, millis));
    }
    return ones(scripts.expire, calls);
  }

  /**
   * The documents of {@code ids} stored in {@code form}, each read by the script that restarts its
   * expiry at {@code millis} from now ({@link EngineProtocol.Expire#READ}): {@code expire.lua}'s
   * replies, in order. One pipeline.
   */
  public List<List<?>> readRefreshingAll(List<String> ids, Form form, String versionField, long millis) {
    List<ScriptCall> calls = new ArrayList<>(ids.size());
    for (String id : ids) {
      calls.add(ScriptCalls.expire(layout.bucketFor(id), id, form, versionField, EngineProtocol.Expire.READ, millis));
    }
    List<List<?>> read = new ArrayList<>(ids.size());
    for (Object reply : connection.evalAll(scripts.expire, feed.appendTo(calls))) {
      read.add((List<?>) reply);
    }
    return read;
  }

  /** Runs {@code calls} of {@code script} in one pipeline; how many returned 1. */
  private long ones(LuaScript script, List<ScriptCall> calls) {
    if (calls.isEmpty()) {
      return 0;
    }
    long ones = 0;
    for (Object result : connection.evalAll(script, feed.appendTo(calls))) {
      if (Long.valueOf(1).equals(result)) {
        ones++;
      }
    }
    return ones;
  }

  /** Runs one call of {@code script}, with the feed's arguments. */
  private Object eval(LuaScript script, ScriptCall call) {
    ScriptCall fed = feed.appendTo(call);
    return connection.eval(script, fed.keys(), fed.args());
  }

  /** Whole milliseconds, rounded up so a sub-millisecond TTL still expires. */
  public static long ttlMillis(Duration ttl) {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero (no expiry) or positive: " + ttl);
    }
    long millis = ttl.toMillis();
    return ttl.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }
}
