package dev.rekord;

import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.exception.SerializationException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.Refusal;
import dev.rekord.internal.engine.WriteCondition;
import dev.rekord.internal.id.IdAssigner;
import dev.rekord.internal.instrument.Instrumentation;
import dev.rekord.internal.instrument.Instrumentation.Measurement;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.IdKind;
import dev.rekord.model.RekordModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What every concern of a {@link RekordRepository} shares: the model, its stored form and query
 * engine, the connection, ids, the version a save stores, and the measuring of operations. The
 * repository's concerns ({@link DocumentReads}, {@link DocumentWrites}, {@link UnitOfWorkWrites},
 * {@link PartialUpdates}, {@link DocumentExpiry}, {@link DocumentLocks}) each hold one.
 */
final class RepositoryCore<T, ID> {

  private final Rekord rekord;
  private final RekordModel<T, ID> model;
  private final DocumentStorage<T> storage;

  RepositoryCore(Rekord rekord, RekordModel<T, ID> model) {
    this.rekord = rekord;
    this.model = model;
    this.storage = DocumentStorage.of(model);
  }

  Rekord rekord() {
    return rekord;
  }

  RekordModel<T, ID> model() {
    return model;
  }

  DocumentStorage<T> storage() {
    return storage;
  }

  RedisConnection connection() {
    return rekord.connection();
  }

  /** The model's query engine (made once the schema record has been read). */
  QueryEngine<T> engine() {
    return rekord.engines().of(model);
  }

  /** The query engine for a query; see {@link RekordRepository#engine(boolean)}. */
  QueryEngine<T> engine(boolean usesIndexFields) {
    return rekord.engines().forQuery(model, usesIndexFields);
  }

  /** {@code id} as it appears in keys. */
  String key(ID id) {
    return model.idToString(Arguments.requireNonNull(id, "id"));
  }

  /** The Redis key of the document with {@code id}. */
  String documentKey(ID id) {
    return engine().documentKey(key(id));
  }

  /** The id of {@code entity} as it appears in keys. */
  String idOf(T entity) {
    return model.idToString(model.id(entity));
  }

  /** {@code work}, measured as the repository operation {@code operation} (not a query). */
  <R> R measured(String operation, Supplier<R> work) {
    return measured(operation, Instrumentation.NO_SHAPE, work);
  }

  /**
   * {@code work}, measured as the operation {@code operation} of a query of {@code shape} ({@link
   * Instrumentation#NO_SHAPE} for others) when metrics are on: one timer sample, whatever round
   * trips it takes.
   */
  <R> R measured(String operation, String shape, Supplier<R> work) {
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
  boolean measuring() {
    return rekord.instrumentation().enabled();
  }

  /**
   * The condition of a write of an entity whose id was just generated, which would otherwise be
   * written under {@code condition}: {@link WriteCondition#NEW} when the model's ids are drawn at
   * random (ULID, UUIDv7), which no document can have; {@code condition} itself for a counter's
   * ({@code Long}), whose next value a document saved with its own id may already hold.
   */
  WriteCondition generated(WriteCondition condition) {
    return model.idKind() == IdKind.LONG ? condition : WriteCondition.NEW;
  }

  /** The entities, each with its id: kept when set, generated when {@code null}. */
  List<T> withIds(List<? extends T> entities) {
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

  /** The version a save of {@code entity} expects stored, {@link QueryEngine#NO_VERSION} when unversioned. */
  long expectedVersion(T entity) {
    return model.versionField() == null ? QueryEngine.NO_VERSION : model.version(entity);
  }

  /** {@code entity} as a save that expects {@code expected} stores it: its version one higher, when versioned. */
  T nextVersion(T entity, long expected) {
    return expected == QueryEngine.NO_VERSION ? entity : model.withVersion(entity, expected + 1);
  }

  /** @throws SerializationException naming the document's key when a value cannot be written */
  QueryEngine.Write prepareSave(QueryEngine<T> engine, T entity, Duration ttl, WriteCondition condition,
      long expectedVersion) {
    String id = idOf(entity);
    try {
      return engine.prepareSave(entity, id, ttl, condition, expectedVersion);
    } catch (SerializationException e) {
      throw e.key() != null ? e
          : new SerializationException(engine.documentKey(id), e.model(), e.field(), e.problem(), e);
    }
  }

  /** The failure of a save of {@code entity} refused for its version. */
  OptimisticLockException stale(QueryEngine<T> engine, T entity, Refusal refusal) {
    String id = idOf(entity);
    return new OptimisticLockException(engine.documentKey(id), model.name(), id, model.version(entity),
        refusal.storedVersion());
  }

  void requireVersioned(String operation) {
    if (model.versionField() == null) {
      throw new IllegalStateException(operation + " needs a model with @Version; " + model.name() + " has none");
    }
  }

  /** {@code failure} added to {@code first} (the first failure, the others suppressed). */
  static RuntimeException together(RuntimeException first, RuntimeException failure) {
    if (failure == null) {
      return first;
    }
    if (first == null) {
      return failure;
    }
    first.addSuppressed(failure);
    return first;
  }
}
