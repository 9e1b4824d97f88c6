package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.QueryException;
import dev.rekord.internal.engine.portable.EngineProtocol.Form;
import dev.rekord.internal.engine.portable.PortableQueries.PageRow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A large result of one bucket read as documents, without its ids ever reaching the client on
 * their own: the query writes the ids of its result to a snapshot ({@code query.lua} in {@link
 * EngineProtocol.Mode#SNAPSHOT}: a list in the bucket's slot, with a time to live) and answers
 * only how many there are; then {@code query_chunk.lua} reads {@link #CHUNK} of them at a time with
 * their documents, {@link #CHUNKS_PER_BATCH} calls in one pipeline, and each pipeline's rows are
 * handed over before the next is sent, so the client holds at most one pipeline of undecoded
 * documents. The result is the snapshot's: each id once, in the query's order; a document gone
 * since (deleted, expired) is left out by the chunk that meets it and unindexed, one changed since
 * is read as it is then. The last chunk drops the snapshot; a read that fails on the way drops it
 * too (else it expires after {@link #TTL} without a read).
 */
final class SnapshotChunks {

  /** Ids (and their documents) per script call: the unit of work the server does between replies. */
  static final int CHUNK = 1000;

  /** Chunk calls per pipeline: 5,000 documents, as many as a pipeline of {@code HGETALL}s reads. */
  static final int CHUNKS_PER_BATCH = 5;

  /** How long a snapshot lives without a chunk read (each read renews it). */
  static final Duration TTL = Duration.ofMinutes(1);

  private final RedisConnection connection;
  private final Form form;
  private final Feed feed;

  SnapshotChunks(RedisConnection connection, Form form, Feed feed) {
    this.connection = connection;
    this.form = form;
    this.feed = feed;
  }

  /**
   * Runs {@code snapshotQuery} (a {@link ScriptCalls#query} in {@link EngineProtocol.Mode#SNAPSHOT}
   * writing {@code snapshotKey} of {@code bucket}, with {@link #TTL}) and hands its rows, with their
   * documents, to {@code each} a pipeline at a time, in order.
   */
  void read(KeyLayout.Bucket bucket, ScriptCall snapshotQuery, String snapshotKey, Consumer<List<PageRow>> each) {
    long rows = (Long) connection.eval(EngineScripts.QUERY, snapshotQuery.keys(), snapshotQuery.args());
    long chunks = (rows + CHUNK - 1) / CHUNK;
    boolean dropped = rows == 0; // an empty result writes no snapshot
    try {
      for (long from = 0; from < chunks; from += CHUNKS_PER_BATCH) {
        long to = Math.min(chunks, from + CHUNKS_PER_BATCH);
        Batch batch = connection.batch();
        List<Reply<Object>> replies = new ArrayList<>((int) (to - from));
        for (long chunk = from; chunk < to; chunk++) {
          long first = chunk * CHUNK;
          long last = Math.min(rows, first + CHUNK) - 1;
          ScriptCall call = feed.appendTo(ScriptCalls.queryChunk(bucket, snapshotKey, form, first, last,
              TTL.toMillis(), chunk == chunks - 1));
          replies.add(batch.eval(EngineScripts.QUERY_CHUNK, call.keys(), call.args()));
        }
        batch.execute();
        dropped = to == chunks;
        List<PageRow> page = new ArrayList<>((int) (to - from) * CHUNK);
        for (int r = 0; r < replies.size(); r++) {
          List<?> reply = (List<?>) replies.get(r).get();
          long first = (from + r) * CHUNK;
          long expected = Math.min(rows, first + CHUNK) - first;
          if ((Long) reply.get(0) != expected) {
            throw new QueryException("the snapshot " + snapshotKey + " of a large query result was gone after "
                + first + " of " + rows + " ids (expired, or the server lost it); run the query again");
          }
          for (int i = 1; i + 1 < reply.size(); i += 2) {
            page.add(new PageRow(PortableQueries.string(reply.get(i)), reply.get(i + 1)));
          }
        }
        each.accept(page);
      }
    } catch (RuntimeException e) {
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
}
