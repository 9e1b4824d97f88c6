package dev.rekord;

import static dev.rekord.Arguments.requireNonNull;

import dev.rekord.connection.Commands;
import dev.rekord.internal.engine.QueryEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A repository's control of documents' expiry: set, move, remove and read it, sweep the index
 * entries of expired documents, and refresh the expiry of documents just read where the engine
 * cannot do it in the read.
 */
final class DocumentExpiry<T, ID> {

  private final RepositoryCore<T, ID> core;

  DocumentExpiry(RepositoryCore<T, ID> core) {
    this.core = core;
  }

  /** {@link RekordRepository#expire}. */
  boolean expire(ID id, Duration ttl) {
    if (ttl == null || ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("ttl must be positive (persist removes an expiry): " + ttl);
    }
    return core.measured("expire", () -> core.engine().expire(core.key(id), ttl));
  }

  /** {@link RekordRepository#expireAt}. */
  boolean expireAt(ID id, Instant at) {
    requireNonNull(at, "at");
    return core.measured("expireAt", () -> core.engine().expireAt(core.key(id), at));
  }

  /** {@link RekordRepository#persist}. */
  boolean persist(ID id) {
    return core.measured("persist", () -> core.engine().persist(core.key(id)));
  }

  /** {@link RekordRepository#ttl}. */
  Optional<Duration> ttl(ID id) {
    long millis = core.connection().execute(Commands.pttl(core.documentKey(id)));
    return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
  }

  /** {@link RekordRepository#sweepExpired}: a count of the whole model sweeps every bucket first. */
  void sweepExpired() {
    core.engine().count(null);
  }

  /**
   * Restarts the expiry of documents just read, for a model that refreshes on read where the
   * engine cannot do it in the read ({@link QueryEngine#readRefreshing}): one more round trip,
   * after the read (a document that expired between the two stays expired).
   */
  void refresh(List<String> ids) {
    if (!ids.isEmpty()) {
      core.engine().refresh(ids, core.model().defaultTtl());
    }
  }
}
