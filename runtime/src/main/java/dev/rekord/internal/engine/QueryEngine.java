package dev.rekord.internal.engine;

import dev.rekord.changes.ChangeStream;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import dev.rekord.schema.IndexReport;
import dev.rekord.schema.MigrationListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.OptionalLong;

/**
 * What a repository asks of a query engine for one model: write a document together with its index
 * values, delete it, run queries (ids, count, exists, cursor) and keep the index in line with the
 * model (rebuild, verify). The portable engine ({@code portable.PortableQueryEngine}) keeps its own
 * secondary indexes in core data structures; a second engine (the Redis Query Engine) is another
 * implementation of this contract. Repositories never see an engine's keys or scripts.
 *
 * <p>Documents are encoded by the model's {@code DocumentStorage} and their index values come from
 * the generated codec through the engine-neutral {@link dev.rekord.model.IndexSink}; each engine
 * turns them into its own form. Implementations are thread-safe.
 *
 * @param <T> the record type
 */
public interface QueryEngine<T> {

  /** The {@code limit} that returns every match. */
  long NO_LIMIT = -1;

  /** The engine's name, as configured and reported: {@code portable} or {@code search}. */
  String name();

  /** The Redis key of the document with {@code id} (as it appears in keys). */
  String documentKey(String id);

  /** The key of the lock on the document with {@code id}: in the document's hash slot. */
  String lockKey(String id);

  /** The counter issuing fencing tokens to the locks of the bucket of {@code id}. */
  String fencingKey(String id);

  /**
   * A save of {@code entity} (whose id is {@code id}) prepared to run alone ({@link #save}) or in a
   * batch ({@link #saveAll}): it replaces the document, its expiry and its index entries at once.
   *
   * @param ttl {@link Duration#ZERO} for none
   * @throws dev.rekord.exception.SerializationException when a value cannot be stored or indexed
   */
  Write prepareSave(T entity, String id, Duration ttl);

  /** The expected version of a save of a model without {@code @Version}. */
  long NO_VERSION = -1;

  /**
   * {@link #prepareSave(Object, String, Duration)} that writes only when the stored document meets
   * {@code condition} and, for a versioned model, its version is {@code expectedVersion} (0: no
   * document), checked atomically with the write; {@code entity} carries the version to store. By
   * default only {@link WriteCondition#ALWAYS} (or {@link WriteCondition#NEW}, which needs no check)
   * without a version: an engine that checks them overrides this.
   *
   * @param expectedVersion {@link #NO_VERSION} for a model without {@code @Version}
   * @throws UnsupportedOperationException for a check the engine cannot make
   */
  default Write prepareSave(T entity, String id, Duration ttl, WriteCondition condition, long expectedVersion) {
    if (condition != WriteCondition.ALWAYS && condition != WriteCondition.NEW || expectedVersion != NO_VERSION) {
      throw new UnsupportedOperationException("conditional writes (insert, update, saveIfAbsent) and @Version"
          + " checks need the portable engine; model " + name() + " runs on another");
    }
    return prepareSave(entity, id, ttl);
  }

  /**
   * Runs one prepared save in one round trip.
   *
   * @return why it was not written, if it was not (position 0)
   */
  Optional<Refusal> save(Write write);

  /**
   * Runs prepared saves in one pipeline (per node); each document atomically, the batch not.
   *
   * @return the saves not written, by position in {@code writes}, in order
   */
  List<Refusal> saveAll(List<Write> writes);

  /**
   * Runs prepared saves in one pipeline (per node), each as a call of its own: for writes that
   * cannot join others in one call ({@link #fenced}). By default unsupported.
   *
   * @return the saves not written, by position in {@code writes}, in order
   */
  default List<Refusal> saveEach(List<Write> writes) {
    throw new UnsupportedOperationException("fenced batch writes need the portable engine; model runs on " + name());
  }

  /**
   * A delete of the document of {@code id} and its index entries, prepared to run with saves in
   * {@link #saveAll} or {@link #writeTogether} (a unit of work). By default unsupported: an engine
   * that can check and write a unit together overrides it.
   *
   * @throws UnsupportedOperationException when the engine cannot
   */
  default Write prepareDelete(String id) {
    throw new UnsupportedOperationException("units of work need the portable engine; model runs on " + name());
  }

  /**
   * Runs prepared saves and deletes of one bucket in one atomic call, all or nothing: every
   * condition and version is checked before anything is written, and when any is refused nothing
   * is.
   *
   * @return the writes refused, by position in {@code writes}, in order: empty when all were written
   * @throws dev.rekord.exception.CrossBucketWriteException when the writes' documents are in more
   *     than one bucket (nothing written)
   * @throws UnsupportedOperationException when the engine cannot
   */
  default List<Refusal> writeTogether(List<Write> writes) {
    throw new UnsupportedOperationException("units of work need the portable engine; model runs on " + name());
  }

