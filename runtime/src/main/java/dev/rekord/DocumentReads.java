package dev.rekord;

import static dev.rekord.Arguments.elements;
import static dev.rekord.Arguments.requireNonNull;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.Reply;
import dev.rekord.exception.DeserializationException;
import dev.rekord.exception.WrongTypeException;
import dev.rekord.internal.connection.TransactionBatch;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.RekordModel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A repository's reads of documents: by id, in batches with per-key failures, and the documents
 * of a query's pages. A model that refreshes its expiry on read refreshes here too ({@link
 * DocumentExpiry#refresh}).
 */
final class DocumentReads<T, ID> {

  /**
   * Documents read per pipeline by {@link RekordRepository#findAllById} and queries: the next
   * pipeline is sent while one is decoded, so a large read holds at most twice this many replies.
   */
  static final int READ_BATCH = 5000;

  private final RepositoryCore<T, ID> core;
  private final RekordModel<T, ID> model;
  private final DocumentStorage<T> storage;
  private final DocumentExpiry<T, ID> expiry;

  DocumentReads(RepositoryCore<T, ID> core, DocumentExpiry<T, ID> expiry) {
    this.core = core;
    this.model = core.model();
    this.storage = core.storage();
    this.expiry = expiry;
  }

  /** {@link RekordRepository#findById}. */
  Optional<T> findById(ID id) {
    return core.measured("findById", () -> findNow(id));
  }

  private Optional<T> findNow(ID id) {
    String key = core.documentKey(id);
    QueryEngine<T> engine = core.engine();
    if (model.refreshTtlOnRead() && engine.refreshesWithRead()) {
      QueryEngine.Stored stored = engine.readRefreshing(List.of(model.idToString(id)), model.defaultTtl()).get(0);
      if (stored.wrongType() != null) {
        throw storage.wrongType(key, stored.wrongType());
      }
      return Optional.ofNullable(storage.decode(key, stored.document()));
    }
    Object reply;
    try {
      reply = core.connection().execute(storage.read(key)); // a read: retried like queries
    } catch (WrongTypeException e) {
      throw storage.wrongType(key, core.connection().execute(Commands.type(key)));
    }
    T entity = storage.decode(key, reply);
    if (entity != null && model.refreshTtlOnRead()) {
      expiry.refresh(List.of(model.idToString(id)));
    }
    return Optional.ofNullable(entity);
  }

  /** {@link RekordRepository#findAllById}. */
  BatchRead<ID, T> findAllById(Iterable<? extends ID> ids) {
    return core.measured("findAllById", () -> read(elements(ids, "ids")));
  }

  /** {@link RekordRepository#existsById}. */
  boolean existsById(ID id) {
    return core.measured("existsById", () -> existsNow(id));
  }

  private boolean existsNow(ID id) {
    String key = core.documentKey(id);
    String type = core.connection().execute(Commands.type(key));
    if ("none".equals(type)) {
      return false;
    }
    if (!storage.redisType().equals(type)) {
      throw storage.wrongType(key, type);
    }
    return true;
  }

  /**
   * The documents with {@code ids} (as they appear in keys), in that order: found, missing (deleted
   * since the query) and undecodable ones, as {@link RekordRepository#findAllById} reports them.
   */
  BatchRead<ID, T> readStored(List<String> ids) {
    List<ID> typed = new ArrayList<>(ids.size());
    for (String id : ids) {
      typed.add(model.idFromString(id));
    }
    return read(typed, ids, null, new Collected<>(ids.size())).done();
  }

  /**
   * The documents of a query's page ({@link QueryEngine#page}), in its order: those the engine read
   * with the ids decoded as they are, the others loaded as {@link #readStored} does.
   */
  BatchRead<ID, T> readPage(List<QueryEngine.Row> rows) {
    return readPage(rows, new Collected<>(rows.size())).done();
  }

  /** {@link #readPage}, collected {@code into}. */
  private Collected<ID, T> readPage(List<QueryEngine.Row> rows, Collected<ID, T> into) {
    List<ID> typed = new ArrayList<>(rows.size());
    List<String> stored = new ArrayList<>(rows.size());
    List<Object> documents = new ArrayList<>(rows.size());
    // a model that refreshes on read reads its documents again, each with its refresh, atomically
    boolean reread = model.refreshTtlOnRead() && core.engine().refreshesWithRead();
    for (QueryEngine.Row row : rows) {
      typed.add(model.idFromString(row.id()));
      stored.add(row.id());
      documents.add(reread ? null : row.document());
    }
    int missingBefore = into.missing.size();
    read(typed, stored, documents, into);
    if (into.missing.size() > missingBefore) {
      // indexed, but gone when loaded: deleted since the query, or behind Rekord's back
      List<String> gone = new ArrayList<>(into.missing.size() - missingBefore);
      for (ID id : into.missing.subList(missingBefore, into.missing.size())) {
        gone.add(model.idToString(id));
      }
      core.engine().forgetIfGone(gone);
    }
    return into;
  }

