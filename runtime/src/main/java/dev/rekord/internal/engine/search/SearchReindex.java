package dev.rekord.internal.engine.search;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScriptCall;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.RekordModel;
import dev.rekord.schema.MigrationListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites the index fields of every document of a model ({@code SCAN} of its document keys,
 * decoded in batches, {@link SearchScripts#REINDEX} per document): the step of a migration that
 * gives documents written by the portable engine, or by an older definition, the index fields the
 * new index reads. The document's own fields and its expiry stay as they are; a document saved
 * meanwhile keeps the index fields its save wrote. A document that cannot be decoded is skipped and
 * reported.
 */
final class SearchReindex<T> {

  static final int BATCH = 500;
  static final int REPORTED_KEYS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(SearchReindex.class);

  private final RedisConnection connection;
  private final RekordModel<T, ?> model;
  private final DocumentStorage<T> storage;
  private final SearchQueryEngine<T> engine;
  private final List<String> undecodableKeys = new ArrayList<>();
  private long reindexed;
  private long undecodable;

  SearchReindex(RedisConnection connection, RekordModel<T, ?> model, DocumentStorage<T> storage,
      SearchQueryEngine<T> engine) {
    this.connection = connection;
    this.model = model;
    this.storage = storage;
    this.engine = engine;
  }

  QueryEngine.Rebuild run(MigrationListener listener) {
    String match = KeyLayout.escapeGlob("{" + model.keyPrefix()) + "*";
    connection.scanKeys(match, storage.redisType(), keys -> {
      List<String> documents = new ArrayList<>();
      List<String> ids = new ArrayList<>();
      for (String key : keys) {
        String id = engine.idOfDocumentKey(key);
        if (id != null && engine.documentKey(id).equals(key)) {
          documents.add(key);
          ids.add(id);
        }
      }
      for (int from = 0; from < documents.size(); from += BATCH) {
        int to = Math.min(from + BATCH, documents.size());
        reindex(documents.subList(from, to), ids.subList(from, to));
        listener.progress(model.name(), reindexed, reindexed);
      }
    });
    return new QueryEngine.Rebuild(reindexed, undecodable, undecodableKeys);
  }


  @SuppressWarnings("unchecked") // HGETALL: a hash's fields
  private void reindex(List<String> keys, List<String> ids) {
    Batch reads = connection.batch();
    List<Reply<?>> replies = new ArrayList<>(keys.size());
    for (String key : keys) {
      replies.add(reads.add(Commands.hgetAll(key)));
    }
    reads.execute();
    List<ScriptCall> calls = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      String key = keys.get(i);
      Map<String, String> stored = (Map<String, String>) replies.get(i).get();
      try {
        T value = storage.decode(key, stored);
        if (value == null) {
          continue; // deleted since the scan
        }
        calls.add(call(key, stored, engine.indexFields(value, ids.get(i))));
      } catch (RuntimeException e) {
        undecodable++;
        if (undecodableKeys.size() < REPORTED_KEYS) {
          undecodableKeys.add(key);
        }
        LOG.warn("Rekord: skipped {} while rebuilding the search index of {}: {}", key, model.name(), e.getMessage());
      }
    }
    for (Object result : connection.evalAll(SearchScripts.REINDEX, calls)) {
      if (((Number) result).longValue() != 0) {
        reindexed++;
      }
    }
  }

  /** The script call: the document's own fields as read, then its index fields. */
  private static ScriptCall call(String key, Map<String, String> stored, Map<String, String> indexFields) {
    List<String> own = new ArrayList<>();
    stored.forEach((name, value) -> {
      if (!name.startsWith(SearchSchema.FIELD_PREFIX)) {
        own.add(name);
        own.add(value);
      }
    });
    List<String> args = new ArrayList<>(1 + own.size() + 2 * indexFields.size());
    args.add(Integer.toString(own.size() / 2));
    args.addAll(own);
    indexFields.forEach((name, value) -> {
      args.add(name);
      args.add(value);
    });
    return new ScriptCall(List.of(key), args);
  }
}
