package dev.rekord.internal.engine.portable;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ScriptCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes and deletes documents of one model together with their index entries, each in one atomic
 * script. A save writes the document and its new entries, removes every entry the old manifest
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

  private final RedisConnection connection;
  private final KeyLayout layout;

  public IndexWriter(RedisConnection connection, KeyLayout layout) {
    this.connection = connection;
    this.layout = layout;
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

  /** Replaces the JSON document of {@code id} (stored as a string) and its index entries. */
  public void saveJson(String id, String json, Duration ttl, IndexEntries entries) {
    save(saveJsonCall(id, json, ttl, entries));
  }

  /** {@link #saveHash} as a call for {@link #saveAll}. */
  public ScriptCall saveHashCall(String id, Map<String, String> fields, Duration ttl, IndexEntries entries) {
    KeyLayout.Bucket bucket = layout.bucketFor(id);
    List<String> args = arguments(id, "hash", ttlMillis(ttl), 2 * fields.size(), entries);
    for (Map.Entry<String, String> field : fields.entrySet()) { // straight into ARGV, no copy
      args.add(field.getKey());
      args.add(field.getValue());
    }
    return call(bucket, id, args, entries);
  }

  /**
   * A save of a document in its stored form ({@code storage} {@code hash}: field/value pairs;
   * {@code json}: the text) with its index entries, for {@link #save} or {@link #saveAll}.
   */
  public ScriptCall saveCall(String id, String storage, List<String> document, Duration ttl,
      IndexEntries entries) {
    return call(id, storage, document, ttlMillis(ttl), entries);
  }

  /** {@link #saveJson} as a call for {@link #saveAll}. */
  public ScriptCall saveJsonCall(String id, String json, Duration ttl, IndexEntries entries) {
    return call(id, "json", List.of(json), ttlMillis(ttl), entries);
  }

  /**
   * Replaces only the index entries of the document of {@code id}, leaving the document and its
   * expiry untouched; a document that no longer exists loses its entries instead. For {@link
   * #saveAll}, whose result is then {@code 1} (reindexed) or {@code 0} (no document).
   */
  public ScriptCall reindexCall(String id, IndexEntries entries) {
    return call(id, "keep", List.of(), 0, entries);
  }

  /**
   * Removes the index entries of {@code id} if its document no longer exists (expired or deleted
   * by someone else); changes nothing otherwise. For {@link #saveAll}, whose result is then {@code
   * 0} (dropped) or {@code 1} (the document exists).
   */
  public ScriptCall dropIfGoneCall(String id) {
    return call(id, "drop", List.of(), 0, IndexEntries.create());
  }

  /** Runs one save or reindex call (no pipeline: one round trip); returns the script's result. */
  public Object save(ScriptCall call) {
    return connection.eval(EngineScripts.SAVE, call.keys(), call.args());
  }

  /**
   * Runs save and reindex calls in one pipeline (per slot on a cluster); each document atomically.
   *
   * @return the scripts' results, in order
   */
  public List<Object> saveAll(List<ScriptCall> calls) {
    if (calls.isEmpty()) {
      return List.of();
    }
    return connection.evalAll(EngineScripts.SAVE, calls);
  }

  /**
   * Deletes the document of {@code id} and every index entry of it.
   *
   * @return whether the document existed
   */
  public boolean delete(String id) {
    ScriptCall call = deleteCall(id);
    Object deleted = connection.eval(EngineScripts.DELETE, call.keys(), call.args());
    return deleted instanceof Long n && n > 0;
  }

  /** Deletes many documents in one pipeline, each atomically; returns how many existed. */
  public long deleteAll(List<String> ids) {
    if (ids.isEmpty()) {
      return 0;
    }
    List<ScriptCall> calls = new ArrayList<>(ids.size());
    for (String id : ids) {
      calls.add(deleteCall(id));
    }
    long deleted = 0;
    for (Object result : connection.evalAll(EngineScripts.DELETE, calls)) {
      if (result instanceof Long n && n > 0) {
        deleted++;
      }
    }
    return deleted;
  }

  private ScriptCall deleteCall(String id) {
    KeyLayout.Bucket bucket = layout.bucketFor(id);
    return new ScriptCall(List.of(bucket.documentKey(id), bucket.manifest(id), bucket.all()), List.of(id));
  }

  private ScriptCall call(String id, String storage, List<String> document, long ttlMillis,
      IndexEntries entries) {
    KeyLayout.Bucket bucket = layout.bucketFor(id);
    List<String> args = arguments(id, storage, ttlMillis, document.size(), entries);
    args.addAll(document);
    return call(bucket, id, args, entries);
  }

  /** Where the manifest goes in the script's arguments, once the entries have written it. */
  private static final int MANIFEST_ARG = 3;

  /**
   * The script's first five arguments (the manifest still empty), in a list sized for the {@code
   * documentArgs} document arguments the caller adds next and the entries' (at most three each).
   */
  private static List<String> arguments(String id, String storage, long ttlMillis, int documentArgs,
      IndexEntries entries) {
    List<String> args = new ArrayList<>(5 + documentArgs + 3 * entries.size());
    args.add(id);
    args.add(storage);
    args.add(Long.toString(ttlMillis));
    args.add(""); // MANIFEST_ARG
    args.add(Integer.toString(documentArgs));
    return args;
  }

  /** The call with the bucket's four fixed keys, then the entries' keys and arguments. */
  private static ScriptCall call(KeyLayout.Bucket bucket, String id, List<String> args, IndexEntries entries) {
    List<String> keys = new ArrayList<>(4 + entries.size());
    keys.add(bucket.documentKey(id));
    keys.add(bucket.manifest(id));
    keys.add(bucket.all());
    keys.add(bucket.expiring());
    args.set(MANIFEST_ARG, entries.appendTo(bucket, keys, args));
    return new ScriptCall(keys, args);
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