  /**
   * The documents of a query's result that the engine hands over in batches ({@link
   * QueryEngine#pages}), each read as {@link #readPage} reads a page, joined in order: the next
   * batch is read while one is decoded, so at most two are held undecoded.
   */
  BatchRead<ID, T> readPages(Consumer<Consumer<List<QueryEngine.Row>>> pages) {
    // one map for every batch: copying each batch's records into the result's map re-hashed every
    // record and grew the map step by step (about 6 % of a 100,000-document list's client time)
    Collected<ID, T> all = new Collected<>(0);
    pages.accept(rows -> readPage(rows, all));
    return all.done();
  }

  /**
   * {@link #readPages} for a query's {@code list()}: the records alone, in order, or the first
   * failure thrown as {@link BatchRead#valuesOrThrow} throws it. No map by id is built: a query's
   * rows name each id once, and putting 100,000 records into one was a seventh of such a list's
   * client time.
   */
  List<T> listPages(Consumer<Consumer<List<QueryEngine.Row>>> pages) {
    Collected<ID, T> all = Collected.valuesOnly();
    pages.accept(rows -> readPage(rows, all));
    return all.valuesOrThrow();
  }

  /** The documents with {@code ids}, in that order, read in pipelines of {@link #READ_BATCH}; see {@link BatchRead}. */
  private BatchRead<ID, T> read(List<ID> requested) {
    List<String> stored = new ArrayList<>(requested.size());
    for (ID id : requested) {
      stored.add(model.idToString(requireNonNull(id, "id")));
    }
    return read(requested, stored, null, new Collected<>(requested.size())).done();
  }

  /**
   * What reads collect, in the order of their ids: the records found (by id, or only the records
   * for {@link #listPages}), the ids missing, the failures.
   */
  private static final class Collected<ID, T> {
    private final Map<ID, T> found;
    private final List<T> values;
    final List<ID> missing = new ArrayList<>();
    final Map<ID, DeserializationException> failures = new LinkedHashMap<>();

    /** By id, for about {@code expected} ids (0: unknown). */
    Collected(int expected) {
      found = new LinkedHashMap<>(Math.max(16, expected * 4 / 3 + 1));
      values = null;
    }

    private Collected() {
      found = null;
      values = new ArrayList<>();
    }

    /** The records alone, in order. */
    static <ID, T> Collected<ID, T> valuesOnly() {
      return new Collected<>();
    }

    void found(ID id, T entity) {
      if (found != null) {
        found.put(id, entity);
      } else {
        values.add(entity);
      }
    }

    BatchRead<ID, T> done() {
      return new BatchRead<>(found, missing, failures);
    }

    List<T> valuesOrThrow() {
      BatchRead.throwFirst(failures);
      return values;
    }
  }

  /**
   * The documents of {@code ids} (typed, and as they appear in keys), in that order: those of
   * {@code documents} (as {@code storage.read} returns them; {@code null}: none at all, or not
   * read for that id) decoded as they are, the others read in pipelines of {@link #READ_BATCH};
   * each pipeline after the first is sent before the one before it is decoded, so the server reads
   * while the client decodes and the replies held at once stay bounded (two pipelines'); collected
   * {@code into}, which it returns.
   */
  private Collected<ID, T> read(List<ID> ids, List<String> stored, List<Object> documents, Collected<ID, T> into) {
    List<String> refreshed = model.refreshTtlOnRead() ? new ArrayList<>() : null;
    Chunk chunk = new Chunk(stored, documents, 0, Math.min(READ_BATCH, ids.size()), refreshed != null);
    while (chunk != null) {
      chunk.execute();
      Chunk next = null;
      if (chunk.to < ids.size()) {
        next = new Chunk(stored, documents, chunk.to, Math.min(chunk.to + READ_BATCH, ids.size()), refreshed != null);
        next.sendAhead();
      }
      try {
        decode(chunk, ids, stored, documents, into, refreshed);
      } catch (RuntimeException e) {
        if (next != null) {
          next.executeQuietly(e); // gives its connection back
        }
        throw e;
      }
      chunk = next;
    }
    if (refreshed != null) {
      expiry.refresh(refreshed);
    }
    return into;
  }

