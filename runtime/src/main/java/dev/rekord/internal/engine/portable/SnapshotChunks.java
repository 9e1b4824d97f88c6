package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.QueryException;
import dev.rekord.internal.engine.portable.PortableQueries.PageRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A large result of one bucket read as documents, a chunk at a time, without a reply of every id:
 * the query writes the ids of its result to a snapshot ({@code query.lua} in {@link
 * EngineProtocol.Mode#CHUNKS}: a list in the bucket's slot, with a time to live) and answers
 * only how many there are; then each pipeline reads the documents of the ids the one before
 * brought ({@code HGETALL} each, {@code GET} for JSON) and the next {@link #CHUNK} ids ({@code
 * LRANGE}), so a chunk costs one round trip after the first, and each chunk's rows are handed over
 * before the next pipeline is sent: the client holds at most one chunk of undecoded documents. A
 * result of one chunk or less comes back as its ids, with no snapshot written: two round trips.
 *
 * <p>Plain commands: Lua's copy of every field into its own strings cost the server 4× the raw
 * {@code HGETALL}s, and {@code SORT_RO … GET {tag}:*->field} (one key lookup per field, and a user
 * allowed every key) 2.2× (docs/performance.md).
 *
 * <p>The result is the snapshot's: each id once, in the query's order. A row whose document is
 * gone (deleted or expired since the snapshot) or whose key holds another type comes without a
 * document, so the caller reads it again and reports it missing (unindexing it) or failed, as it
 * does for any row it loads; one changed since is read as it is then. The last pipeline drops the
 * snapshot (a read that fails on the way drops it too; else it expires after {@link #TTL} without
 * a read).
 */
final class SnapshotChunks {

  /** Ids (and then their documents) per pipeline: as many as a pipeline of {@code HGETALL}s reads. */
  static final int CHUNK = 5000;

  /** How long a snapshot lives without a chunk read (each pipeline renews it). */
  static final Duration TTL = Duration.ofMinutes(1);

  private final RedisConnection connection;
  private final EngineScripts scripts;
  private final PlainDocuments documents;

  /** Chunk reads of documents, each read as {@code documents} reads it. */
  SnapshotChunks(RedisConnection connection, PlainDocuments documents, EngineScripts scripts) {
    this.scripts = scripts;
    this.connection = connection;
    this.documents = documents;
  }

  /**
   * Runs {@code snapshotQuery} (a {@link ScriptCalls#query} in {@link EngineProtocol.Mode#CHUNKS}:
   * the ids of a result of at most {@link #CHUNK}, else a snapshot written to {@code snapshotKey} of
   * {@code bucket}, with {@link #TTL}) and hands its rows, with their documents, to {@code each} a
   * chunk at a time, in order.
   */
  void read(KeyLayout.Bucket bucket, ScriptCall snapshotQuery, String snapshotKey, Consumer<List<PageRow>> each) {
    Object reply = connection.eval(scripts.query, snapshotQuery.keys(), snapshotQuery.args());
    // one chunk or less comes as its ids, and writes no snapshot
    if (reply instanceof List<?> inline) {
      read(bucket, PortableQueries.strings(inline), each);
    } else {
      read(bucket, List.of(), (Long) reply, snapshotKey, each);
    }
  }

  /**
   * Hands the rows of {@code ids} (a result read by other means), with their documents, to {@code
   * each}: a round trip per {@link #CHUNK}.
   */
  void read(KeyLayout.Bucket bucket, List<String> ids, Consumer<List<PageRow>> each) {
    for (int from = 0; from < ids.size(); from += CHUNK) {
      read(bucket, ids.subList(from, Math.min(ids.size(), from + CHUNK)), 0, null, each);
    }
  }

  /** Reads the documents of {@code first}, then of the snapshot's {@code rows} ids, a chunk at a time. */
  private void read(KeyLayout.Bucket bucket, List<String> first, long rows, String snapshotKey,
      Consumer<List<PageRow>> each) {
    boolean dropped = rows == 0; // an empty result writes no snapshot
    try {
      List<String> ids = first;
      for (long from = 0; from < rows || !ids.isEmpty(); from += CHUNK) {
        Batch batch = connection.batch();
        List<Reply<?>> read = new ArrayList<>(ids.size());
        for (String id : ids) {
          read.add(batch.add(documents.read(bucket.documentKey(id))));
        }
        Reply<List<String>> next = null;
        if (from < rows) {
          long to = Math.min(rows, from + CHUNK);
          next = batch.add(Commands.lrange(snapshotKey, from, to - 1));
          batch.add(to == rows ? Commands.unlink(snapshotKey) : Commands.pexpire(snapshotKey, TTL.toMillis()));
          dropped = to == rows;
        }
        batch.execute();
        if (!ids.isEmpty()) {
          List<PageRow> page = new ArrayList<>(ids.size());
          for (int i = 0; i < ids.size(); i++) {
            page.add(new PageRow(ids.get(i), PlainDocuments.found(read.get(i))));
          }
          each.accept(page);
        }
        ids = next == null ? List.of() : next.get();
        if (next != null && ids.size() != Math.min(rows, from + CHUNK) - from) {
          throw new QueryException("the snapshot " + snapshotKey + " of a large query result was gone after "
              + from + " of " + rows + " ids (expired, or the server lost it); run the query again");
        }
      }
    } catch (RuntimeException e) {
      try {
        if (!dropped) {
          connection.execute(Commands.unlink(snapshotKey));
        }
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
  }
}
