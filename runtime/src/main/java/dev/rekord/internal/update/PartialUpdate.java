package dev.rekord.internal.update;

import dev.rekord.exception.DocumentNotFoundException;
import dev.rekord.exception.FencedWriteException;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.exception.SerializationException;
import dev.rekord.exception.UpdateConflictException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.Refusal;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.internal.storage.StoredFields;
import dev.rekord.model.RekordModel;
import dev.rekord.query.Condition;
import dev.rekord.update.Update;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One partial update of one document: read it with its digest ({@link QueryEngine#read}), check
 * the caller's condition and expected version on what was read, apply the updates to its stored
 * fields, decode the record (which the generated codec indexes exactly as a save does), and write
 * it with every index entry only while the stored document is still the one read ({@link
 * QueryEngine#prepareUpdate}). When another writer came between, all of it runs again on the new
 * document, up to {@link #MAX_ATTEMPTS} times, with a short random pause from the third attempt
 * on. So no update is lost, and the write itself is the engine's ordinary save: the place where a
 * change event will be appended is the save script's, for every kind of write alike.
 *
 * @param <T> the record type
 */
public final class PartialUpdate<T> {

  /** The fencing token of an update that carries none. */
  public static final long NO_FENCE = 0;

  /** Attempts before {@link UpdateConflictException}: many, as each costs two round trips. */
  public static final int MAX_ATTEMPTS = 200;

  private final QueryEngine<T> engine;
  private final DocumentStorage<T> storage;
  private final RekordModel<T, ?> model;

  public PartialUpdate(QueryEngine<T> engine, DocumentStorage<T> storage, RekordModel<T, ?> model) {
    this.engine = engine;
    this.storage = storage;
    this.model = model;
  }

  /**
   * Applies {@code updates} in order to the document of {@code id}.
   *
   * @param condition what the stored document must match; {@code null}: anything
   * @param expectedVersion the {@code @Version} the stored document must have; {@link
   *     QueryEngine#NO_VERSION}: any (a versioned model's version is incremented either way)
   * @param fencingToken the token of the lock the caller holds ({@link #NO_FENCE}: none): refused
   *     once a newer one has been issued
   * @return the document as updated and stored; empty when it did not match {@code condition}
   * @throws DocumentNotFoundException when there is no document with {@code id}
   * @throws OptimisticLockException when its version is not {@code expectedVersion}
   * @throws UpdateConflictException when other writers changed it under every attempt
   * @throws FencedWriteException when {@code fencingToken} is stale
   */
  public Optional<T> apply(String id, Condition<T> condition, long expectedVersion, long fencingToken,
      List<Update<T>> updates) {
    String key = engine.documentKey(id);
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      Optional<Prepared<T>> prepared = prepare(id, engine.read(id), condition, expectedVersion, updates);
      if (prepared.isEmpty()) {
        return Optional.empty();
      }
      QueryEngine.Write write = prepared.get().write();
      Optional<Refusal> refusal = engine.save(fencingToken == NO_FENCE ? write : engine.fenced(write, id, fencingToken));
      if (refusal.isEmpty()) {
        return Optional.of(prepared.get().entity());
      }
      if (refusal.get().byFence()) {
        throw new FencedWriteException(key, model.name(), id, fencingToken);
      }
      pause(attempt);
    }
    throw conflict(id);
  }

  /**
   * The write of {@code updates} to the document of {@code id} as {@code read} holds it, to run
   * alone or in a unit of work: refused ({@link Refusal#byCondition()}) when the document has
   * changed since.
   *
   * @return empty when it did not match {@code condition}
   * @throws DocumentNotFoundException when {@code read} found no document
   * @throws OptimisticLockException when its version is not {@code expectedVersion}
   */
  public Optional<Prepared<T>> prepare(String id, QueryEngine.Snapshot read, Condition<T> condition,
      long expectedVersion, List<Update<T>> updates) {
    String key = engine.documentKey(id);
    if (read.digest().isEmpty()) {
      throw new DocumentNotFoundException(key, model.name(), id);
    }
    StoredFields<T> fields = storage.fields(key, read.document());
    if (condition != null && !StoredConditions.matches(condition, fields)) {
      return Optional.empty();
    }
    T entity = updated(key, id, fields, expectedVersion, updates);
    return Optional.of(new Prepared<>(entity, prepare(key, id, entity, read)));
  }

  /** The exception of an update of {@code id} refused under every attempt. */
  public UpdateConflictException conflict(String id) {
    return new UpdateConflictException(engine.documentKey(id), model.name(), id, MAX_ATTEMPTS);
  }

  /** An updated document and its write. */
  public record Prepared<T>(T entity, QueryEngine.Write write) {}

  /** The record after {@code updates}, with the next version of a versioned model. */
  private T updated(String key, String id, StoredFields<T> fields, long expectedVersion, List<Update<T>> updates) {
    long version = QueryEngine.NO_VERSION;
    if (model.versionField() != null) {
      version = model.version(fields.toEntity());
      if (expectedVersion != QueryEngine.NO_VERSION && version != expectedVersion) {
        throw new OptimisticLockException(key, model.name(), id, expectedVersion, version);
      }
    }
    for (Update<T> update : updates) {
      update.applyTo(fields);
    }
    T entity = fields.toEntity();
    if (!id.equals(idOf(model, entity))) {
      throw new IllegalArgumentException("a partial update cannot change the id of document " + id + " of model "
          + model.name() + "; save a copy under the new id and delete this one");
    }
    return version == QueryEngine.NO_VERSION ? entity : model.withVersion(entity, version + 1);
  }

  private static <T, ID> String idOf(RekordModel<T, ID> model, T entity) {
    ID id = model.id(entity);
    return id == null ? null : model.idToString(id);
  }

  private QueryEngine.Write prepare(String key, String id, T entity, QueryEngine.Snapshot read) {
    try {
      return engine.prepareUpdate(entity, id, read);
    } catch (SerializationException e) {
      throw e.key() != null ? e : new SerializationException(key, e.model(), e.field(), e.problem(), e);
    }
  }

  /**
   * Before attempt {@code attempt + 1}: nothing after the first, then up to a few milliseconds at
   * random, so racing writers spread out.
   */
  public static void pause(int attempt) {
    if (attempt >= 2) {
      long maxMicros = 200L * Math.min(attempt, 25);
      LockSupport.parkNanos(1000 * ThreadLocalRandom.current().nextLong(50, maxMicros));
    }
  }
}