  /**
   * One pipeline of {@link #read}: the documents of the ids in {@code [from, to)} that are not
   * read yet, as plain reads in a {@link Batch}, or (a model that refreshes on read, where the
   * engine can) by the script that refreshes them, run at once.
   */
  private final class Chunk {
    final int from;
    final int to;
    final List<String> keys;
    final List<Reply<?>> replies;
    final Iterator<QueryEngine.Stored> refreshing;
    private final Batch batch;

    Chunk(List<String> stored, List<Object> documents, int from, int to, boolean refreshes) {
      this.from = from;
      this.to = to;
      QueryEngine<T> engine = core.engine();
      keys = new ArrayList<>(to - from);
      replies = new ArrayList<>(to - from);
      List<String> unread = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        keys.add(engine.documentKey(stored.get(i)));
        if (documents == null || documents.get(i) == null) {
          unread.add(stored.get(i));
        }
      }
      // a model that refreshes on read: each document read by the script that refreshes it, where the engine can
      refreshing = !refreshes || unread.isEmpty() || !engine.refreshesWithRead()
          ? null : engine.readRefreshing(unread, model.defaultTtl()).iterator();
      Batch reads = null;
      for (int i = from; i < to; i++) {
        if (refreshing != null || (documents != null && documents.get(i) != null)) {
          replies.add(null);
          continue;
        }
        if (reads == null) {
          reads = core.connection().batch();
        }
        replies.add(reads.add(storage.read(keys.get(i - from))));
      }
      batch = reads;
    }

    /** Sends the reads now, where the connection can ({@link TransactionBatch#send}). */
    void sendAhead() {
      if (batch != null) {
        TransactionBatch.sendAhead(batch);
      }
    }

    void execute() {
      if (batch != null) {
        batch.execute();
      }
    }

    /** {@link #execute}, its failure added to {@code failure}'s suppressed. */
    void executeQuietly(RuntimeException failure) {
      try {
        execute();
      } catch (RuntimeException e) {
        failure.addSuppressed(e);
      }
    }
  }

  /** Decodes {@code chunk}'s documents into {@code into}, noting the ids to refresh in {@code refreshed}. */
  private void decode(Chunk chunk, List<ID> ids, List<String> stored, List<Object> documents, Collected<ID, T> into,
      List<String> refreshed) {
    Map<Integer, DeserializationException> wrongTypes = wrongTypeFailures(chunk.keys, chunk.replies);
    for (int i = chunk.from; i < chunk.to; i++) {
      ID id = ids.get(i);
      String key = chunk.keys.get(i - chunk.from);
      DeserializationException wrongType = wrongTypes.get(i - chunk.from);
      Reply<?> reply = chunk.replies.get(i - chunk.from);
      boolean unreadHere = documents == null || documents.get(i) == null;
      QueryEngine.Stored read = chunk.refreshing != null && unreadHere ? chunk.refreshing.next() : null;
      if (read != null && read.wrongType() != null) {
        wrongType = storage.wrongType(key, read.wrongType());
      }
      if (wrongType != null) {
        into.failures.put(id, wrongType);
        continue;
      }
      try {
        Object document = read != null ? read.document() : reply != null ? reply.get() : documents.get(i);
        T entity = storage.decode(key, document);
        if (entity == null) {
          into.missing.add(id);
        } else {
          into.found(id, entity);
          if (refreshed != null && read == null) {
            refreshed.add(stored.get(i));
          }
        }
      } catch (DeserializationException e) {
        into.failures.put(id, e);
      }
    }
  }

  /**
   * For the replies that are {@code WRONGTYPE} errors, by position: the failure naming the type the
   * key holds, asked for in one more round trip.
   */
  private Map<Integer, DeserializationException> wrongTypeFailures(List<String> keys, List<Reply<?>> replies) {
    Map<Integer, Reply<String>> types = new LinkedHashMap<>();
    Batch batch = null;
    for (int i = 0; i < replies.size(); i++) {
      if (replies.get(i) == null) {
        continue; // read with the query
      }
      try {
        replies.get(i).get();
      } catch (WrongTypeException e) {
        if (batch == null) {
          batch = core.connection().batch();
        }
        types.put(i, batch.add(Commands.type(keys.get(i))));
      }
    }
    if (batch == null) {
      return Map.of();
    }
    batch.execute();
    Map<Integer, DeserializationException> failures = new LinkedHashMap<>();
    types.forEach((i, type) -> failures.put(i, storage.wrongType(keys.get(i), type.get())));
    return failures;
  }
}
