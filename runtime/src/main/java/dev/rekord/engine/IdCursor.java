package dev.rekord.engine;

import dev.rekord.connection.RedisCalls;
import dev.rekord.connection.RedisConnection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import redis.clients.jedis.AbstractPipeline;

/**
 * The ids of a query's snapshot, in order ({@link PortableQueryEngine#cursor}). Not thread-safe.
 * Closing it (or reading it to the end) deletes the snapshot; otherwise it expires.
 */
public final class IdCursor implements Iterator<String>, AutoCloseable {

  private final RedisConnection connection;
  private final List<String> snapshotKeys;
  private final PortableQueryEngine.Merge merge;
  private boolean closed;

  IdCursor(RedisConnection connection, List<String> snapshotKeys, PortableQueryEngine.Merge merge) {
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
    RedisCalls.retrying(connection, () -> {
      try (AbstractPipeline pipeline = connection.pipeline()) {
        for (String key : snapshotKeys) {
          pipeline.unlink(key);
        }
        pipeline.sync();
      }
      return null;
    });
  }
}
