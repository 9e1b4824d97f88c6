package dev.rekord.internal.schema;

import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.model.IndexLayout;
import dev.rekord.model.RekordModel;
import dev.rekord.connection.LuaScript;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import dev.rekord.connection.Command;

/**
 * The schema records of one connection's models ({@link SchemaRecord}), read from Redis once per
 * model and cached. A missing record is created as {@code migrate()} would create it, so an
 * application that never migrates still works. Thread-safe.
 *
 * <p><b>Default buckets.</b> Unless configured ({@code Rekord.builder().buckets(n)}), a model gets
 * one bucket on a standalone server — one script call per query, nothing to merge — and 16 on a
 * cluster, so a model's documents and index spread over up to 16 slots, on as many nodes, while
 * a query fans out to no more than 16 scripts (grouped per node). The count is fixed when the
 * record is created; changing it later needs the documents to move and is not done by Rekord.
 */
public final class SchemaStore {

  /** Buckets of a model on a cluster when none are configured. */
  public static final int CLUSTER_BUCKETS = 16;

  /** Creates the record unless one exists; returns 1 when it created it. */
  private static final LuaScript CREATE = new LuaScript("schema-create", """
      if redis.call('EXISTS', KEYS[1]) == 1 then
        return 0
      end
      redis.call('HSET', KEYS[1], unpack(ARGV))
      return 1
      """);

  private final RedisConnection connection;
  private final int defaultBuckets;
  private final IndexLayout defaultLayout;
  private final Map<Class<?>, IndexLayout> layouts;
  private final Map<String, SchemaRecord> cache = new ConcurrentHashMap<>();

  /**
   * @param defaultBuckets the buckets of a new record; 0 for the default (1 standalone, {@value
   *     #CLUSTER_BUCKETS} on a cluster)
   */
  public SchemaStore(RedisConnection connection, int defaultBuckets) {
    this(connection, defaultBuckets, IndexLayout.STANDARD, Map.of());
  }

  /**
   * @param defaultLayout the index layout of every model without one of its own
   * @param layouts the index layouts of particular models, by record type
   */
  public SchemaStore(RedisConnection connection, int defaultBuckets, IndexLayout defaultLayout,
      Map<Class<?>, IndexLayout> layouts) {
    if (defaultBuckets < 0) {
      throw new IllegalArgumentException("buckets must be positive (or 0 for the default): " + defaultBuckets);
    }
    this.connection = connection;
    this.defaultBuckets = defaultBuckets;
    this.defaultLayout = java.util.Objects.requireNonNull(defaultLayout, "defaultLayout");
    this.layouts = Map.copyOf(layouts);
  }

  /** The index layout configured for {@code model}. */
  public IndexLayout layout(RekordModel<?, ?> model) {
    return layouts.getOrDefault(model.type(), defaultLayout);
  }

  /** Whether {@code model}'s index is configured compact ({@link IndexLayout#COMPACT}). */
  public boolean compact(RekordModel<?, ?> model) {
    return layout(model) == IndexLayout.COMPACT;
  }

  /**
   * The version of the portable engine's key layout {@code model}'s index must be built with: {@link
   * KeyLayout#LAYOUT_VERSION}, or {@link KeyLayout#COMPACT_LAYOUT_VERSION} for a compact one.
   */
  public int layoutVersion(RekordModel<?, ?> model) {
    return compact(model) ? KeyLayout.COMPACT_LAYOUT_VERSION : KeyLayout.LAYOUT_VERSION;
  }

  /** The number of buckets a new model gets on this connection. */
  public int defaultBuckets() {
    if (defaultBuckets > 0) {
      return defaultBuckets;
    }
    return connection.isCluster() ? CLUSTER_BUCKETS : 1;
  }

  /** The model's record: cached, else read, else created. */
  public SchemaRecord get(RekordModel<?, ?> model) {
    SchemaRecord cached = cache.get(model.keyPrefix());
    return cached != null ? cached : ensure(model).record();
  }

