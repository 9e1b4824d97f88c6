package dev.rekord;

import static dev.rekord.Arguments.requireNonNull;
import static dev.rekord.Arguments.requireTtl;

import dev.rekord.annotations.Storage;
import dev.rekord.changes.ChangeStream;
import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.DocumentNotFoundException;
import dev.rekord.exception.FencedWriteException;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.instrument.Instrumentation;
import dev.rekord.model.RekordModel;
import dev.rekord.query.Condition;
import dev.rekord.schema.IndexReport;
import dev.rekord.update.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  // The work is done by one collaborator per concern; this class is the documented API over them.
  private final RepositoryCore<T, ID> core;
  private final DocumentReads<T, ID> reads;
  private final DocumentWrites<T, ID> writes;
  private final PartialUpdates<T, ID> updates;
  private final UnitOfWorkWrites<T, ID> units;
  private final DocumentExpiry<T, ID> expiry;
  private final DocumentLocks<T, ID> locks;

  protected RekordRepository(Rekord rekord, RekordModel<T, ID> model) {
    this.core = new RepositoryCore<>(rekord, model);
    this.expiry = new DocumentExpiry<>(core);
    this.locks = new DocumentLocks<>(core);
    this.reads = new DocumentReads<>(core, expiry);
    this.writes = new DocumentWrites<>(core, locks);
    this.updates = new PartialUpdates<>(core, locks);
    this.units = new UnitOfWorkWrites<>(core);
    rekord.track(model);
  }

  /**
   * This repository's operations returning {@link java.util.concurrent.CompletableFuture}s, run on
   * Rekord's async executor with bounded in-flight work; see {@link AsyncRepository}.
   */
  public final AsyncRepository<T, ID> async() {
    return new AsyncRepository<>(this, core.rekord().async());
  }

  public final RekordModel<T, ID> model() {
    return core.model();
  }

  /** The Redis key of the document with {@code id}: {@code {<prefix>}:<id>} or {@code {<prefix>:<bucket>}:<id>}. */
  public String keyOf(ID id) {
    return core.documentKey(id);
  }

  /**
   * How many buckets (hash slots' worth of keys) the model's documents are spread over: fixed when
   * its schema record was created ({@link Rekord.Builder#buckets}; 1 on a standalone server, 16 on
   * a cluster by default).
   */
  public int buckets() {
    return core.rekord().engines().schemas().get(core.model()).buckets();
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
    return writes.save(entity, core.model().defaultTtl());
  }

  /** Like {@link #save(Object)}, expiring after {@code ttl} ({@link Duration#ZERO}: never). */
  public T save(T entity, Duration ttl) {
    requireTtl(ttl);
    return writes.save(entity, ttl);
  }

  /**
   * Stores {@code entity} only if no document has its id (a {@code null} id is generated first),
   * checked atomically with the write.
   *
   * @return the entity as stored (with its generated id)
   * @throws DocumentExistsException when a document has the id: neither it nor the index changed
   */
  public T insert(T entity) {
    return writes.insert(entity);
  }

  /**
   * Replaces the document with the id of {@code entity} only if it exists, checked atomically with
   * the write.
   *
   * @return the entity
   * @throws DocumentNotFoundException when there is no such document: nothing is written
   */
  public T update(T entity) {
    return writes.update(entity);
  }

  /**
   * {@link #insert} that reports instead of throwing: whether {@code entity} was stored (false: a
   * document had its id and was left alone).
   */
  public boolean saveIfAbsent(T entity) {
    return writes.saveIfAbsent(entity);
  }

  /**
   * {@link #insert} of many entities in one pipelined round trip per batch: the ids that already
   * existed are reported, the others written. Each document is written atomically.
   */
  public ConditionalWrites<T, ID> insertAll(Iterable<? extends T> entities) {
    return writes.insertAll(entities);
  }

  /**
   * {@link #update} of many entities in one pipelined round trip per batch: the ids with no
   * document are reported, the others written. Each document is written atomically.
   */
  public ConditionalWrites<T, ID> updateAll(Iterable<? extends T> entities) {
    return writes.updateAll(entities);
  }

  /** Stores every entity in one pipelined round trip per batch; returns them as stored. */
  public List<T> saveAll(Iterable<? extends T> entities) {
    return writes.saveAll(entities, core.model().defaultTtl());
  }

  /**
   * Like {@link #saveAll(Iterable)}, expiring after {@code ttl} ({@link Duration#ZERO}: never).
   * Each document is written atomically; the batch as a whole is not.
   */
  public List<T> saveAll(Iterable<? extends T> entities, Duration ttl) {
    return writes.saveAll(entities, ttl);
  }

  /**
   * The document with {@code id}, if any.
   *
   * @throws dev.rekord.exception.DeserializationException when the stored document does not match
   *     the model, or the key holds another Redis type (a plain string at a hash model's key)
   */
  public Optional<T> findById(ID id) {
    return reads.findById(id);
  }

  /** The documents with {@code ids}, read in one round trip; see {@link BatchRead}. */
  public BatchRead<ID, T> findAllById(Iterable<? extends ID> ids) {
    return reads.findAllById(ids);
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
    return reads.existsById(id);
  }

  /** Deletes the document with {@code id} and its index entries; {@code true} when there was one. */
  public boolean deleteById(ID id) {
    return writes.deleteById(id);
  }

  /**
   * {@link #deleteById(Object)} of a model with {@code @Version}, only when the stored version is
   * {@code expectedVersion} (checked atomically with the delete).
   *
   * @return {@code true} when there was a document (it is deleted)
   * @throws OptimisticLockException when another version is stored (0: none); nothing is deleted
   */
  public boolean deleteById(ID id, long expectedVersion) {
    return writes.deleteById(id, expectedVersion);
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
    return updates.update(id, update, more);
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
    return updates.updateIf(id, condition, update, more);
  }

  /**
   * {@link #update(Object, Update, Update[])} of a model with {@code @Version}, only when the stored
   * version is {@code expectedVersion}; stores the next version.
   *
   * @throws OptimisticLockException when another version is stored: nothing is written
   */
  @SafeVarargs
  public final T updateIfVersion(ID id, long expectedVersion, Update<T> update, Update<T>... more) {
    return updates.updateIfVersion(id, expectedVersion, update, more);
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
    return units.commit(items);
  }

  /**
   * {@link UnitOfWork#applyEach()}: one pipeline (after one read of its partial updates'
   * documents), a result per item; partial updates refused for documents changed since they were
   * read are read, applied and written again.
   */
  final List<UnitOfWork.ItemResult<T, ID>> applyEach(List<UnitOfWork.Item<T, ID>> items) {
    return units.applyEach(items);
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
    return locks.lock(id, lease, maxWait);
  }

  /** Locks the document with {@code id} if no one else holds its lock; never waits. */
  public Optional<DocumentLock> tryLock(ID id, Duration lease) {
    return locks.tryLock(id, lease);
  }

  /**
   * {@link #update(Object, Update, Update[])} of the document {@code lock} holds, refused with a
   * {@link FencedWriteException} once a newer fencing token has been issued (the lease ran out and
   * someone else took the lock), checked atomically with the write.
   */
  @SafeVarargs
  public final T updateFenced(DocumentLock lock, Update<T> update, Update<T>... more) {
    return updates.updateFenced(lock, update, more);
  }

  /**
   * {@link #save(Object)} of the document {@code lock} holds (the entity's id), refused with a
   * {@link FencedWriteException} once a newer fencing token has been issued, checked atomically with
   * the write.
   */
  public T saveFenced(T entity, DocumentLock lock) {
    return writes.saveFenced(entity, lock);
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
    return writes.saveAllFenced(entities, locks);
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
    return expiry.expire(id, ttl);
  }

  /**
   * Makes the existing document with {@code id} expire at {@code at} (by the server's clock); a
   * time already past removes it, with its index entries, at once.
   *
   * @return whether there was a document
   */
  public boolean expireAt(ID id, Instant at) {
    return expiry.expireAt(id, at);
  }

  /**
   * Removes the expiry of the document with {@code id}: it stays until deleted or saved with a
   * time to live.
   *
   * @return whether it had an expiry (false: no document, or it did not expire)
   */
  public boolean persist(ID id) {
    return expiry.persist(id);
  }

  /**
   * How long the document with {@code id} has left (by the server's clock, to the millisecond);
   * empty when it does not expire or does not exist ({@link #existsById} tells them apart).
   */
  public Optional<Duration> ttl(ID id) {
    return expiry.ttl(id);
  }

  /**
   * Removes the index entries of documents that have expired, in every bucket (up to 1,000 per
   * bucket per call), as every query does first; with a change feed each is reported {@code
   * EXPIRED}. Queries keep the index exact without it; run it periodically (e.g. from a {@code
   * ScheduledExecutorService}) where expiry events must come soon even while nothing queries the
   * model. One pipelined round trip.
   */
  public void sweepExpired() {
    expiry.sweepExpired();
  }

  /**
   * The model's change feed: subscribe to its stream with a consumer group, or listen to its
   * notices. See {@code docs/change-streams.md}.
   *
   * @throws IllegalStateException when the model has no change feed ({@link
   *     Rekord.Builder#changes})
   */
  public ChangeStream<ID> changes() {
    return engine().changes(core.model()::idFromString);
  }

  protected final Rekord rekord() {
    return core.rekord();
  }

  /**
   * {@code work}, measured as the operation {@code operation} of a query of {@code shape} ({@link
   * Instrumentation#NO_SHAPE} for others) when metrics are on: one timer sample, whatever round
   * trips it takes.
   */
  final <R> R measured(String operation, String shape, Supplier<R> work) {
    return core.measured(operation, shape, work);
  }

  /** Whether operations are measured: a query computes its shape only then. */
  final boolean measuring() {
    return core.measuring();
  }

  /** The model's query engine (made once the schema record has been read). */
  final QueryEngine<T> engine() {
    return core.engine();
  }

  /**
   * The query engine for a query.
   *
   * @param usesIndexFields whether the query names indexed fields (a condition or a sort), so
   *     needs the index to match the model's definition
   * @throws dev.rekord.exception.SchemaMismatchException when it does not
   */
  final QueryEngine<T> engine(boolean usesIndexFields) {
    return core.engine(usesIndexFields);
  }

  /**
   * The documents with {@code ids} (as they appear in keys), in that order: found, missing (deleted
   * since the query) and undecodable ones, as {@link #findAllById} reports them.
   */
  final BatchRead<ID, T> readStored(List<String> ids) {
    return reads.readStored(ids);
  }

  /**
   * The documents of a query's page ({@link QueryEngine#page}), in its order: those the engine read
   * with the ids decoded as they are, the others loaded as {@link #readStored} does.
   */
  final BatchRead<ID, T> readPage(List<QueryEngine.Row> rows) {
    return reads.readPage(rows);
  }

  /**
   * The documents of a query's result that the engine hands over in batches ({@link
   * QueryEngine#pages}), each read as {@link #readPage} reads a page, joined in order: the next
   * batch is read while one is decoded, so at most two are held undecoded.
   */
  final BatchRead<ID, T> readPages(Consumer<Consumer<List<QueryEngine.Row>>> pages) {
    return reads.readPages(pages);
  }

  /** {@link #readPages}' records alone, in order; the first document that cannot be decoded throws. */
  final List<T> listPages(Consumer<Consumer<List<QueryEngine.Row>>> pages) {
    return reads.listPages(pages);
  }
}
