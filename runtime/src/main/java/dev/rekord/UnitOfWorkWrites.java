package dev.rekord;

import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.DocumentNotFoundException;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.exception.RekordException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.Refusal;
import dev.rekord.internal.engine.WriteCondition;
import dev.rekord.internal.update.PartialUpdate;
import dev.rekord.model.RekordModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The writing of a {@link UnitOfWork}: its items prepared as engine writes (the documents of its
 * partial updates read first, in one round trip), then written all or nothing ({@link #commit})
 * or each on its own ({@link #applyEach}), partial updates refused for documents changed since
 * their read tried again.
 */
final class UnitOfWorkWrites<T, ID> {

  private final RepositoryCore<T, ID> core;
  private final RekordModel<T, ID> model;

  UnitOfWorkWrites(RepositoryCore<T, ID> core) {
    this.core = core;
    this.model = core.model();
  }

  /**
   * {@link UnitOfWork#commit()}: one all-or-nothing call (after one read of its partial updates'
   * documents), run again whole while only partial updates were refused for documents changed
   * since they were read; the saved entities as stored.
   */
  List<T> commit(List<UnitOfWork.Item<T, ID>> items) {
    return core.measured("commit", () -> {
      QueryEngine<T> engine = core.engine();
      List<UnitOfWork.Item<T, ID>> identified = identified(items);
      List<String> ids = unitIds(identified);
      Set<String> distinct = new HashSet<>();
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
          refused = RepositoryCore.together(refused, failure);
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
          refused = RepositoryCore.together(refused, refusalOf(engine, identified.get(position), ids.get(position),
              unit.stored().get(position), refusal));
        }
        throw refused;
      }
    });
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
  List<UnitOfWork.ItemResult<T, ID>> applyEach(List<UnitOfWork.Item<T, ID>> items) {
    return core.measured("applyEach", () -> {
      QueryEngine<T> engine = core.engine();
      List<UnitOfWork.ItemResult<T, ID>> results = new ArrayList<>(items.size());
      for (int from = 0; from < items.size(); from += DocumentWrites.SAVE_BATCH) {
        List<UnitOfWork.Item<T, ID>> batch =
            identified(items.subList(from, Math.min(from + DocumentWrites.SAVE_BATCH, items.size())));
        List<String> ids = unitIds(batch);
        List<UnitOfWork.ItemResult<T, ID>> done = new ArrayList<>(Collections.nCopies(batch.size(), null));
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
    Iterator<T> identified = core.withIds(entities).iterator();
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
      ids.add(item.entity() == null ? model.idToString(item.id()) : core.idOf(item.entity()));
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
    Iterator<QueryEngine.Snapshot> read = partialIds.isEmpty()
        ? Collections.emptyIterator() : engine.readAll(partialIds).iterator();
    PartialUpdate<T> partial = new PartialUpdate<>(engine, core.storage(), model);
    List<QueryEngine.Write> writes = new ArrayList<>(positions.size());
    List<Integer> written = new ArrayList<>(positions.size());
    List<T> stored = new ArrayList<>(Collections.nCopies(items.size(), null));
    List<RekordException> failures = new ArrayList<>(Collections.nCopies(items.size(), null));
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
          long expected = core.expectedVersion(entity);
          T next = core.nextVersion(entity, expected);
          WriteCondition condition = item.kind() == UnitOfWork.Kind.INSERT ? WriteCondition.ABSENT
              : item.kind() == UnitOfWork.Kind.UPDATE ? WriteCondition.PRESENT : WriteCondition.ALWAYS;
          writes.add(core.prepareSave(engine, next, model.defaultTtl(), condition, expected));
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
      return new PartialUpdate<>(engine, core.storage(), model).conflict(id);
    }
    if (!refusal.byCondition()) {
      return new OptimisticLockException(engine.documentKey(id), model.name(), id, model.version(stored) - 1,
          refusal.storedVersion());
    }
    return item.kind() == UnitOfWork.Kind.INSERT
        ? new DocumentExistsException(engine.documentKey(id), model.name(), id)
        : new DocumentNotFoundException(engine.documentKey(id), model.name(), id);
  }
}
