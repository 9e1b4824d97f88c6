package dev.rekord;

import static dev.rekord.Arguments.requireLease;
import static dev.rekord.Arguments.requireNonNull;

import dev.rekord.internal.engine.QueryEngine;
import java.time.Duration;
import java.util.Optional;

/** A repository's document locks: taking them, and checking that a lock holds a document of the model. */
final class DocumentLocks<T, ID> {

  private final RepositoryCore<T, ID> core;

  DocumentLocks(RepositoryCore<T, ID> core) {
    this.core = core;
  }

  /** {@link RekordRepository#lock(Object, Duration, Duration)}. */
  DocumentLock lock(ID id, Duration lease, Duration maxWait) {
    requireLease(lease);
    if (maxWait == null || maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must be zero or positive: " + maxWait);
    }
    return DocumentLock.acquire(core.connection(), target(id), lease, maxWait);
  }

  /** {@link RekordRepository#tryLock}. */
  Optional<DocumentLock> tryLock(ID id, Duration lease) {
    requireLease(lease);
    return DocumentLock.tryAcquire(core.connection(), target(id), lease);
  }

  private DocumentLock.Target target(ID id) {
    String key = core.key(id);
    QueryEngine<T> engine = core.engine();
    return new DocumentLock.Target(engine.lockKey(key), engine.fencingKey(key), core.model().name(), key);
  }

  /** The id (as in keys) of the document {@code lock} holds, which must be one of this model. */
  String lockedId(DocumentLock lock) {
    requireNonNull(lock, "lock");
    if (!lock.model().equals(core.model().name())) {
      throw new IllegalArgumentException("the lock is on a document of model " + lock.model() + ", not "
          + core.model().name());
    }
    return lock.id();
  }
}
