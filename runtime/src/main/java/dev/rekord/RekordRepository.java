package dev.rekord;

import dev.rekord.annotations.Storage;
import dev.rekord.changes.ChangeStream;
import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.exception.DeserializationException;
import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.DocumentNotFoundException;
import dev.rekord.exception.FencedWriteException;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.exception.RekordException;
import dev.rekord.exception.SerializationException;
import dev.rekord.exception.WrongTypeException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.Refusal;
import dev.rekord.internal.engine.WriteCondition;
import dev.rekord.internal.id.IdAssigner;
import dev.rekord.internal.instrument.Instrumentation;
import dev.rekord.internal.instrument.Instrumentation.Measurement;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.internal.update.PartialUpdate;
import dev.rekord.model.RekordModel;
import dev.rekord.query.Condition;
import dev.rekord.schema.IndexReport;
import dev.rekord.update.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Typed CRUD and queries for one model. Generated repositories ({@code MemberRepository}) extend
 * it and fix the model; applications create them with {@code new MemberRepository(rekord)}.
 *
 * <p>A document lives at {@code {<prefix>}:<id>} (one bucket) or {@code {<prefix>:<b>}:<id>} (the
 * id's bucket {@code b}): a Redis hash for {@link Storage#HASH} models, a
 * string holding JSON for {@link Storage#JSON}. Every write replaces the whole document (and its
 * expiry) together with its index entries atomically, in one Lua script. The number of buckets
 * comes from the model's schema record, read once (and created when missing).
 *
 * <p>Every parameter must be non-null: a {@code null} id, entity, collection or element is a
 * {@link NullPointerException} naming the parameter ({@code id must not be null}).
 *
 * @param <T> the record type
 * @param <ID> the id type
 */
public class RekordRepository<T, ID> {

  /** Documents written per pipeline by {@link #saveAll}. */
  static final int SAVE_BATCH = 500;

  /**
   * Documents read per pipeline by {@link #findAllById} and queries: each pipeline's replies are
   * decoded before the next is sent, so a large read holds at most this many undecoded replies.
   */
  static final int READ_BATCH = 5000;

  private final Rekord rekord;
  private final RekordModel<T, ID> model;
  private final DocumentStorage<T> storage;

  protected RekordRepository(Rekord rekord, RekordModel<T, ID> model) {
    this.rekord = rekord;
    this.model = model;
    this.storage = DocumentStorage.of(model);
    rekord.track(model);
  }

  /**
   * This repository's operations returning {@link java.util.concurrent.CompletableFuture}s, run on
   * Rekord's async executor with bounded in-flight work; see {@link AsyncRepository}.
   */
  public final AsyncRepository<T, ID> async() {
    return new AsyncRepository<>(this, rekord.async());
  }

  public final RekordModel<T, ID> model() {
    return model;
  }

  /** The Redis key of the document with {@code id}: {@code {<prefix>}:<id>} or {@code {<prefix>:<bucket>}:<id>}. */
  public String keyOf(ID id) {
    return engine().documentKey(model.idToString(requireNonNull(id, "id")));
  }

  /**
   * How many buckets (hash slots' worth of keys) the model's documents are spread over: fixed when
   * its schema record was created ({@link Rekord.Builder#buckets}; 1 on a standalone server, 16 on
   * a cluster by default).
   */
  public int buckets() {
    return rekord.engines().schemas().get(model).buckets();
  }

  /**
   * Compares the model's documents with its index and reports every disagreement; a maintenance
   * tool that reads the whole model (not a snapshot: run it while the model is not being written).
   * {@link Rekord#migrate()} repairs what it finds by a rebuild.
   */
  public IndexReport verifyIndex() {
    return engine().verify();
  }

  /**
   * A query for the documents matching {@code condition}, e.g. {@code
   * members.find(Member_.city.eq("Oslo")).sortBy(Member_.joinDate.desc()).limit(10).list()}.
   */
  public Query<T, ID> find(Condition<T> condition) {
    return new Query<>(this, requireNonNull(condition, "condition"));
  }

  /** A query for every document of the model. */
  public Query<T, ID> findAll() {
    return new Query<>(this, null);
  }

  /**
   * Stores {@code entity}, replacing any document with its id, with the model's default time to
   * live. A {@code null} id is generated first.
   *
   * @return the entity as stored (with its generated id)
   */
  public T save(T entity) {
    return measured("save", () -> writeIf(identified(entity), model.defaultTtl(), WriteCondition.ALWAYS));
  }

  /** Like {@link #save(Object)}, expiring after {@code ttl} ({@link Duration#ZERO}: never). */
  public T save(T entity, Duration ttl) {
    requireTtl(ttl);
    return measured("save", () -> writeIf(identified(entity), ttl, WriteCondition.ALWAYS));
  }

  /**
   * Stores {@code entity} only if no document has its id (a {@code null} id is generated first),
   * checked atomically with the write.
   *
   * @return the entity as stored (with its generated id)
   * @throws DocumentExistsException when a document has the id: neither it nor the index changed
   */
  public T insert(T entity) {
    return measured("insert", () -> insertNow(entity));
  }

  private T insertNow(T entity) {
    T identified = identified(entity);
    T stored = writeIf(identified, model.defaultTtl(), WriteCondition.ABSENT);
    if (stored == null) {
      throw new DocumentExistsException(engine().documentKey(idOf(identified)), model.name(), idOf(identified));
    }
    return stored;
  }

  /**
   * Replaces the document with the id of {@code entity} only if it exists, checked atomically with
   * the write.
   *
   * @return the entity
   * @throws DocumentNotFoundException when there is no such document: nothing is written
   */
  public T update(T entity) {
    return measured("update", () -> updateNow(entity));
  }

  private T updateNow(T entity) {
    requireNonNull(entity, "entity");
    if (model.id(entity) == null) {
      throw new IllegalArgumentException("update needs an entity with its id");
    }
    T stored = writeIf(entity, model.defaultTtl(), WriteCondition.PRESENT);
    if (stored == null) {
      throw new DocumentNotFoundException(engine().documentKey(idOf(entity)), model.name(), idOf(entity));
    }
    return stored;
  }

  /**
   * {@link #insert} that reports instead of throwing: whether {@code entity} was stored (false: a
   * document had its id and was left alone).
   */
  public boolean saveIfAbsent(T entity) {
    return measured("saveIfAbsent", () -> writeIf(identified(entity), model.defaultTtl(), WriteCondition.ABSENT) != null);
  }

  /**
   * {@link #insert} of many entities in one pipelined round trip per batch: the ids that already
   * existed are reported, the others written. Each document is written atomically.
   */
  public ConditionalWrites<T, ID> insertAll(Iterable<? extends T> entities) {
    return measured("insertAll", () -> writeAllIf(entities, model.defaultTtl(), WriteCondition.ABSENT));
  }

  /**
   * {@link #update} of many entities in one pipelined round trip per batch: the ids with no
   * document are reported, the others written. Each document is written atomically.
   */
  public ConditionalWrites<T, ID> updateAll(Iterable<? extends T> entities) {
    for (T entity : elements(entities, "entities")) {
      if (model.id(entity) == null) {
        throw new IllegalArgumentException("updateAll needs entities with their ids");
      }
    }
    return measured("updateAll", () -> writeAllIf(entities, model.defaultTtl(), WriteCondition.PRESENT));
  }

  /** {@code entity} with its id: generated when it has none. */
  private T identified(T entity) {
    requireNonNull(entity, "entity");
    // An entity with its id needs no id generation (nor the lists withIds builds for a batch).
    return model.id(entity) != null ? entity : withIds(List.of(entity)).get(0);
  }

  /**
   * Stores {@code entity} (with its id) if the stored document meets {@code condition}.
   *
   * @return the entity as stored (with the next {@code @Version}), or {@code null} when the
   *     condition refused it
   * @throws OptimisticLockException when the stored version is not the entity's
   */
  private T writeIf(T entity, Duration ttl, WriteCondition condition) {
    return writeIf(entity, ttl, condition, PartialUpdate.NO_FENCE);
  }

  /** {@link #writeIf(Object, Duration, WriteCondition)}, refused once a token newer than {@code fencingToken} was issued. */
  private T writeIf(T entity, Duration ttl, WriteCondition condition, long fencingToken) {
    QueryEngine<T> engine = engine();
    long expected = expectedVersion(entity);
    T stored = nextVersion(entity, expected);
    QueryEngine.Write write = prepareSave(engine, stored, ttl, condition, expected);
    Optional<Refusal> refusal = engine.save(fencingToken == PartialUpdate.NO_FENCE ? write
        : engine.fenced(write, idOf(entity), fencingToken));
    if (refusal.isEmpty()) {
      return stored;
    }
    if (refusal.get().byFence()) {
      throw new FencedWriteException(engine.documentKey(idOf(entity)), model.name(), idOf(entity), fencingToken);
    }
    if (refusal.get().byCondition()) {
      return null;
    }
    throw stale(engine, entity, refusal.get());
  }

  /** The version a save of {@code entity} expects stored, {@link QueryEngine#NO_VERSION} when unversioned. */
  private long expectedVersion(T entity) {
    return model.versionField() == null ? QueryEngine.NO_VERSION : model.version(entity);
  }

  /** {@code entity} as a save that expects {@code expected} stores it: its version one higher, when versioned. */
  private T nextVersion(T entity, long expected) {
    return expected == QueryEngine.NO_VERSION ? entity : model.withVersion(entity, expected + 1);
  }

  private OptimisticLockException stale(QueryEngine<T> engine, T entity, Refusal refusal) {
    String id = idOf(entity);
    return new OptimisticLockException(engine.documentKey(id), model.name(), id, model.version(entity),
        refusal.storedVersion());
  }

  private String idOf(T entity) {
    return model.idToString(model.id(entity));
  }

  /** Stores every entity in one pipelined round trip per batch; returns them as stored. */
  public List<T> saveAll(Iterable<? extends T> entities) {
    return measured("saveAll", () -> new ArrayList<>(writeAllIf(entities, model.defaultTtl(), WriteCondition.ALWAYS).written()));
  }

  /**
   * Like {@link #saveAll(Iterable)}, expiring after {@code ttl} ({@link Duration#ZERO}: never).
   * Each document is written atomically; the batch as a whole is not.
   */
  public List<T> saveAll(Iterable<? extends T> entities, Duration ttl) {
    // a mutable list, as it was
    return measured("saveAll", () -> new ArrayList<>(writeAllIf(entities, ttl, WriteCondition.ALWAYS).written()));
  }

  /**
   * Stores each entity whose stored document meets {@code condition}, reporting the others. Stale
   * versions throw after the batch ran (the other documents are written): the first {@link
   * OptimisticLockException}, the others attached as suppressed.
   */
  private ConditionalWrites<T, ID> writeAllIf(Iterable<? extends T> entities, Duration ttl,
      WriteCondition condition) {
    requireTtl(ttl);
    List<T> all = elements(entities, "entities");
    List<T> stored = new ArrayList<>(all.size());
    List<ID> refused = new ArrayList<>();
    OptimisticLockException stale = null;
    QueryEngine<T> engine = engine();
    for (int from = 0; from < all.size(); from += SAVE_BATCH) {
      List<T> batch = withIds(all.subList(from, Math.min(from + SAVE_BATCH, all.size())));
      List<QueryEngine.Write> writes = new ArrayList<>(batch.size());
      List<T> versioned = new ArrayList<>(batch.size());
      for (T entity : batch) {
        long expected = expectedVersion(entity);
        T next = nextVersion(entity, expected);
        versioned.add(next);
        writes.add(prepareSave(engine, next, ttl, condition, expected));
      }
      List<Refusal> refusals = engine.saveAll(writes);
      int next = 0;
      for (int i = 0; i < batch.size(); i++) {
        Refusal refusal = next < refusals.size() && refusals.get(next).position() == i ? refusals.get(next++) : null;
        if (refusal == null) {
          stored.add(versioned.get(i));
        } else if (refusal.byCondition()) {
          refused.add(model.id(batch.get(i)));
        } else if (stale == null) {
          stale = stale(engine, batch.get(i), refusal);
        } else {
          stale.addSuppressed(stale(engine, batch.get(i), refusal));
        }
      }
    }
    if (stale != null) {
      throw stale;
    }
    return new ConditionalWrites<>(stored, refused);
  }

  /**
   * A unit of work: saves, inserts, updates and deletes of this model written together, atomically
   * within one bucket ({@link UnitOfWork#commit()}) or as a pipelined batch with a result per item
   * ({@link UnitOfWork#applyEach()}).
   */
  public final UnitOfWork<T, ID> unitOfWork() {
    return new UnitOfWork<>(this);
  }

  /**
   * {@link UnitOfWork#commit()}: one all-or-nothing call (after one read of its partial updates'
   * documents), run again whole while only partial updates were refused for documents changed
   * since they were read; the saved entities as stored.
   */
  final List<T> commit(List<UnitOfWork.Item<T, ID>> items) {
    return measured("commit", () -> {
      QueryEngine<T> engine = engine();
      List<UnitOfWork.Item<T, ID>> identified = identified(items);
      List<String> ids = unitIds(identified);
      java.util.Set<String> distinct = new java.util.HashSet<>();
      for (String id : ids) {
        if (!distinct.add(id)) {
          throw new IllegalArgumentException("the id " + id + " appears twice in a unit of work: commit() writes"
              + " each document once");
        }
      }
      List<Integer> all = new ArrayList<>(items.size());
      for (int i = 0; i < items.size(); i++) {
        all.add(i);
      }
      for (int attempt = 1; ; attempt++) {
        UnitWrites<T> unit = prepare(engine, identified, ids, all);
        RuntimeException refused = null;
        for (RekordException failure : unit.failures()) {
          refused = together(refused, failure);
        }
        if (refused != null) {
          throw refused; // found on the read of its partial updates: nothing written
        }
        List<Refusal> refusals = engine.writeTogether(unit.writes());
        if (refusals.isEmpty()) {
          List<T> stored = new ArrayList<>(items.size());
          for (T entity : unit.stored()) {
            if (entity != null) {
              stored.add(entity);
            }
          }
          return stored;
        }
        boolean changedSinceRead = true;
        for (Refusal refusal : refusals) {
          changedSinceRead &= changedSinceRead(identified.get(refusal.position()), refusal);
        }
        if (changedSinceRead && attempt < PartialUpdate.MAX_ATTEMPTS) {
          PartialUpdate.pause(attempt);
          continue;
        }
        for (Refusal refusal : refusals) {
          int position = refusal.position();
          // a document changed since its read is no failure of its own while another item failed
          if (!changedSinceRead && changedSinceRead(identified.get(position), refusal)) {
            continue;
          }
          refused = together(refused, refusalOf(engine, identified.get(position), ids.get(position),
              unit.stored().get(position), refusal));
        }
        throw refused;
      }
    });
  }

  /** {@code failure} added to {@code first} (the first failure, the others suppressed). */
  private static RuntimeException together(RuntimeException first, RuntimeException failure) {
    if (failure == null) {
      return first;
    }
    if (first == null) {
      return failure;
    }
    first.addSuppressed(failure);
    return first;
  }

  /** Whether {@code refusal} of {@code item} says its document changed since a partial update read it. */
  private static boolean changedSinceRead(UnitOfWork.Item<?, ?> item, Refusal refusal) {
    return item.kind() == UnitOfWork.Kind.PARTIAL && refusal.byCondition();
  }

  /**
   * {@link UnitOfWork#applyEach()}: one pipeline (after one read of its partial updates'
   * documents), a result per item; partial updates refused for documents changed since they were
   * read are read, applied and written again.
   */
  final List<UnitOfWork.ItemResult<T, ID>> applyEach(List<UnitOfWork.Item<T, ID>> items) {
    return measured("applyEach", () -> {
      QueryEngine<T> engine = engine();
      List<UnitOfWork.ItemResult<T, ID>> results = new ArrayList<>(items.size());
      for (int from = 0; from < items.size(); from += SAVE_BATCH) {
        List<UnitOfWork.Item<T, ID>> batch = identified(items.subList(from, Math.min(from + SAVE_BATCH, items.size())));
        List<String> ids = unitIds(batch);
        List<UnitOfWork.ItemResult<T, ID>> done = new ArrayList<>(java.util.Collections.nCopies(batch.size(), null));
        List<Integer> pending = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          pending.add(i);
        }
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
          UnitWrites<T> unit = prepare(engine, batch, ids, pending);
          List<Refusal> refusals = unit.writes().isEmpty() ? List.of() : engine.saveAll(unit.writes());
          List<Integer> again = new ArrayList<>();
          int next = 0;
          for (int w = 0; w < unit.positions().size(); w++) {
            int i = unit.positions().get(w);
            Refusal refusal = next < refusals.size() && refusals.get(next).position() == w ? refusals.get(next++) : null;
            ID id = model.idFromString(ids.get(i));
            if (refusal == null) {
              done.set(i, new UnitOfWork.ItemResult<>(id, unit.stored().get(i), null));
            } else if (changedSinceRead(batch.get(i), refusal) && attempt < PartialUpdate.MAX_ATTEMPTS) {
              again.add(i);
            } else {
              done.set(i, new UnitOfWork.ItemResult<>(id, null,
                  refusalOf(engine, batch.get(i), ids.get(i), unit.stored().get(i), refusal)));
            }
          }
          for (int i : pending) {
            if (unit.failures().get(i) != null) {
              done.set(i, new UnitOfWork.ItemResult<>(model.idFromString(ids.get(i)), null, unit.failures().get(i)));
            }
          }
          if (!again.isEmpty()) {
            PartialUpdate.pause(attempt);
          }
          pending = again;
        }
        results.addAll(done);
      }
      return results;
    });
  }

  /** {@code items} with a generated id for each entity that has none. */
  private List<UnitOfWork.Item<T, ID>> identified(List<UnitOfWork.Item<T, ID>> items) {
    List<T> entities = new ArrayList<>();
    for (UnitOfWork.Item<T, ID> item : items) {
      if (item.entity() != null) {
        entities.add(item.entity());
      }
    }
    java.util.Iterator<T> identified = withIds(entities).iterator();
    List<UnitOfWork.Item<T, ID>> all = new ArrayList<>(items.size());
    for (UnitOfWork.Item<T, ID> item : items) {
      all.add(item.entity() == null ? item : new UnitOfWork.Item<>(item.kind(), identified.next(), null,
          item.updates(), item.expectedVersion()));
    }
    return all;
  }

  /** The id (as in keys) of each item. */
  private List<String> unitIds(List<UnitOfWork.Item<T, ID>> items) {
    List<String> ids = new ArrayList<>(items.size());
    for (UnitOfWork.Item<T, ID> item : items) {
      ids.add(item.entity() == null ? model.idToString(item.id()) : idOf(item.entity()));
    }
    return ids;
  }

  /**
   * The prepared writes of the items of a unit at some positions, in order, and where each item
   * (by its position in the unit) stands: {@code stored} the entity as it will be stored ({@code
   * null}: a delete, or not prepared), {@code failures} why an item cannot be written as read
   * ({@code null}: none), and {@code positions} the item of each write.
   */
  private record UnitWrites<T>(List<QueryEngine.Write> writes, List<Integer> positions, List<T> stored,
      List<RekordException> failures) {}

  /**
   * The writes of the items of {@code items} at {@code positions} (whose ids are {@code ids}): the
   * documents of its partial updates are read first, in one round trip.
   */
  private UnitWrites<T> prepare(QueryEngine<T> engine, List<UnitOfWork.Item<T, ID>> items, List<String> ids,
      List<Integer> positions) {
    List<String> partialIds = new ArrayList<>();
    for (int i : positions) {
      if (items.get(i).kind() == UnitOfWork.Kind.PARTIAL) {
        partialIds.add(ids.get(i));
      }
    }
    java.util.Iterator<QueryEngine.Snapshot> read = partialIds.isEmpty()
        ? java.util.Collections.emptyIterator() : engine.readAll(partialIds).iterator();
    PartialUpdate<T> partial = new PartialUpdate<>(engine, storage, model);
    List<QueryEngine.Write> writes = new ArrayList<>(positions.size());
    List<Integer> written = new ArrayList<>(positions.size());
    List<T> stored = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
    List<RekordException> failures = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
    for (int i : positions) {
      UnitOfWork.Item<T, ID> item = items.get(i);
      String id = ids.get(i);
      switch (item.kind()) {
        case DELETE -> writes.add(engine.prepareDelete(id));
        case PARTIAL -> {
          try {
            PartialUpdate.Prepared<T> prepared = partial.prepare(id, read.next(), null, item.expectedVersion(),
                item.updates()).orElseThrow();
            writes.add(prepared.write());
            stored.set(i, prepared.entity());
          } catch (DocumentNotFoundException | OptimisticLockException e) {
            failures.set(i, e);
            continue;
          }
        }
        default -> {
          T entity = item.entity();
          long expected = expectedVersion(entity);
          T next = nextVersion(entity, expected);
          WriteCondition condition = item.kind() == UnitOfWork.Kind.INSERT ? WriteCondition.ABSENT
              : item.kind() == UnitOfWork.Kind.UPDATE ? WriteCondition.PRESENT : WriteCondition.ALWAYS;
          writes.add(prepareSave(engine, next, model.defaultTtl(), condition, expected));
          stored.set(i, next);
        }
      }
      written.add(i);
    }
    return new UnitWrites<>(writes, written, stored, failures);
  }

  /** The exception the single operation of {@code item} (of {@code id}, to store {@code stored}) throws for {@code refusal}. */
  private RekordException refusalOf(QueryEngine<T> engine, UnitOfWork.Item<T, ID> item, String id, T stored,
      Refusal refusal) {
    if (changedSinceRead(item, refusal)) {
      return new PartialUpdate<>(engine, storage, model).conflict(id);
    }
    if (!refusal.byCondition()) {
      return new OptimisticLockException(engine.documentKey(id), model.name(), id, model.version(stored) - 1,
          refusal.storedVersion());
    }
    return item.kind() == UnitOfWork.Kind.INSERT
        ? new DocumentExistsException(engine.documentKey(id), model.name(), id)
        : new DocumentNotFoundException(engine.documentKey(id), model.name(), id);
  }

  /**
   * The document with {@code id}, if any.
   *
   * @throws dev.rekord.exception.DeserializationException when the stored document does not match
   *     the model, or the key holds another Redis type (a plain string at a hash model's key)
   */
  public Optional<T> findById(ID id) {
    return measured("findById", () -> findNow(id));
  }

  private Optional<T> findNow(ID id) {
    String key = keyOf(id);
    if (model.refreshTtlOnRead() && engine().refreshesWithRead()) {
      QueryEngine.Stored stored = engine().readRefreshing(List.of(model.idToString(id)), model.defaultTtl()).get(0);
      if (stored.wrongType() != null) {
        throw storage.wrongType(key, stored.wrongType());
      }
      return Optional.ofNullable(storage.decode(key, stored.document()));
    }
    Object reply;
    try {
      reply = connection().execute(storage.read(key)); // a read: retried like queries
    } catch (WrongTypeException e) {
      throw storage.wrongType(key, connection().execute(Commands.type(key)));
    }
    T entity = storage.decode(key, reply);
    if (entity != null && model.refreshTtlOnRead()) {
      refreshExpiry(List.of(model.idToString(id)));
    }
    return Optional.ofNullable(entity);
  }

  /**
   * Restarts the expiry of documents just read, for a model that refreshes on read where the
   * engine cannot do it in the read ({@link QueryEngine#readRefreshing}): one more round trip,
   * after the read (a document that expired between the two stays expired).
   */
  private void refreshExpiry(List<String> ids) {
    if (!ids.isEmpty()) {
      engine().refresh(ids, model.defaultTtl());
    }
  }

  /** The documents with {@code ids}, read in one round trip; see {@link BatchRead}. */
  public BatchRead<ID, T> findAllById(Iterable<? extends ID> ids) {
    return measured("findAllById", () -> read(elements(ids, "ids")));
  }

  /** The documents with {@code ids}, in that order, read in pipelines of {@link #READ_BATCH}; see {@link BatchRead}. */
  private BatchRead<ID, T> read(List<ID> requested) {
    List<String> stored = new ArrayList<>(requested.size());
    for (ID id : requested) {
      stored.add(model.idToString(requireNonNull(id, "id")));
    }
    return read(requested, stored, null);
  }

  /**
   * The documents of {@code ids} (typed, and as they appear in keys), in that order: those of
   * {@code documents} (as {@code storage.read} returns them; {@code null}: none at all, or not
   * read for that id) decoded as they are, the others read in pipelines of {@link #READ_BATCH},
   * each decoded before the next is sent, so the replies held at once stay bounded.
   */
  private BatchRead<ID, T> read(List<ID> ids, List<String> stored, List<Object> documents) {
    Map<ID, T> found = new LinkedHashMap<>(Math.max(16, ids.size() * 4 / 3 + 1));
    List<ID> missing = new ArrayList<>();
    Map<ID, DeserializationException> failures = new LinkedHashMap<>();
    QueryEngine<T> engine = engine();
    List<String> refreshed = model.refreshTtlOnRead() ? new ArrayList<>() : null;
    for (int from = 0; from < ids.size(); from += READ_BATCH) {
      int to = Math.min(from + READ_BATCH, ids.size());
      List<String> keys = new ArrayList<>(to - from);
      List<Reply<?>> replies = new ArrayList<>(to - from);
      List<String> unread = new ArrayList<>();
      for (int i = from; i < to; i++) {
        keys.add(engine.documentKey(stored.get(i)));
        if (documents == null || documents.get(i) == null) {
          unread.add(stored.get(i));
        }
      }
      // a model that refreshes on read: each document read by the script that refreshes it, where the engine can
      java.util.Iterator<QueryEngine.Stored> refreshing = refreshed == null || unread.isEmpty()
          || !engine.refreshesWithRead() ? null : engine.readRefreshing(unread, model.defaultTtl()).iterator();
      Batch batch = null;
      for (int i = from; i < to; i++) {
        if (refreshing != null || (documents != null && documents.get(i) != null)) {
          replies.add(null);
          continue;
        }
        if (batch == null) {
          batch = connection().batch();
        }
        replies.add(batch.add(storage.read(keys.get(i - from))));
      }
      if (batch != null) {
        batch.execute();
      }
      Map<Integer, DeserializationException> wrongTypes = wrongTypeFailures(keys, replies);
      for (int i = from; i < to; i++) {
        ID id = ids.get(i);
        DeserializationException wrongType = wrongTypes.get(i - from);
        Reply<?> reply = replies.get(i - from);
        boolean unreadHere = documents == null || documents.get(i) == null;
        QueryEngine.Stored read = refreshing != null && unreadHere ? refreshing.next() : null;
        if (read != null && read.wrongType() != null) {
          wrongType = storage.wrongType(keys.get(i - from), read.wrongType());
        }
        if (wrongType != null) {
          failures.put(id, wrongType);
          continue;
        }
        try {
          Object document = read != null ? read.document() : reply != null ? reply.get() : documents.get(i);
          T entity = storage.decode(keys.get(i - from), document);
          if (entity == null) {
            missing.add(id);
          } else {
            found.put(id, entity);
            if (refreshed != null && read == null) {
              refreshed.add(stored.get(i));
            }
          }
        } catch (DeserializationException e) {
          failures.put(id, e);
        }
      }
    }
    if (refreshed != null) {
      refreshExpiry(refreshed);
    }
    return new BatchRead<>(found, missing, failures);
  }

  /**
   * Whether a document with {@code id} exists: one {@code TYPE} command, which also checks that the
   * key holds the model's Redis type, so {@code existsById} and {@link #findById} agree about a key
   * that holds something else. The document is not decoded: one that {@code findById} cannot
   * decode still exists.
   *
   * @throws dev.rekord.exception.DeserializationException when the key holds another Redis type
   *     (a plain string at a hash model's key), as {@code findById} does
   */
  public boolean existsById(ID id) {
    return measured("existsById", () -> existsNow(id));
  }

  private boolean existsNow(ID id) {
    String key = keyOf(id);
    String type = connection().execute(Commands.type(key));
    if ("none".equals(type)) {
      return false;
    }
    if (!storage.redisType().equals(type)) {
      throw storage.wrongType(key, type);
    }
    return true;
  }

  /**
   * Makes the existing document with {@code id} expire after {@code ttl}, whatever expiry it had.
   * The index learns the new expiry in the same atomic step, so from the moment it is due no
   * query returns, counts or pages over the document.
   *
   * @param ttl positive
   * @return whether there was a document (none: nothing changed)
   */
  public boolean expire(ID id, Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive (persist removes an expiry): " + ttl);
    }
    return measured("expire", () -> engine().expire(model.idToString(requireNonNull(id, "id")), ttl));
  }

  /**
   * Makes the existing document with {@code id} expire at {@code at} (by the server's clock); a
   * time already past removes it, with its index entries, at once.
   *
   * @return whether there was a document
   */
  public boolean expireAt(ID id, Instant at) {
    requireNonNull(at, "at");
    return measured("expireAt", () -> engine().expireAt(model.idToString(requireNonNull(id, "id")), at));
  }

  /**
   * Removes the expiry of the document with {@code id}: it stays until deleted or saved with a
   * time to live.
   *
   * @return whether it had an expiry (false: no document, or it did not expire)
   */
  public boolean persist(ID id) {
    return measured("persist", () -> engine().persist(model.idToString(requireNonNull(id, "id"))));
  }

  /**
   * How long the document with {@code id} has left (by the server's clock, to the millisecond);
   * empty when it does not expire or does not exist ({@link #existsById} tells them apart).
   */
  public Optional<Duration> ttl(ID id) {
    long millis = connection().execute(Commands.pttl(keyOf(id)));
    return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
  }

  /**
   * Removes the index entries of documents that have expired, in every bucket (up to 1,000 per
   * bucket per call), as every query does first; with a change feed each is reported {@code
   * EXPIRED}. Queries keep the index exact without it; run it periodically (e.g. from a {@code
   * ScheduledExecutorService}) where expiry events must come soon even while nothing queries the
   * model. One pipelined round trip.
   */
  public void sweepExpired() {
    engine().count(null);
  }

  /**
   * The model's change feed: subscribe to its stream with a consumer group, or listen to its
   * notices. See {@code docs/change-streams.md}.
   *
   * @throws IllegalStateException when the model has no change feed ({@link
   *     Rekord.Builder#changes})
   */
  public ChangeStream<ID> changes() {
    return engine().changes(model::idFromString);
  }

  /** Deletes the document with {@code id} and its index entries; {@code true} when there was one. */
  public boolean deleteById(ID id) {
    return measured("deleteById", () -> engine().delete(model.idToString(requireNonNull(id, "id"))));
  }

  /**
   * {@link #deleteById(Object)} of a model with {@code @Version}, only when the stored version is
   * {@code expectedVersion} (checked atomically with the delete).
   *
   * @return {@code true} when there was a document (it is deleted)
   * @throws OptimisticLockException when another version is stored (0: none); nothing is deleted
   */
  public boolean deleteById(ID id, long expectedVersion) {
    String key = model.idToString(requireNonNull(id, "id"));
    requireVersioned("deleteById(id, expectedVersion)");
    QueryEngine<T> engine = engine();
    OptionalLong stored = measured("deleteById", () -> engine.deleteVersioned(key, expectedVersion));
    if (stored.isPresent()) {
      throw new OptimisticLockException(engine.documentKey(key), model.name(), key, expectedVersion,
          stored.getAsLong());
    }
    return expectedVersion != 0;
  }

  /**
   * Applies {@code updates} to the stored document with {@code id} in one atomic step, keeping every
   * index entry of it exact, e.g. {@code members.update(id, Update.increment(Member_.age, 1),
   * Update.append(Member_.tags, "vip"))}. The updates apply in order, to the document as stored
   * when the step runs: no concurrent write is lost, whoever made it. A model with {@code @Version}
   * gets its next version. The document keeps its time to live.
   *
   * @return the document as stored after the updates
   * @throws DocumentNotFoundException when there is no document with {@code id}: nothing is written
   * @throws dev.rekord.exception.UpdateConflictException when other writers changed the document
   *     under each of many attempts
   */
  @SafeVarargs
  public final T update(ID id, Update<T> update, Update<T>... more) {
    return measured("update", () -> partialUpdate(id, null, QueryEngine.NO_VERSION, updates(update, more))).orElseThrow();
  }

  /**
   * {@link #update(Object, Update, Update[])} only when the stored document matches {@code
   * condition} ({@code Member_.age.gte(18)}), checked in the same atomic step on the stored values
   * as the index compares them; full-text and geo conditions are not supported.
   *
   * @return the document as stored after the updates; empty when it did not match (nothing written)
   * @throws DocumentNotFoundException when there is no document with {@code id}
   */
  @SafeVarargs
  public final Optional<T> updateIf(ID id, Condition<T> condition, Update<T> update, Update<T>... more) {
    requireNonNull(condition, "condition");
    return measured("updateIf", () -> partialUpdate(id, condition, QueryEngine.NO_VERSION, updates(update, more)));
  }

  /**
   * {@link #update(Object, Update, Update[])} of a model with {@code @Version}, only when the stored
   * version is {@code expectedVersion}; stores the next version.
   *
   * @throws OptimisticLockException when another version is stored: nothing is written
   */
  @SafeVarargs
  public final T updateIfVersion(ID id, long expectedVersion, Update<T> update, Update<T>... more) {
    requireVersioned("updateIfVersion");
    return measured("updateIfVersion", () -> partialUpdate(id, null, expectedVersion, updates(update, more))).orElseThrow();
  }

  /**
   * {@link #update(Object, Update, Update[])} of the document {@code lock} holds, refused with a
   * {@link FencedWriteException} once a newer fencing token has been issued (the lease ran out and
   * someone else took the lock), checked atomically with the write.
   */
  @SafeVarargs
  public final T updateFenced(DocumentLock lock, Update<T> update, Update<T>... more) {
    String key = lockedId(lock);
    return measured("updateFenced",
        () -> partialUpdate(key, null, QueryEngine.NO_VERSION, lock.fencingToken(), updates(update, more))).orElseThrow();
  }

  /**
   * {@link #save(Object)} of the document {@code lock} holds (the entity's id), refused with a
   * {@link FencedWriteException} once a newer fencing token has been issued, checked atomically with
   * the write.
   */
  public T saveFenced(T entity, DocumentLock lock) {
    requireNonNull(entity, "entity");
    String key = lockedId(lock);
    if (model.id(entity) == null || !key.equals(idOf(entity))) {
      throw new IllegalArgumentException("the entity's id is not that of the locked document " + key);
    }
    return measured("saveFenced", () -> writeIf(entity, model.defaultTtl(), WriteCondition.ALWAYS, lock.fencingToken()));
  }

  /**
   * {@link #saveAll(Iterable)} of documents held by {@code locks} (one for each entity's id; more
   * are ignored): each document is written only while its lock's fencing token is the newest issued,
   * checked atomically with its write, in one pipelined round trip per batch. The batch as a whole is
   * not atomic: the documents whose tokens hold are written, and then the first refusal is thrown
   * (the others attached as suppressed).
   *
   * @return the entities as stored (with their next {@code @Version}), when all were written
   * @throws FencedWriteException naming the first document whose token was stale
   * @throws OptimisticLockException when a versioned entity's version was not the stored one
   * @throws IllegalArgumentException when an entity has no id, or no lock of {@code locks} holds it
   */
  public List<T> saveAllFenced(Iterable<? extends T> entities, java.util.Collection<DocumentLock> locks) {
    List<T> all = elements(entities, "entities");
    Map<String, DocumentLock> byId = new java.util.HashMap<>();
    for (DocumentLock lock : elements(locks, "locks")) {
      byId.put(lockedId(lock), lock);
    }
    for (T entity : all) {
      if (model.id(entity) == null || !byId.containsKey(idOf(entity))) {
        throw new IllegalArgumentException("no lock of the given ones holds the document of " + entity);
      }
    }
    return measured("saveAllFenced", () -> {
      QueryEngine<T> engine = engine();
      List<T> stored = new ArrayList<>(all.size());
      RuntimeException refused = null;
      for (int from = 0; from < all.size(); from += SAVE_BATCH) {
        List<T> batch = all.subList(from, Math.min(from + SAVE_BATCH, all.size()));
        List<QueryEngine.Write> writes = new ArrayList<>(batch.size());
        List<T> versioned = new ArrayList<>(batch.size());
        for (T entity : batch) {
          long expected = expectedVersion(entity);
          T next = nextVersion(entity, expected);
          versioned.add(next);
          String id = idOf(entity);
          writes.add(engine.fenced(prepareSave(engine, next, model.defaultTtl(), WriteCondition.ALWAYS, expected), id,
              byId.get(id).fencingToken()));
        }
        List<Refusal> refusals = engine.saveEach(writes);
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
          Refusal refusal = next < refusals.size() && refusals.get(next).position() == i ? refusals.get(next++) : null;
          if (refusal == null) {
            stored.add(versioned.get(i));
            continue;
          }
          String id = idOf(batch.get(i));
          refused = together(refused, refusal.byFence()
              ? new FencedWriteException(engine.documentKey(id), model.name(), id, byId.get(id).fencingToken())
              : stale(engine, batch.get(i), refusal));
        }
      }
      if (refused != null) {
        throw refused;
      }
      return stored;
    });
  }

  private String lockedId(DocumentLock lock) {
    requireNonNull(lock, "lock");
    if (!lock.model().equals(model.name())) {
      throw new IllegalArgumentException("the lock is on a document of model " + lock.model() + ", not " + model.name());
    }
    return lock.id();
  }

  private Optional<T> partialUpdate(ID id, Condition<T> condition, long expectedVersion, List<Update<T>> updates) {
    return partialUpdate(model.idToString(requireNonNull(id, "id")), condition, expectedVersion,
        PartialUpdate.NO_FENCE, updates);
  }

  private Optional<T> partialUpdate(String key, Condition<T> condition, long expectedVersion, long fencingToken,
      List<Update<T>> updates) {
    try {
      return new PartialUpdate<>(engine(), storage, model).apply(key, condition, expectedVersion, fencingToken,
          updates);
    } catch (UnsupportedOperationException e) {
      throw new IllegalStateException("model " + model.name() + ": " + e.getMessage(), e);
    }
  }

  @SafeVarargs
  private static <T> List<Update<T>> updates(Update<T> update, Update<T>... more) {
    List<Update<T>> all = new ArrayList<>(1 + more.length);
    all.add(requireNonNull(update, "update"));
    for (Update<T> next : more) {
      all.add(requireNonNull(next, "update"));
    }
    return all;
  }

  private void requireVersioned(String operation) {
    if (model.versionField() == null) {
      throw new IllegalStateException(operation + " needs a model with @Version; " + model.name() + " has none");
    }
  }

  /**
   * Deletes every document of the model with its index entries; returns how many. Reads the ids
   * from the index ({@code #ids} of every bucket), in pages; the {@code Long} id counter is kept,
   * so ids are not handed out again.
   */
  public long deleteAll() {
    return findAll().deleteAll();
  }

  /** The number of documents of the model (exact: expired documents are not counted). */
  public long count() {
    return findAll().count();
  }

  /**
   * Locks the document with {@code id} for multi-step work, waiting up to {@code lease} for another
   * holder (whose lease cannot be longer unless renewed). See {@link DocumentLock}.
   *
   * @param lease how long the lock lasts unless renewed or released (at least 1 ms)
   * @throws dev.rekord.exception.LockTimeoutException when another holder kept it that long
   */
  public DocumentLock lock(ID id, Duration lease) {
    return lock(id, lease, lease);
  }

  /**
   * Locks the document with {@code id}, waiting up to {@code maxWait} for another holder.
   *
   * @throws dev.rekord.exception.LockTimeoutException when another holder kept it that long
   */
  public DocumentLock lock(ID id, Duration lease, Duration maxWait) {
    requireLease(lease);
    if (maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must be zero or positive: " + maxWait);
    }
    return DocumentLock.acquire(connection(), lockTarget(id), lease, maxWait);
  }

  /** Locks the document with {@code id} if no one else holds its lock; never waits. */
  public Optional<DocumentLock> tryLock(ID id, Duration lease) {
    requireLease(lease);
    return DocumentLock.tryAcquire(connection(), lockTarget(id), lease);
  }

  private DocumentLock.Target lockTarget(ID id) {
    String key = model.idToString(requireNonNull(id, "id"));
    QueryEngine<T> engine = engine();
    return new DocumentLock.Target(engine.lockKey(key), engine.fencingKey(key), model.name(), key);
  }

  static void requireLease(Duration lease) {
    if (lease == null || lease.toMillis() < 1) {
      throw new IllegalArgumentException("a lock's lease must be at least 1 ms: " + lease);
    }
  }

  protected final Rekord rekord() {
    return rekord;
  }

  /** {@code work}, measured as the repository operation {@code operation} (not a query). */
  private <R> R measured(String operation, Supplier<R> work) {
    return measured(operation, Instrumentation.NO_SHAPE, work);
  }

  /**
   * {@code work}, measured as the operation {@code operation} of a query of {@code shape} ({@link
   * Instrumentation#NO_SHAPE} for others) when metrics are on: one timer sample, whatever round
   * trips it takes.
   */
  final <R> R measured(String operation, String shape, Supplier<R> work) {
    Measurement measurement = rekord.instrumentation().operation(model.name(), operation, shape);
    R result;
    try {
      result = work.get();
    } catch (RuntimeException | Error e) {
      measurement.stop(e);
      throw e;
    }
    measurement.stop(null);
    return result;
  }

  /** Whether operations are measured: a query computes its shape only then. */
  final boolean measuring() {
    return rekord.instrumentation().enabled();
  }

  private RedisConnection connection() {
    return rekord.connection();
  }

  /** The entities, each with its id: kept when set, generated when {@code null}. */
  private List<T> withIds(List<? extends T> entities) {
    int missing = 0;
    for (T entity : entities) {
      if (model.id(entity) == null) {
        missing++;
      }
    }
    List<ID> generated = IdAssigner.next(connection(), model, missing);
    List<T> result = new ArrayList<>(entities.size());
    int next = 0;
    for (T entity : entities) {
      result.add(model.id(entity) == null ? model.withId(entity, generated.get(next++)) : entity);
    }
    return result;
  }

  /** The model's query engine (made once the schema record has been read). */
  final QueryEngine<T> engine() {
    return rekord.engines().of(model);
  }

  /**
   * The query engine for a query.
   *
   * @param usesIndexFields whether the query names indexed fields (a condition or a sort), so
   *     needs the index to match the model's definition
   * @throws dev.rekord.exception.SchemaMismatchException when it does not
   */
  final QueryEngine<T> engine(boolean usesIndexFields) {
    return rekord.engines().forQuery(model, usesIndexFields);
  }

  /** @throws SerializationException naming the document's key when a value cannot be written */
  private QueryEngine.Write prepareSave(QueryEngine<T> engine, T entity, Duration ttl,
      WriteCondition condition, long expectedVersion) {
    String id = idOf(entity);
    try {
      return engine.prepareSave(entity, id, ttl, condition, expectedVersion);
    } catch (SerializationException e) {
      throw e.key() != null ? e
          : new SerializationException(engine.documentKey(id), e.model(), e.field(), e.problem(), e);
    }
  }

  /** {@code value}, or a {@link NullPointerException} saying that {@code name} must not be null. */
  private static <V> V requireNonNull(V value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null"); // no message built on the hot path
    }
    return value;
  }

  /** The elements of {@code values}, none of them null. */
  private static <V> List<V> elements(Iterable<? extends V> values, String name) {
    requireNonNull(values, name);
    List<V> list = new ArrayList<>();
    for (V value : values) {
      if (value == null) {
        throw new NullPointerException(name + " must not contain null (found at index " + list.size() + ")");
      }
      list.add(value);
    }
    return list;
  }

  private static void requireTtl(Duration ttl) {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero (no expiry) or positive: " + ttl);
    }
  }

  /**
   * The documents with {@code ids} (as they appear in keys), in that order: found, missing (deleted
   * since the query) and undecodable ones, as {@link #findAllById} reports them.
   */
  final BatchRead<ID, T> readStored(List<String> ids) {
    List<ID> typed = new ArrayList<>(ids.size());
    for (String id : ids) {
      typed.add(model.idFromString(id));
    }
    return read(typed, ids, null);
  }

  /**
   * The documents of a query's page ({@link QueryEngine#page}), in its order: those the engine read
   * with the ids decoded as they are, the others loaded as {@link #readStored} does.
   */
  final BatchRead<ID, T> readPage(List<QueryEngine.Row> rows) {
    List<ID> typed = new ArrayList<>(rows.size());
    List<String> stored = new ArrayList<>(rows.size());
    List<Object> documents = new ArrayList<>(rows.size());
    // a model that refreshes on read reads its documents again, each with its refresh, atomically
    boolean reread = model.refreshTtlOnRead() && engine().refreshesWithRead();
    for (QueryEngine.Row row : rows) {
      typed.add(model.idFromString(row.id()));
      stored.add(row.id());
      documents.add(reread ? null : row.document());
    }
    BatchRead<ID, T> read = read(typed, stored, documents);
    if (!read.missing().isEmpty()) {
      // indexed, but gone when loaded: deleted since the query, or behind Rekord's back
      List<String> gone = new ArrayList<>(read.missing().size());
      for (ID id : read.missing()) {
        gone.add(model.idToString(id));
      }
      engine().forgetIfGone(gone);
    }
    return read;
  }

  /**
   * The documents of a query's result that the engine hands over in batches ({@link
   * QueryEngine#pages}), each read as {@link #readPage} reads a page, joined in order: each batch
   * is decoded before the next is read.
   */
  final BatchRead<ID, T> readPages(Consumer<Consumer<List<QueryEngine.Row>>> pages) {
    Map<ID, T> found = new LinkedHashMap<>();
    List<ID> missing = new ArrayList<>();
    Map<ID, DeserializationException> failures = new LinkedHashMap<>();
    pages.accept(rows -> {
      BatchRead<ID, T> part = readPage(rows);
      found.putAll(part.found());
      missing.addAll(part.missing());
      failures.putAll(part.failures());
    });
    return new BatchRead<>(found, missing, failures);
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
          batch = connection().batch();
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
