package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScanPage;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.RekordModel;
import dev.rekord.schema.MigrationListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the portable index of one model ({@link PortableQueryEngine#rebuild}): every document
 * key of the model is visited with {@code SCAN} ({@code MATCH {prefix*}}, {@code TYPE hash|string},
 * filtered to the model's document keys), decoded in batches and its index entries rewritten by a
 * script that leaves the document and its expiry alone. Rewriting removes every entry the
 * document's manifest names first, so entries of fields that no longer exist go too. Last, ids
 * still in a bucket's set of all ids whose document is gone (expired or deleted meanwhile) are
 * removed with their entries. Every step is idempotent. A document that cannot be decoded is
 * skipped and reported, and keeps its old entries.
 */
final class PortableRebuild<T> {

  /** How many undecodable keys a report names. */
  static final int REPORTED_KEYS = 10;

  /** Documents read and reindexed per round trip. */
  static final int BATCH = 500;

  private static final Logger LOG = LoggerFactory.getLogger(PortableRebuild.class);

  private final RedisConnection connection;
  private final RekordModel<T, ?> model;
  private final DocumentStorage<T> storage;
  private final IndexWriter writer;
  private final KeyLayout layout;
  private long reindexed;
  private long undecodable;
  private long total;
  private final List<String> keys = new ArrayList<>();

  PortableRebuild(RedisConnection connection, RekordModel<T, ?> model, DocumentStorage<T> storage,
      IndexWriter writer) {
    this.connection = connection;
    this.model = model;
    this.storage = storage;
    this.writer = writer;
    this.layout = writer.layout();
  }

  /** Runs the rebuild; progress goes to {@code listener} once per batch, and once more at the end if it changed. */
  QueryEngine.Rebuild run(MigrationListener listener) {
    total = indexedIds();
    String match = KeyLayout.escapeGlob("{" + model.keyPrefix()) + "*";
    long[] reported = {-1};
    connection.scanKeys(match, storage.redisType(), batch -> {
      List<String> documents = new ArrayList<>(batch.size());
      for (String key : batch) {
        if (isDocumentKey(layout, key)) {
          documents.add(key);
        }
      }
      for (int from = 0; from < documents.size(); from += BATCH) {
        reindex(documents.subList(from, Math.min(from + BATCH, documents.size())));
        listener.progress(model.name(), reindexed, Math.max(total, reindexed));
        reported[0] = reindexed;
      }
    });
    for (int b = 0; b < layout.buckets(); b++) {
      dropVanished(layout.bucket(b));
    }
    dropOtherLayout();
    if (reported[0] != reindexed || total != reindexed) {
      listener.progress(model.name(), reindexed, reindexed);
    }
    return new QueryEngine.Rebuild(reindexed, undecodable, keys);
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

  private void reindex(List<String> batch) {
    Batch reads = connection.batch();
    List<Reply<?>> replies = new ArrayList<>(batch.size());
    for (String key : batch) {
      replies.add(reads.add(storage.read(key)));
    }
    reads.execute();
    Map<String, IndexEntries> documents = new LinkedHashMap<>();
    for (int i = 0; i < batch.size(); i++) {
      String key = batch.get(i);
      String id = idOf(layout, key);
      try {
        T value = storage.decode(key, replies.get(i).get());
        if (value == null) {
          continue; // deleted since the scan
        }
        IndexEntries entries = IndexEntries.create(model.name());
        model.codec().indexValues(value, entries);
        documents.put(id, entries);
      } catch (RuntimeException e) {
        undecodable++;
        if (keys.size() < REPORTED_KEYS) {
          keys.add(key);
        }
        LOG.warn("Rekord: skipped {} while rebuilding the index of {}: {}", key, model.name(), e.getMessage());
      }
    }
    reindexed += writer.reindexAll(documents, EngineProtocol.Form.of(storage.scriptKind()));
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

  /**
   * Removes ids of the bucket's set of all ids whose document no longer exists, with their
   * entries; the script checks existence itself, so a document saved meanwhile is left alone.
   */
  private void dropVanished(KeyLayout.Bucket bucket) {
    if (bucket.compact()) {
      CompactSets.forEachPage(connection, bucket.all(), BATCH, writer::dropAllIfGone);
    } else {
      dropVanishedIn(bucket.all());
    }
  }

  private void dropVanishedIn(String plainIds) {
    String cursor = ScanPage.START;
    ScanPage page;
    do {
      page = connection.execute(Commands.zscan(plainIds, cursor, BATCH));
      writer.dropAllIfGone(page.elements());
      cursor = page.cursor();
    } while (!page.last());
  }

  /**
   * After a rebuild into one index layout, what is left of the other (the layout changed: {@code
   * Rekord.Builder.indexLayout}), found by the other layout's set of all ids in some bucket: the
   * entries of its ids whose document is gone are removed by their manifests (the scripts remove
   * either layout's entries; a living document's old entries went as it was reindexed), then every
   * key of that layout, which still holds the entries of documents deleted with their manifest
   * behind Rekord's back.
   */
  private void dropOtherLayout() {
    boolean left = false;
    for (int b = 0; b < layout.buckets(); b++) {
      KeyLayout.Bucket bucket = layout.bucket(b);
      if (bucket.compact() && connection.execute(Commands.exists(bucket.all()))) {
        dropVanishedIn(bucket.all());
        left = true;
      } else if (!bucket.compact() && CompactSets.exists(connection, bucket.all())) {
        CompactSets.forEachPage(connection, bucket.all(), BATCH, writer::dropAllIfGone);
        left = true;
      }
    }
    if (!left) {
      return;
    }
    String match = KeyLayout.escapeGlob("{" + model.keyPrefix()) + "*";
    connection.scanKeys(match, null, batch -> {
      Batch unlinks = connection.batch();
      for (String key : batch) {
        KeyLayout.Bucket bucket = bucketOfKey(key);
        if (bucket != null && bucket.ofOtherLayout(key)) {
          unlinks.add(Commands.unlink(key));
        }
      }
      unlinks.execute();
    });
  }

  /** The bucket of this layout whose keys {@code key} starts with (its tag), or {@code null}. */
  private KeyLayout.Bucket bucketOfKey(String key) {
    int close = key.indexOf('}');
    for (int b = 0; close > 0 && b < layout.buckets(); b++) {
      if (layout.bucket(b).tag().length() == close + 1 && key.startsWith(layout.bucket(b).tag())) {
        return layout.bucket(b);
      }
    }
    return null;
  }

  /** The ids in the index now: the expected size of a rebuild. */
  private long indexedIds() {
    if (layout.compact()) {
      long total = 0;
      for (int b = 0; b < layout.buckets(); b++) {
        total += CompactSets.count(connection, layout.bucket(b).all());
      }
      return total;
    }
    Batch batch = connection.batch();
    List<Reply<Long>> sizes = new ArrayList<>(layout.buckets());
    for (int b = 0; b < layout.buckets(); b++) {
      sizes.add(batch.add(Commands.zcard(layout.bucket(b).all())));
    }
    batch.execute();
    long total = 0;
    for (Reply<Long> size : sizes) {
      total += size.get();
    }
    return total;
  }
}
