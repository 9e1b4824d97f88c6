package dev.rekord.schema;

import dev.rekord.annotations.Storage;
import dev.rekord.connection.RedisCalls;
import dev.rekord.connection.RedisConnection;
import dev.rekord.engine.IndexEntries;
import dev.rekord.engine.IndexWriter;
import dev.rekord.engine.KeyLayout;
import dev.rekord.model.RekordModel;
import dev.rekord.schema.MigrationReport.ModelMigration;
import dev.rekord.schema.MigrationReport.Outcome;
import dev.rekord.script.ScriptCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Brings the portable index of every model in line with its generated definition ({@code
 * Rekord.migrate()}): creates missing schema records, verifies fingerprints and rebuilds indexes
 * whose definition changed.
 *
 * <p><b>Rebuild.</b> The record is marked {@code building} with the {@code target} fingerprint;
 * then every document key of the model is visited with {@code SCAN} ({@code MATCH {member}:*}
 * for each bucket's tag, {@code TYPE hash|string}, filtered to the model's document keys),
 * decoded with the codec in batches and its index entries rewritten by a script that leaves the
 * document and its expiry alone. Rewriting removes every entry the document's manifest names first, so entries of fields
 * that no longer exist go too. Last, ids still in a bucket's {@code #ids} set whose document is
 * gone (expired or deleted meanwhile) are removed with their entries. Then the record becomes
 * {@code ready} with the new fingerprint. Every step is idempotent: an interrupted rebuild (state
 * {@code building}) is simply run again by the next {@code migrate()}. Reads by id keep working
 * throughout; queries fail with {@link dev.rekord.SchemaMismatchException} until it is done.
 * A document that cannot be decoded is skipped and reported, and keeps its old entries.
 */
public final class SchemaMigrator {

  /** How many undecodable keys a report names. */
  public static final int REPORTED_KEYS = 10;

  /** Documents read and reindexed per round trip. */
  static final int BATCH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  private final RedisConnection connection;
  private final SchemaStore store;

  public SchemaMigrator(RedisConnection connection, SchemaStore store) {
    this.connection = connection;
    this.store = store;
  }

  /** Migrates every model in {@code models}. */
  public MigrationReport migrate(List<RekordModel<?, ?>> models, MigrationListener listener) {
    long started = System.nanoTime();
    List<ModelMigration> results = new ArrayList<>();
    for (RekordModel<?, ?> model : models) {
      results.add(migrate(model, listener));
    }
    return new MigrationReport(results, Duration.ofNanos(System.nanoTime() - started));
  }

  /** Migrates one model. */
  public <T> ModelMigration migrate(RekordModel<T, ?> model, MigrationListener listener) {
    long started = System.nanoTime();
    String fingerprint = model.index().fingerprint();
    SchemaStore.Ensured ensured = store.ensure(model);
    SchemaRecord record = ensured.record();
    if (ensured.created()) {
      LOG.info("Rekord: created the index of {} (prefix '{}', {} bucket(s), fingerprint {})",
          model.name(), model.keyPrefix(), record.buckets(), fingerprint);
      return result(model, Outcome.CREATED, record, new Rebuild(), started);
    }
    if (record.servesFingerprint(fingerprint)) {
      LOG.debug("Rekord: the index of {} is up to date (fingerprint {})", model.name(), fingerprint);
      return result(model, Outcome.VERIFIED, record, new Rebuild(), started);
    }
    LOG.info("Rekord: rebuilding the index of {} (prefix '{}'): fingerprint {} -> {}, layout {} -> {}{}",
        model.name(), model.keyPrefix(), record.fingerprint(), fingerprint, record.layout(),
        KeyLayout.LAYOUT_VERSION,
        record.state() == SchemaRecord.State.BUILDING ? " (resuming an unfinished rebuild)" : "");
    store.update(model, Map.of("state", SchemaRecord.State.BUILDING.text(), "target", fingerprint,
        "updated", Instant.now().toString()), List.of());
    Rebuild rebuild = rebuild(model, KeyLayout.of(model.keyPrefix(), record.buckets()), listener);
    SchemaRecord done = store.update(model, Map.of("fingerprint", fingerprint,
        "state", SchemaRecord.State.READY.text(), "definition", SchemaRecord.describe(model.index()),
        "updated", Instant.now().toString(), "layout", Integer.toString(KeyLayout.LAYOUT_VERSION)),
        List.of("target"));
    ModelMigration result = result(model, Outcome.REBUILT, done, rebuild, started);
    LOG.info("Rekord: rebuilt the index of {}: {} document(s) reindexed, {} undecodable{} in {} ms",
        model.name(), rebuild.reindexed, rebuild.undecodable,
        rebuild.keys.isEmpty() ? "" : " (first: " + rebuild.keys + ")", result.duration().toMillis());
    return result;
  }

  private static ModelMigration result(RekordModel<?, ?> model, Outcome outcome, SchemaRecord record,
      Rebuild rebuild, long started) {
    return new ModelMigration(model.name(), model.keyPrefix(), outcome, record.buckets(),
        record.fingerprint(), rebuild.reindexed, rebuild.undecodable, rebuild.keys,
        Duration.ofNanos(System.nanoTime() - started));
  }

  /** Counters of one rebuild. */
  private static final class Rebuild {
    long reindexed;
    long undecodable;
    long total;
    final List<String> keys = new ArrayList<>();
  }

