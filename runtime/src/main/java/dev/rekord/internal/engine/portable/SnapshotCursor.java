package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.QueryEngine;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The ids of a query's snapshot, in order ({@link PortableQueries#cursor}). Not thread-safe.
 * Closing it (or reading it to the end) deletes the snapshot; otherwise it expires.
 */
public final class SnapshotCursor implements QueryEngine.IdCursor {

  private final RedisConnection connection;
  private final List<String> snapshotKeys;
  private final PortableQueries.Merge merge;
  private boolean closed;

  SnapshotCursor(RedisConnection connection, List<String> snapshotKeys, PortableQueries.Merge merge) {
    this.connection = connection;
    this.snapshotKeys = snapshotKeys;
    this.merge = merge;
  }

  @Override
  public boolean hasNext() {
    if (closed) {
      return false;
    }
    if (merge.hasNext()) {
      return true;
    }
    close();
    return false;
  }

  @Override
  public String next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return merge.next().id();
  }

  /** Deletes the snapshot (one key per bucket); idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    Batch batch = connection.batch();
    for (String key : snapshotKeys) {
      batch.add(Commands.unlink(key));
    }
    batch.execute();
  }
}
