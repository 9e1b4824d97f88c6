package dev.rekord;

import static dev.rekord.Arguments.elements;
import static dev.rekord.Arguments.requireNonNull;
import static dev.rekord.Arguments.requireTtl;

import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.DocumentNotFoundException;
import dev.rekord.exception.FencedWriteException;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.Refusal;
import dev.rekord.internal.engine.WriteCondition;
import dev.rekord.internal.update.PartialUpdate;
import dev.rekord.model.RekordModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A repository's whole-document writes and deletes: saves, inserts and updates of entities (one
 * or many, conditional, fenced by a lock's token) and deletes by id; each document is written with
 * its index entries in one atomic step by the engine.
 */
final class DocumentWrites<T, ID> {

  /** Documents written per pipeline by {@link RekordRepository#saveAll}. */
  static final int SAVE_BATCH = 500;

  private final RepositoryCore<T, ID> core;
  private final RekordModel<T, ID> model;
  private final DocumentLocks<T, ID> locks;

  DocumentWrites(RepositoryCore<T, ID> core, DocumentLocks<T, ID> locks) {
    this.core = core;
    this.model = core.model();
    this.locks = locks;
  }

  /** {@link RekordRepository#save(Object, Duration)}; the model's default time to live is {@code ttl} for a plain save. */
  T save(T entity, Duration ttl) {
    return core.measured("save", () -> writeIdentified(entity, ttl, WriteCondition.ALWAYS));
  }

  /** {@link RekordRepository#insert}. */
  T insert(T entity) {
    return core.measured("insert", () -> {
      T stored = writeIdentified(entity, model.defaultTtl(), WriteCondition.ABSENT);
      if (stored == null) { // refused: the entity came with its id
        String id = core.idOf(entity);
        throw new DocumentExistsException(core.engine().documentKey(id), model.name(), id);
      }
      return stored;
    });
  }

  /** {@link RekordRepository#update(Object)}. */
  T update(T entity) {
    return core.measured("update", () -> {
      requireNonNull(entity, "entity");
      if (model.id(entity) == null) {
        throw new IllegalArgumentException("update needs an entity with its id");
      }
      T stored = writeIf(entity, model.defaultTtl(), WriteCondition.PRESENT);
      if (stored == null) {
        String id = core.idOf(entity);
        throw new DocumentNotFoundException(core.engine().documentKey(id), model.name(), id);
      }
      return stored;
    });
  }

  /** {@link RekordRepository#saveIfAbsent}. */
  boolean saveIfAbsent(T entity) {
    return core.measured("saveIfAbsent",
        () -> writeIdentified(entity, model.defaultTtl(), WriteCondition.ABSENT) != null);
  }

  /** {@link RekordRepository#insertAll}. */
  ConditionalWrites<T, ID> insertAll(Iterable<? extends T> entities) {
    return core.measured("insertAll", () -> writeAllIf(entities, model.defaultTtl(), WriteCondition.ABSENT));
  }

  /** {@link RekordRepository#updateAll}. */
  ConditionalWrites<T, ID> updateAll(Iterable<? extends T> entities) {
    for (T entity : elements(entities, "entities")) {
      if (model.id(entity) == null) {
        throw new IllegalArgumentException("updateAll needs entities with their ids");
      }
    }
    return core.measured("updateAll", () -> writeAllIf(entities, model.defaultTtl(), WriteCondition.PRESENT));
  }

  /** {@link RekordRepository#saveAll(Iterable, Duration)}: a mutable list, as it was. */
  List<T> saveAll(Iterable<? extends T> entities, Duration ttl) {
    return core.measured("saveAll",
        () -> new ArrayList<>(writeAllIf(entities, ttl, WriteCondition.ALWAYS).written()));
  }

  /** {@link RekordRepository#saveFenced}. */
  T saveFenced(T entity, DocumentLock lock) {
    requireNonNull(entity, "entity");
    String key = locks.lockedId(lock);
    if (model.id(entity) == null || !key.equals(core.idOf(entity))) {
      throw new IllegalArgumentException("the entity's id is not that of the locked document " + key);
    }
    return core.measured("saveFenced",
        () -> writeIf(entity, model.defaultTtl(), WriteCondition.ALWAYS, lock.fencingToken()));
  }

