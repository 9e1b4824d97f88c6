package dev.rekord.internal.engine.portable;

import dev.rekord.exception.QueryException;
import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.internal.engine.portable.PortableQueries.Row;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The rows of one bucket's query snapshot (a Redis list written by {@code query.lua}), read a page
 * at a time; each read renews the snapshot's time to live.
 */
final class SnapshotSource implements PortableQueries.Source {

  private final RedisConnection connection;
  private final String key;
  private final long rows;
  private final int stride;
  private final int pageSize;
  private final long ttlMillis;
  private final ArrayDeque<Row> buffer = new ArrayDeque<>();
  private long read;

  SnapshotSource(RedisConnection connection, String key, long rows, int stride, int pageSize, Duration ttl) {
    this.connection = connection;
    this.key = key;
    this.rows = rows;
    this.stride = stride;
    this.pageSize = pageSize;
    this.ttlMillis = Math.max(1, ttl.toMillis());
  }

  @Override
  public Row next() {
    if (buffer.isEmpty() && read < rows) {
      fill();
    }
    return buffer.poll();
  }

  private void fill() {
    long from = read * stride;
    long to = Math.min(rows, read + pageSize) * stride - 1;
    Batch batch = connection.batch();
    Reply<List<String>> reply = batch.add(Commands.lrange(key, from, to));
    batch.add(Commands.pexpire(key, ttlMillis));
    batch.execute();
    List<String> flat = reply.get();
    if (flat.size() != to - from + 1) {
      throw new QueryException("the query cursor's snapshot " + key + " expired after "
          + read + " of " + rows + " ids; iterate within the cursor's time to live");
    }
    List<Row> page = PortableQueries.rows(flat, stride);
    buffer.addAll(page);
    read += page.size();
  }
}