  /**
   * The model's record when its index serves the model's definition, re-read from Redis once if the
   * cached one does not (another process may have migrated).
   *
   * @throws SchemaMismatchException when the index was built for another definition or is being
   *     rebuilt
   */
  public SchemaRecord requireQueryable(RekordModel<?, ?> model) {
    String fingerprint = model.index().fingerprint();
    SchemaRecord record = get(model);
    int layout = layoutVersion(model);
    if (record.servesFingerprint(fingerprint, layout)) {
      return record;
    }
    record = ensure(model).record();
    if (record.servesFingerprint(fingerprint, layout)) {
      return record;
    }
    if (record.state() == SchemaRecord.State.READY && record.fingerprint().equals(fingerprint)) {
      throw new SchemaMismatchException("the index of " + model.name() + " (key prefix '"
          + model.keyPrefix() + "') was built with index layout " + record.layout()
          + ", but this version of Rekord reads layout " + KeyLayout.LAYOUT_VERSION
          + "; run rekord.migrate() to rebuild it");
    }
    throw new SchemaMismatchException("the index of " + model.name() + " (key prefix '"
        + model.keyPrefix() + "') was built for fingerprint " + record.fingerprint()
        + (record.state() == SchemaRecord.State.BUILDING ? " and is being rebuilt for " + record.target() : "")
        + ", but the model's definition has fingerprint " + fingerprint
        + "; run rekord.migrate() to rebuild it");
  }

  /** The record as read from Redis (creating it when missing), and whether it was created now. */
  public Ensured ensure(RekordModel<?, ?> model) {
    String key = SchemaRecord.key(model.keyPrefix());
    Map<String, String> hash = connection.execute(Commands.hgetAll(key));
    boolean created = false;
    if (hash.isEmpty()) {
      SchemaRecord fresh = new SchemaRecord(model.index().fingerprint(), defaultBuckets(),
          SchemaRecord.State.READY, null, SchemaRecord.describe(model.index()), Instant.now(),
          layoutVersion(model));
      List<String> args = new ArrayList<>();
      fresh.toHash().forEach((field, value) -> {
        args.add(field);
        args.add(value);
      });
      created = Long.valueOf(1).equals(connection.eval(CREATE, List.of(key), args));
      hash = created ? fresh.toHash() : connection.execute(Commands.hgetAll(key));
    }
    SchemaRecord record = SchemaRecord.fromHash(key, hash);
    cache.put(model.keyPrefix(), record);
    return new Ensured(record, created);
  }

  /**
   * The model's record as Redis holds it now, read by {@code read} (a health check: once, without
   * retries), without creating it or touching the cache; {@code null} when there is none.
   */
  public static SchemaRecord read(RekordModel<?, ?> model, Function<Command<Map<String, String>>, Map<String, String>> read) {
    String key = SchemaRecord.key(model.keyPrefix());
    Map<String, String> hash = read.apply(Commands.hgetAll(key));
    return hash.isEmpty() ? null : SchemaRecord.fromHash(key, hash);
  }

  /** Writes fields of the record and refreshes the cache. */
  public SchemaRecord update(RekordModel<?, ?> model, Map<String, String> fields, List<String> removed) {
    String key = SchemaRecord.key(model.keyPrefix());
    connection.execute(Commands.hset(key, fields)); // idempotent: the same fields again
    if (!removed.isEmpty()) {
      connection.execute(Commands.hdel(key, removed));
    }
    SchemaRecord record = SchemaRecord.fromHash(key, connection.execute(Commands.hgetAll(key)));
    cache.put(model.keyPrefix(), record);
    return record;
  }

  /** Forgets the cached records, so they are read again. */
  public void invalidate() {
    cache.clear();
  }

  public record Ensured(SchemaRecord record, boolean created) {}
}
