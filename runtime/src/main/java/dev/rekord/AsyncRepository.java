package dev.rekord;

import dev.rekord.internal.async.AsyncRunner;
import dev.rekord.query.Condition;
import dev.rekord.update.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The asynchronous view of a repository ({@code members.async()}): every operation returns a
 * {@link CompletableFuture} and runs the synchronous operation of the same name on Rekord's async
 * executor ({@link Rekord.Builder#asyncExecutor}; virtual threads on Java 21+), so both behave
 * alike; a query's cursor pages come as futures from {@link #cursor}:
 *
 * <pre>{@code
 * CompletableFuture<Member> saved = members.async().save(ada);
 * CompletableFuture<List<Member>> inOslo = members.async().list(members.find(Member_.city.eq("Oslo")).limit(20));
 * }</pre>
 *
 * <p><b>Back-pressure.</b> At most {@link Rekord.Builder#maxInFlight} operations run or wait at
 * once; a call beyond that blocks its caller until one finishes, rather than queueing without
 * bound.
 *
 * <p><b>Failures.</b> A future fails with the exception the synchronous call throws (a {@link
 * dev.rekord.exception.RekordException}, a {@link NullPointerException} for a {@code null}
 * argument), unwrapped: {@code exceptionally} and {@code whenComplete} on the returned future see it
 * as is; {@code join()} wraps it in a {@link java.util.concurrent.CompletionException} and {@code
 * get()} in an {@link java.util.concurrent.ExecutionException}, as for every {@code
 * CompletableFuture}.
 *
 * <p><b>Cancellation.</b> Cancelling a future whose operation has not started yet means it never
 * runs; an operation that started runs to its end (each document write is atomic), so a
 * cancellation never leaves a half-applied write.
 *
 * @param <T> the record type
 * @param <ID> the id type
 */
public final class AsyncRepository<T, ID> {

  private final RekordRepository<T, ID> repository;
  private final AsyncRunner runner;

  AsyncRepository(RekordRepository<T, ID> repository, AsyncRunner runner) {
    this.repository = repository;
    this.runner = runner;
  }

  /** The synchronous repository this view runs. */
  public RekordRepository<T, ID> sync() {
    return repository;
  }

  /** {@link RekordRepository#save(Object)}. */
  public CompletableFuture<T> save(T entity) {
    return run(() -> repository.save(entity));
  }

  /** {@link RekordRepository#save(Object, Duration)}. */
  public CompletableFuture<T> save(T entity, Duration ttl) {
    return run(() -> repository.save(entity, ttl));
  }

  /** {@link RekordRepository#saveAll(Iterable)}; the entities are copied before this returns. */
  public CompletableFuture<List<T>> saveAll(Iterable<? extends T> entities) {
    List<T> copy = copy(entities);
    return run(() -> repository.saveAll(copy));
  }

  /** {@link RekordRepository#saveAll(Iterable, Duration)}; the entities are copied before this returns. */
  public CompletableFuture<List<T>> saveAll(Iterable<? extends T> entities, Duration ttl) {
    List<T> copy = copy(entities);
    return run(() -> repository.saveAll(copy, ttl));
  }

  /** {@link RekordRepository#insert}. */
  public CompletableFuture<T> insert(T entity) {
    return run(() -> repository.insert(entity));
  }

  /** {@link RekordRepository#update}. */
  public CompletableFuture<T> update(T entity) {
    return run(() -> repository.update(entity));
  }

  /** {@link RekordRepository#saveIfAbsent}. */
  public CompletableFuture<Boolean> saveIfAbsent(T entity) {
    return run(() -> repository.saveIfAbsent(entity));
  }

  /** {@link RekordRepository#insertAll}; the entities are copied before this returns. */
  public CompletableFuture<ConditionalWrites<T, ID>> insertAll(Iterable<? extends T> entities) {
    List<T> copy = copy(entities);
    return run(() -> repository.insertAll(copy));
  }

  /** {@link RekordRepository#updateAll}; the entities are copied before this returns. */
  public CompletableFuture<ConditionalWrites<T, ID>> updateAll(Iterable<? extends T> entities) {
    List<T> copy = copy(entities);
    return run(() -> repository.updateAll(copy));
  }

  /**
   * {@link UnitOfWork#commit()} of {@code unit} (made with {@link RekordRepository#unitOfWork()});
   * its items are copied before this returns. One script call: cancelled while it runs, the unit
   * is still written whole or not at all.
   */
  public CompletableFuture<List<T>> commit(UnitOfWork<T, ID> unit) {
    List<UnitOfWork.Item<T, ID>> items = required(unit, "unit").items();
    return run(() -> repository.commit(items));
  }

  /** {@link UnitOfWork#applyEach()} of {@code unit}; its items are copied before this returns. */
  public CompletableFuture<List<UnitOfWork.ItemResult<T, ID>>> applyEach(UnitOfWork<T, ID> unit) {
    List<UnitOfWork.Item<T, ID>> items = required(unit, "unit").items();
    return run(() -> repository.applyEach(items));
  }

  /** {@link RekordRepository#findById}. */
  public CompletableFuture<Optional<T>> findById(ID id) {
    return run(() -> repository.findById(id));
  }

  /** {@link RekordRepository#findAllById}; the ids are copied before this returns. */
  public CompletableFuture<BatchRead<ID, T>> findAllById(Iterable<? extends ID> ids) {
    List<ID> copy = copy(ids);
    return run(() -> repository.findAllById(copy));
  }

  /** {@link RekordRepository#existsById}. */
  public CompletableFuture<Boolean> existsById(ID id) {
    return run(() -> repository.existsById(id));
  }

  /** {@link RekordRepository#deleteById}. */
  public CompletableFuture<Boolean> deleteById(ID id) {
    return run(() -> repository.deleteById(id));
  }

  /** {@link RekordRepository#expire}. */
  public CompletableFuture<Boolean> expire(ID id, Duration ttl) {
    return run(() -> repository.expire(id, ttl));
  }

  /** {@link RekordRepository#expireAt}. */
  public CompletableFuture<Boolean> expireAt(ID id, Instant at) {
    return run(() -> repository.expireAt(id, at));
  }

  /** {@link RekordRepository#sweepExpired}. */
  public CompletableFuture<Void> sweepExpired() {
    return run(() -> {
      repository.sweepExpired();
      return null;
    });
  }

  /** {@link RekordRepository#persist}. */
  public CompletableFuture<Boolean> persist(ID id) {
    return run(() -> repository.persist(id));
  }

  /** {@link RekordRepository#ttl}. */
  public CompletableFuture<Optional<Duration>> ttl(ID id) {
    return run(() -> repository.ttl(id));
  }

  /** {@link RekordRepository#deleteById(Object, long)}. */
  public CompletableFuture<Boolean> deleteById(ID id, long expectedVersion) {
    return run(() -> repository.deleteById(id, expectedVersion));
  }

  /** {@link RekordRepository#update(Object, Update, Update[])}; the updates are copied before this returns. */
  @SafeVarargs
  public final CompletableFuture<T> update(ID id, Update<T> update, Update<T>... more) {
    Update<T>[] rest = more.clone();
    return run(() -> repository.update(id, update, rest));
  }

  /** {@link RekordRepository#updateIf}; the updates are copied before this returns. */
  @SafeVarargs
  public final CompletableFuture<Optional<T>> updateIf(ID id, Condition<T> condition, Update<T> update,
      Update<T>... more) {
    Update<T>[] rest = more.clone();
    return run(() -> repository.updateIf(id, condition, update, rest));
  }

  /** {@link RekordRepository#updateIfVersion}; the updates are copied before this returns. */
  @SafeVarargs
  public final CompletableFuture<T> updateIfVersion(ID id, long expectedVersion, Update<T> update,
      Update<T>... more) {
    Update<T>[] rest = more.clone();
    return run(() -> repository.updateIfVersion(id, expectedVersion, update, rest));
  }

  /** {@link RekordRepository#deleteAll}. */
  public CompletableFuture<Long> deleteAll() {
    return run(repository::deleteAll);
  }

  /** {@link RekordRepository#count}. */
  public CompletableFuture<Long> count() {
    return run(repository::count);
  }

  /** {@link Query#list()} of {@code query} (built with {@link RekordRepository#find(Condition)}). */
  public CompletableFuture<List<T>> list(Query<T, ID> query) {
    return run(() -> required(query).list());
  }

  /** {@link Query#count()} of {@code query}. */
  public CompletableFuture<Long> count(Query<T, ID> query) {
    return run(() -> required(query).count());
  }

  /** {@link Query#first()} of {@code query}. */
  public CompletableFuture<Optional<T>> first(Query<T, ID> query) {
    return run(() -> required(query).first());
  }

  /** {@link Query#ids()} of {@code query}. */
  public CompletableFuture<List<ID>> ids(Query<T, ID> query) {
    return run(() -> required(query).ids());
  }

  /** {@link Query#exists()} of {@code query}. */
  public CompletableFuture<Boolean> exists(Query<T, ID> query) {
    return run(() -> required(query).exists());
  }

  /**
   * {@link Query#iterator()} of {@code query}, a page per future: see {@link AsyncCursor}. Nothing
   * is read until the first {@link AsyncCursor#nextPage()}.
   */
  public AsyncCursor<T> cursor(Query<T, ID> query) {
    return new AsyncCursor<>(required(query).iterator(), runner);
  }

  /** {@link Query#deleteAll()} of {@code query}. */
  public CompletableFuture<Long> deleteAll(Query<T, ID> query) {
    return run(() -> required(query).deleteAll());
  }

  private static <Q> Q required(Q query) {
    return required(query, "query");
  }

  private static <A> A required(A argument, String name) {
    if (argument == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return argument;
  }

  private <R> CompletableFuture<R> run(Supplier<R> call) {
    return runner.submit(call);
  }

  /** A copy made on the caller's thread, so a collection changed after the call does not matter; nulls pass to the sync check. */
  private static <V> List<V> copy(Iterable<? extends V> values) {
    if (values == null) {
      return null;
    }
    List<V> copy = new ArrayList<>();
    values.forEach(copy::add);
    return copy;
  }
}