  /** Deletes the document of {@code id} and its index entries; whether there was one. */
  boolean delete(String id);

  /** Deletes the documents of {@code ids}, each atomically; returns how many existed. */
  long deleteAll(List<String> ids);

  /**
   * The model's change feed, its ids read by {@code ids}.
   *
   * @throws IllegalStateException when the model has no change feed
   */
  default <ID> ChangeStream<ID> changes(Function<String, ID> ids) {
    throw new IllegalStateException("change feeds need the portable engine; this model runs on " + name());
  }

  /**
   * Makes the existing document of {@code id} expire after {@code ttl} (positive), keeping the
   * index's view of its expiry in line atomically, so no query returns or counts it once it is due.
   *
   * @return whether there was a document
   */
  default boolean expire(String id, Duration ttl) {
    throw new UnsupportedOperationException("expire needs the portable engine; this model runs on " + name());
  }

  /**
   * Makes the existing document of {@code id} expire at {@code at}; one already past removes it
   * with its index entries.
   *
   * @return whether there was a document
   */
  default boolean expireAt(String id, Instant at) {
    throw new UnsupportedOperationException("expireAt needs the portable engine; this model runs on " + name());
  }

  /**
   * Removes the expiry of the document of {@code id}.
   *
   * @return whether it had one (false: no document, or it did not expire)
   */
  default boolean persist(String id) {
    throw new UnsupportedOperationException("persist needs the portable engine; this model runs on " + name());
  }

  /**
   * Restarts the expiry of each of the documents of {@code ids} that expires, at {@code ttl} from
   * now (a read that refreshes them); documents that do not expire are left alone. One round trip.
   */
  default void refresh(List<String> ids, Duration ttl) {
    throw new UnsupportedOperationException("refreshing expiries needs the portable engine; this model runs on "
        + name());
  }

  /** Whether the engine reads a document and restarts its expiry in one step ({@link #readRefreshing}). */
  default boolean refreshesWithRead() {
    return false;
  }

  /**
   * The documents of {@code ids}, each read together with the restart of its expiry at {@code ttl}
   * from now (documents that do not expire are only read), atomically per document, in one round
   * trip: for a model that refreshes its expiry on read. Where the engine cannot ({@link
   * #refreshesWithRead()} false) the caller reads and then calls {@link #refresh}.
   */
  default List<Stored> readRefreshing(List<String> ids, Duration ttl) {
    throw new UnsupportedOperationException("reads that refresh the expiry in the same step need the portable"
        + " engine; this model runs on " + name());
  }

  /**
   * A document read by {@link #readRefreshing}: as the model's {@code DocumentStorage.read} returns
   * it ({@code null}: none), or the Redis type its key holds instead ({@code wrongType}, else
   * {@code null}).
   */
  record Stored(Object document, String wrongType) {}

  /**
   * {@link #delete} only when the stored {@code @Version} is {@code expectedVersion}, checked
   * atomically with the delete.
   *
   * @return empty when the stored version was {@code expectedVersion} (0: there was no document) and
   *     the document is deleted; else the stored version (0: no document), and nothing was deleted
   */
  default OptionalLong deleteVersioned(String id, long expectedVersion) {
    throw new UnsupportedOperationException(unsupported("versioned deletes"));
  }

  /**
   * The stored document of {@code id} as a partial update reads it, with what {@link #prepareUpdate}
   * needs to write the updated one only while it is still stored unchanged.
   *
   * @throws UnsupportedOperationException when the engine cannot update atomically
   */
  default Snapshot read(String id) {
    throw new UnsupportedOperationException(unsupported("partial updates"));
  }

  /**
   * {@link #read} of each of {@code ids}, in that order, in one round trip where the engine can
   * (a unit of work's partial updates).
   */
  default List<Snapshot> readAll(List<String> ids) {
    List<Snapshot> read = new java.util.ArrayList<>(ids.size());
    for (String id : ids) {
      read.add(read(id));
    }
    return read;
  }

  /**
   * A save of {@code entity} (the document {@code basis} held, updated) written only while the
   * stored document is still the one {@link #read} returned ({@link Refusal#byCondition()} when it
   * is not), keeping its time to live.
   */
  default Write prepareUpdate(T entity, String id, Snapshot basis) {
    throw new UnsupportedOperationException(unsupported("partial updates"));
  }

  /**
   * {@code write} (of one document, run alone with {@link #save} or with others by {@link #saveEach}) refused ({@link Refusal#byFence()})
   * once a fencing token newer than {@code token} has been issued for the lock of {@code id}.
   */
  default Write fenced(Write write, String id, long token) {
    throw new UnsupportedOperationException(unsupported("fenced writes"));
  }