  private <T> Rebuild rebuild(RekordModel<T, ?> model, KeyLayout layout, MigrationListener listener) {
    IndexWriter writer = new IndexWriter(connection, layout);
    Rebuild rebuild = new Rebuild();
    rebuild.total = indexedIds(layout);
    String type = model.storage() == Storage.HASH ? "hash" : "string";
    String match = KeyLayout.escapeGlob("{" + model.keyPrefix()) + "*";
    connection.scanKeys(match, type, keys -> {
      List<String> documents = new ArrayList<>(keys.size());
      for (String key : keys) {
        if (isDocumentKey(layout, key)) {
          documents.add(key);
        }
      }
      for (int from = 0; from < documents.size(); from += BATCH) {
        reindex(model, layout, writer, documents.subList(from, Math.min(from + BATCH, documents.size())), rebuild);
        listener.progress(model.name(), rebuild.reindexed, Math.max(rebuild.total, rebuild.reindexed));
      }
    });
    for (int b = 0; b < layout.buckets(); b++) {
      dropVanished(layout.bucket(b), writer);
    }
    for (int b = 0; b < layout.buckets(); b++) {
      dropLegacyAll(layout.bucket(b), writer);
    }
    listener.progress(model.name(), rebuild.reindexed, rebuild.reindexed);
    return rebuild;
  }

  /** Whether {@code key} is a document key of the layout (and not an index key or another model's). */
  private static boolean isDocumentKey(KeyLayout layout, String key) {
    for (int b = 0; b < layout.buckets(); b++) {
      String prefix = layout.bucket(b).documentPrefix();
      if (key.startsWith(prefix)) {
        return layout.bucketOf(key.substring(prefix.length())) == b;
      }
    }
    return false;
  }

  private <T> void reindex(RekordModel<T, ?> model, KeyLayout layout, IndexWriter writer,
      List<String> keys, Rebuild rebuild) {
    List<Response<?>> replies = RedisCalls.call(() -> {
      List<Response<?>> out = new ArrayList<>(keys.size());
      try (AbstractPipeline pipeline = connection.pipeline()) {
        for (String key : keys) {
          out.add(model.storage() == Storage.HASH ? pipeline.hgetAll(key) : pipeline.get(key));
        }
        pipeline.sync();
      }
      return out;
    });
    List<ScriptCall> calls = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      String id = idOf(layout, key);
      try {
        T value = decode(model, key, replies.get(i).get());
        if (value == null) {
          continue; // deleted since the scan
        }
        IndexEntries entries = IndexEntries.create();
        model.codec().indexEntries(value, entries);
        calls.add(writer.reindexCall(id, entries));
      } catch (RuntimeException e) {
        rebuild.undecodable++;
        if (rebuild.keys.size() < REPORTED_KEYS) {
          rebuild.keys.add(key);
        }
        LOG.warn("Rekord: skipped {} while rebuilding the index of {}: {}", key, model.name(), e.getMessage());
      }
    }
    for (Object result : writer.saveAll(calls)) {
      if (Long.valueOf(1).equals(result)) {
        rebuild.reindexed++;
      }
    }
  }

  private static String idOf(KeyLayout layout, String key) {
    for (int b = 0; b < layout.buckets(); b++) {
      String prefix = layout.bucket(b).documentPrefix();
      if (key.startsWith(prefix)) {
        return key.substring(prefix.length());
      }
    }
    throw new IllegalArgumentException("not a document key: " + key);
  }

  @SuppressWarnings("unchecked")
  private static <T> T decode(RekordModel<T, ?> model, String key, Object reply) {
    if (model.storage() == Storage.HASH) {
      Map<String, String> fields = (Map<String, String>) reply;
      return fields == null || fields.isEmpty() ? null : model.codec().fromHash(key, fields);
    }
    return reply == null ? null : model.codec().fromJson(key, (String) reply);
  }

  /**
   * Removes ids of the bucket's set of all ids whose document no longer exists, with their
   * entries; the script checks existence itself, so a document saved meanwhile is left alone.
   */
  private void dropVanished(KeyLayout.Bucket bucket, IndexWriter writer) {
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().count(BATCH);
    do {
      String from = cursor;
      ScanResult<redis.clients.jedis.resps.Tuple> page =
          RedisCalls.call(() -> connection.commands().zscan(bucket.all(), from, params));
      List<ScriptCall> calls = new ArrayList<>(page.getResult().size());
      for (redis.clients.jedis.resps.Tuple member : page.getResult()) {
        calls.add(writer.dropIfGoneCall(member.getElement()));
      }
      writer.saveAll(calls);
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
  }

  /**
   * After a rebuild from layout 1: its set of all ids ({@code #all}) may still name ids whose
   * document expired before the rebuild; their old entries go (through their manifests), then the
   * set itself.
   */
  private void dropLegacyAll(KeyLayout.Bucket bucket, IndexWriter writer) {
    String legacy = bucket.legacyAll();
    if (!"set".equals(RedisCalls.call(() -> connection.commands().type(legacy)))) {
      return;
    }
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().count(BATCH);
    do {
      String from = cursor;
      ScanResult<String> page = RedisCalls.call(() -> connection.commands().sscan(legacy, from, params));
      List<ScriptCall> calls = new ArrayList<>(page.getResult().size());
      for (String id : page.getResult()) {
        calls.add(writer.dropIfGoneCall(id));
      }
      writer.saveAll(calls);
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    RedisCalls.call(() -> connection.commands().del(legacy));
  }

  /** The ids in the index now: the expected size of a rebuild. */
  private long indexedIds(KeyLayout layout) {
    return RedisCalls.call(() -> {
      List<Response<Long>> sizes = new ArrayList<>();
      try (AbstractPipeline pipeline = connection.pipeline()) {
        for (int b = 0; b < layout.buckets(); b++) {
          sizes.add(pipeline.zcard(layout.bucket(b).all()));
        }
        pipeline.sync();
      }
      long total = 0;
      for (Response<Long> size : sizes) {
        total += size.get();
      }
      return total;
    });
  }
}
