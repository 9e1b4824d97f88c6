package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.QueryException;
import dev.rekord.internal.connection.TransactionBatch;
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
 * LRANGE}), so a chunk costs one round trip after the first; the next pipeline is sent before a
 * chunk's rows are handed over, so the server reads while the client decodes, and the client holds
 * at most two chunks of undecoded documents. A
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
    read(bucket, ids, 0, null, each);
  }

  /**
   * Reads the documents of {@code known}, then of the snapshot's {@code rows} ids, a chunk at a
   * time. Each pipeline after the first is sent before the chunk before it is handed to {@code
   * each}, so the server reads while the client decodes; the client holds at most two chunks not
   * yet handed over.
   */
  private void read(KeyLayout.Bucket bucket, List<String> known, long rows, String snapshotKey,
      Consumer<List<PageRow>> each) {
    boolean dropped = rows == 0; // an empty result writes no snapshot
    Chunk next = null;
    try {
      int taken = Math.min(CHUNK, known.size());
      Chunk chunk = new Chunk(bucket, known.subList(0, taken), 0, rows, snapshotKey);
      chunk.execute();
      dropped |= chunk.drops;
      while (chunk != null) {
        List<String> ids = chunk.nextIds();
        if (ids.isEmpty() && taken < known.size()) {
          ids = known.subList(taken, Math.min(known.size(), taken + CHUNK));
          taken += ids.size();
        }
        Chunk sent = ids.isEmpty() && chunk.to >= rows ? null : new Chunk(bucket, ids, chunk.to, rows, snapshotKey);
        if (sent != null) {
          next = sent;
          sent.sendAhead();
        }
        if (!chunk.ids.isEmpty()) {
          each.accept(chunk.page());
        }
        next = null; // read now: its connection comes back whether that succeeds or fails
        if (sent != null) {
          sent.execute();
          dropped |= sent.drops;
        }
        chunk = sent;
      }
    } catch (RuntimeException e) {
      if (next != null) { // sent, not read: reading it gives its connection back
        try {
          next.execute();
          dropped |= next.drops;
        } catch (RuntimeException alsoFailed) {
          e.addSuppressed(alsoFailed);
        }
      }
      if (!dropped) {
        try {
          connection.execute(Commands.unlink(snapshotKey));
        } catch (RuntimeException alsoFailed) {
          e.addSuppressed(alsoFailed);
        }
      }
      throw e;
    }
  }

  /**
   * One pipeline of {@link #read}: the documents of {@code ids}, and, while the snapshot holds ids
   * from {@code from} on, the next {@link #CHUNK} of them ({@code LRANGE}) with a renewal of its
   * time to live, or with its drop ({@link #drops}) when they are its last.
   */
  private final class Chunk {
    final List<String> ids;
    /** Where the next chunk's ids start in the snapshot. */
    final long to;
    final boolean drops;
    private final long from;
    private final long rows;
    private final String snapshotKey;
    private final List<Reply<?>> documents;
    private final Reply<List<String>> nextIds;
    private final Batch batch;

    Chunk(KeyLayout.Bucket bucket, List<String> ids, long from, long rows, String snapshotKey) {
      this.ids = ids;
      this.from = from;
      this.rows = rows;
      this.snapshotKey = snapshotKey;
      batch = connection.batch();
      documents = new ArrayList<>(ids.size());
      for (String id : ids) {
        documents.add(batch.add(SnapshotChunks.this.documents.read(bucket.documentKey(id))));
      }
      to = Math.min(rows, from + CHUNK);
      drops = from < rows && to == rows;
      if (from < rows) {
        nextIds = batch.add(Commands.lrange(snapshotKey, from, to - 1));
        batch.add(drops ? Commands.unlink(snapshotKey) : Commands.pexpire(snapshotKey, TTL.toMillis()));
      } else {
        nextIds = null;
      }
    }

    /** Sends the pipeline now, where the connection can ({@link TransactionBatch#send}). */
    void sendAhead() {
      TransactionBatch.sendAhead(batch);
    }

    void execute() {
      batch.execute();
    }

    /** The rows of {@link #ids}, each with its document or {@code null}. */
    List<PageRow> page() {
      List<PageRow> page = new ArrayList<>(ids.size());
      for (int i = 0; i < ids.size(); i++) {
        page.add(new PageRow(ids.get(i), PlainDocuments.found(documents.get(i))));
      }
      return page;
    }

    /** The snapshot's ids this pipeline read (none when it read none). */
    List<String> nextIds() {
      if (nextIds == null) {
        return List.of();
      }
      List<String> next = nextIds.get();
      if (next.size() != to - from) {
        throw new QueryException("the snapshot " + snapshotKey + " of a large query result was gone after "
            + from + " of " + rows + " ids (expired, or the server lost it); run the query again");
      }
      return next;
    }
  }
}