  /** {@link RekordRepository#saveAllFenced}. */
  List<T> saveAllFenced(Iterable<? extends T> entities, Collection<DocumentLock> locks) {
    List<T> all = elements(entities, "entities");
    Map<String, DocumentLock> byId = new HashMap<>();
    for (DocumentLock lock : elements(locks, "locks")) {
      byId.put(this.locks.lockedId(lock), lock);
    }
    for (T entity : all) {
      if (model.id(entity) == null || !byId.containsKey(core.idOf(entity))) {
        throw new IllegalArgumentException("no lock of the given ones holds the document of " + entity);
      }
    }
    return core.measured("saveAllFenced", () -> {
      QueryEngine<T> engine = core.engine();
      List<T> stored = new ArrayList<>(all.size());
      RuntimeException refused = null;
      for (int from = 0; from < all.size(); from += SAVE_BATCH) {
        List<T> batch = all.subList(from, Math.min(from + SAVE_BATCH, all.size()));
        List<QueryEngine.Write> writes = new ArrayList<>(batch.size());
        List<T> versioned = new ArrayList<>(batch.size());
        for (T entity : batch) {
          long expected = core.expectedVersion(entity);
          T next = core.nextVersion(entity, expected);
          versioned.add(next);
          String id = core.idOf(entity);
          writes.add(engine.fenced(core.prepareSave(engine, next, model.defaultTtl(), WriteCondition.ALWAYS, expected),
              id, byId.get(id).fencingToken()));
        }
        List<Refusal> refusals = engine.saveEach(writes);
        int next = 0;
        for (int i = 0; i < batch.size(); i++) {
          Refusal refusal = next < refusals.size() && refusals.get(next).position() == i ? refusals.get(next++) : null;
          if (refusal == null) {
            stored.add(versioned.get(i));
            continue;
          }
          String id = core.idOf(batch.get(i));
          refused = RepositoryCore.together(refused, refusal.byFence()
              ? new FencedWriteException(engine.documentKey(id), model.name(), id, byId.get(id).fencingToken())
              : core.stale(engine, batch.get(i), refusal));
        }
      }
      if (refused != null) {
        throw refused;
      }
      return stored;
    });
  }

  /** {@link RekordRepository#deleteById(Object)}. */
  boolean deleteById(ID id) {
    return core.measured("deleteById", () -> core.engine().delete(core.key(id)));
  }

  /** {@link RekordRepository#deleteById(Object, long)}. */
  boolean deleteById(ID id, long expectedVersion) {
    String key = core.key(id);
    core.requireVersioned("deleteById(id, expectedVersion)");
    QueryEngine<T> engine = core.engine();
    OptionalLong stored = core.measured("deleteById", () -> engine.deleteVersioned(key, expectedVersion));
    if (stored.isPresent()) {
      throw new OptimisticLockException(engine.documentKey(key), model.name(), key, expectedVersion,
          stored.getAsLong());
    }
    return expectedVersion != 0;
  }

  /**
   * {@link #writeIf(Object, Duration, WriteCondition)} of {@code entity} with its id, generated when
   * it has none: then under {@link RepositoryCore#generated}'s condition.
   */
  private T writeIdentified(T entity, Duration ttl, WriteCondition condition) {
    requireNonNull(entity, "entity");
    // An entity with its id needs no id generation (nor the lists withIds builds for a batch).
    return model.id(entity) != null ? writeIf(entity, ttl, condition)
        : writeIf(core.withIds(List.of(entity)).get(0), ttl, core.generated(condition));
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
    QueryEngine<T> engine = core.engine();
    long expected = core.expectedVersion(entity);
    T stored = core.nextVersion(entity, expected);
    QueryEngine.Write write = core.prepareSave(engine, stored, ttl, condition, expected);
    Optional<Refusal> refusal = engine.save(fencingToken == PartialUpdate.NO_FENCE ? write
        : engine.fenced(write, core.idOf(entity), fencingToken));
    if (refusal.isEmpty()) {
      return stored;
    }
    if (refusal.get().byFence()) {
      String id = core.idOf(entity);
      throw new FencedWriteException(engine.documentKey(id), model.name(), id, fencingToken);
    }
    if (refusal.get().byCondition()) {
      return null;
    }
    throw core.stale(engine, entity, refusal.get());
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
    QueryEngine<T> engine = core.engine();
    for (int from = 0; from < all.size(); from += SAVE_BATCH) {
      List<T> batch = core.withIds(all.subList(from, Math.min(from + SAVE_BATCH, all.size())));
      List<QueryEngine.Write> writes = new ArrayList<>(batch.size());
      List<T> versioned = new ArrayList<>(batch.size());
      for (int i = 0; i < batch.size(); i++) {
        T entity = batch.get(i);
        long expected = core.expectedVersion(entity);
        T next = core.nextVersion(entity, expected);
        versioned.add(next);
        boolean generated = model.id(all.get(from + i)) == null;
        writes.add(core.prepareSave(engine, next, ttl, generated ? core.generated(condition) : condition, expected));
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
          stale = core.stale(engine, batch.get(i), refusal);
        } else {
          stale.addSuppressed(core.stale(engine, batch.get(i), refusal));
        }
      }
    }
    if (stale != null) {
      throw stale;
    }
    return new ConditionalWrites<>(stored, refused);
  }
}