  private String unsupported(String what) {
    return what + " need the portable engine; this model runs on the " + name() + " engine";
  }

  /**
   * A document as read for a partial update.
   *
   * @param document as the model's {@code DocumentStorage.read} returns it ({@code null}: no document)
   * @param digest what identifies these stored contents to the engine
   * @param ttlMillis the document's remaining time to live in ms; 0 for none
   */
  record Snapshot(Object document, String digest, long ttlMillis) {}

  /**
   * The ids of the documents matching {@code condition} ({@code null}: all), in {@code sort}
   * order, from {@code offset}, at most {@code limit} ({@link #NO_LIMIT}: all).
   *
   * @throws dev.rekord.exception.QueryException when the query cannot run as written
   */
  List<String> ids(Condition<T> condition, List<Sort<T>> sort, long offset, long limit);

  /**
   * The page of {@link #ids}, each id with its document where the engine read it together with
   * the ids (as the model's {@code DocumentStorage.read} returns it), else {@code null}: the caller
   * loads those. By default no document is read with the ids.
   */
  default List<Row> page(Condition<T> condition, List<Sort<T>> sort, long offset, long limit) {
    List<String> ids = ids(condition, sort, offset, limit);
    List<Row> rows = new java.util.ArrayList<>(ids.size());
    for (String id : ids) {
      rows.add(new Row(id, null));
    }
    return rows;
  }

  /**
   * The page of {@link #page}, handed to {@code each} in batches, in order (an engine may read the
   * next while one is handed over), so that the caller decodes a large result while holding a
   * bounded number of undecoded documents. By default one batch: {@link #page}.
   */
  default void pages(Condition<T> condition, List<Sort<T>> sort, long offset, long limit,
      java.util.function.Consumer<List<Row>> each) {
    each.accept(page(condition, sort, offset, limit));
  }

  /**
   * Removes the index entries of each of {@code ids} whose document no longer exists: ids a query
   * returned whose document was then found missing (deleted behind the engine's back, or since).
   * By default nothing: an engine whose index follows the keyspace by itself has nothing to drop.
   */
  default void forgetIfGone(List<String> ids) {}

  /** An id of a page and its document, or {@code null} when the engine did not read it. */
  record Row(String id, Object document) {}

  /**
   * The ids of the {@code nearest.k()} documents matching {@code condition} ({@code null}: all)
   * whose vector is nearest to {@code nearest}'s, nearest first, with their distances; or empty
   * when the engine keeps no vector index, and the caller computes them from the documents. The
   * query vector has the field's dimensions (checked by the caller). By default empty.
   */
  default Optional<List<Scored>> nearest(Condition<T> condition, dev.rekord.query.Nearest<T> nearest) {
    return Optional.empty();
  }

  /**
   * An id found by {@link #nearest}, its distance to the query vector, and its document where the
   * engine read it with the id (as the model's {@code DocumentStorage.read} returns it), else
   * {@code null}.
   */
  record Scored(String id, double distance, Object document) {}

  /** How many documents match {@code condition} ({@code null}: all); exact. */
  long count(Condition<T> condition);

  /** Whether any document matches {@code condition}. */
  boolean exists(Condition<T> condition);

  /**
   * Every matching id in {@code sort} order, from a snapshot taken now (ids that match now are
   * returned exactly once, whatever is written meanwhile), read {@code pageSize} at a time; the
   * snapshot expires after {@code ttl} without use. Close it to drop the snapshot early.
   */
  IdCursor cursor(Condition<T> condition, List<Sort<T>> sort, int pageSize, Duration ttl);

  /**
   * Rewrites the index of every document of the model (and drops entries of documents that are
   * gone), reporting progress to {@code listener}; leaves documents and their expiry alone.
   */
  Rebuild rebuild(MigrationListener listener);

  /** Compares the model's documents with its index; a maintenance tool that reads everything. */
  IndexReport verify();

  /** A save prepared by {@link #prepareSave}; opaque outside its engine. */
  interface Write {}

  /** The ids of a cursor, read a page at a time from the server. */
  interface IdCursor extends Iterator<String>, AutoCloseable {
    /** Drops the server-side snapshot; idempotent. */
    @Override
    void close();
  }

  /**
   * What a rebuild did.
   *
   * @param reindexed documents whose entries were rewritten
   * @param undecodable documents skipped because they could not be decoded (they keep their entries)
   * @param undecodableKeys the first of those keys
   */
  record Rebuild(long reindexed, long undecodable, List<String> undecodableKeys) {
    public Rebuild {
      undecodableKeys = List.copyOf(undecodableKeys);
    }
  }
}
