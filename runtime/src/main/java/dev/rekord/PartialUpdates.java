package dev.rekord;

import static dev.rekord.Arguments.requireNonNull;

import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.update.PartialUpdate;
import dev.rekord.query.Condition;
import dev.rekord.update.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A repository's partial updates ({@link Update}s of one stored document), plain, conditional,
 * versioned or fenced; {@link PartialUpdate} reads, applies and writes them.
 */
final class PartialUpdates<T, ID> {

  private final RepositoryCore<T, ID> core;
  private final DocumentLocks<T, ID> locks;

  PartialUpdates(RepositoryCore<T, ID> core, DocumentLocks<T, ID> locks) {
    this.core = core;
    this.locks = locks;
  }

  /** {@link RekordRepository#update(Object, Update, Update[])}. */
  T update(ID id, Update<T> update, Update<T>[] more) {
    return core.measured("update", () -> apply(id, null, QueryEngine.NO_VERSION, updates(update, more))).orElseThrow();
  }

  /** {@link RekordRepository#updateIf}. */
  Optional<T> updateIf(ID id, Condition<T> condition, Update<T> update, Update<T>[] more) {
    requireNonNull(condition, "condition");
    return core.measured("updateIf", () -> apply(id, condition, QueryEngine.NO_VERSION, updates(update, more)));
  }

  /** {@link RekordRepository#updateIfVersion}. */
  T updateIfVersion(ID id, long expectedVersion, Update<T> update, Update<T>[] more) {
    core.requireVersioned("updateIfVersion");
    return core.measured("updateIfVersion", () -> apply(id, null, expectedVersion, updates(update, more))).orElseThrow();
  }

  /** {@link RekordRepository#updateFenced}. */
  T updateFenced(DocumentLock lock, Update<T> update, Update<T>[] more) {
    String key = locks.lockedId(lock);
    return core.measured("updateFenced",
        () -> apply(key, null, QueryEngine.NO_VERSION, lock.fencingToken(), updates(update, more))).orElseThrow();
  }

  private Optional<T> apply(ID id, Condition<T> condition, long expectedVersion, List<Update<T>> updates) {
    return apply(core.key(id), condition, expectedVersion, PartialUpdate.NO_FENCE, updates);
  }

  private Optional<T> apply(String key, Condition<T> condition, long expectedVersion, long fencingToken,
      List<Update<T>> updates) {
    try {
      return new PartialUpdate<>(core.engine(), core.storage(), core.model()).apply(key, condition, expectedVersion,
          fencingToken, updates);
    } catch (UnsupportedOperationException e) {
      throw new IllegalStateException("model " + core.model().name() + ": " + e.getMessage(), e);
    }
  }

  /** {@code update} and {@code more}, in order, none of them null. */
  private static <T> List<Update<T>> updates(Update<T> update, Update<T>[] more) {
    List<Update<T>> all = new ArrayList<>(1 + more.length);
    all.add(requireNonNull(update, "update"));
    for (Update<T> next : more) {
      all.add(requireNonNull(next, "update"));
    }
    return all;
  }
}
