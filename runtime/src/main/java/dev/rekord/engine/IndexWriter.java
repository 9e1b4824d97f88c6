package dev.rekord.engine;

import dev.rekord.connection.RedisConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes and deletes documents of one model together with their index entries, each in one atomic
 * script. A save first removes every entry the document's manifest names (whatever model wrote
 * it), then writes the document, its new entries and the new manifest; so a changed value moves
 * the id between index keys and nothing stale is left behind.
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

  /**
   * Replaces the hash document {@code documentKey} with {@code fields} and its index entries.
   *
   * @param ttl {@link Duration#ZERO} for none
   */
  public void saveHash(String documentKey, String id, Map<String, String> fields, Duration ttl,
      IndexEntries entries) {
    List<String> document = new ArrayList<>(2 * fields.size());
    for (Map.Entry<String, String> field : fields.entrySet()) {
      document.add(field.getKey());
      document.add(field.getValue());
    }
    save(documentKey, id, "hash", document, ttl, entries);
  }

  /** Replaces the JSON document {@code documentKey} (stored as a string) and its index entries. */
  public void saveJson(String documentKey, String id, String json, Duration ttl, IndexEntries entries) {
    save(documentKey, id, "json", List.of(json), ttl, entries);
  }

  /**
   * Deletes the document and every index entry of it.
   *
   * @return whether the document existed
   */
  public boolean delete(String documentKey, String id) {
    Object deleted = EngineScripts.DELETE.eval(connection,
        List.of(documentKey, layout.manifest(id), layout.all()), List.of(id));
    return deleted instanceof Long n && n > 0;
  }

  private void save(String documentKey, String id, String storage, List<String> document,
      Duration ttl, IndexEntries entries) {
    List<String> keys = new ArrayList<>(3 + entries.size());
    keys.add(documentKey);
    keys.add(layout.manifest(id));
    keys.add(layout.all());
    List<String> args = new ArrayList<>(4 + document.size() + 3 * entries.size());
    args.add(id);
    args.add(storage);
    args.add(Long.toString(ttlMillis(ttl)));
    args.add(Integer.toString(document.size()));
    args.addAll(document);
    entries.appendTo(layout, keys, args);
    EngineScripts.SAVE.eval(connection, keys, args);
  }

  /** Whole milliseconds, rounded up so a sub-millisecond TTL still expires. */
  private static long ttlMillis(Duration ttl) {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero (no expiry) or positive: " + ttl);
    }
    long millis = ttl.toMillis();
    return ttl.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }
}
