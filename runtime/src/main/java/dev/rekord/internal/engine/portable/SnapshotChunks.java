package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.QueryException;
import dev.rekord.exception.RedisCommandException;
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
 * only how many there are; then {@code SORT_RO <snapshot> BY nosort LIMIT <first> 1000 GET # GET
 * {tag}:*->field …} (or {@code GET {tag}:*} for JSON) reads {@link #CHUNK} of them at a time with
 * their documents' fields — plain commands, no script: Lua's copy of every field into its own
 * strings cost the server 4× the raw {@code HGETALL}s (measured, docs/performance.md) —, {@link
 * #CHUNKS_PER_BATCH} of them in one pipeline, and each pipeline's rows are handed over before the
 * next is sent, so the client holds at most one pipeline of undecoded documents.
 *
 * <p>The result is the snapshot's: each id once, in the query's order. A row whose fields are all
 * missing (its document deleted or expired since the snapshot, or its key of another type) comes
 * without a document, so the caller reads it again and reports it missing (unindexing it) or
 * failed, as it does for any row it loads; one changed since is read as it is then. The last
 * pipeline drops the snapshot (a read that fails on the way drops it too; else it expires after
 * {@link #TTL} without a read).
 *
 * <p>Only where {@code SORT} may read other keys by pattern: a standalone server (Redis before
 * 7.4 refuses {@code GET} patterns in cluster mode), hashes whose fields the codec names ({@code
 * hashFields()}) or JSON, a key prefix without {@code *}, and a user the server lets run it ({@link
 * SortPatternReads}: asked once per connection). A refusal met on the first chunk anyway (the
 * user's ACL changed since) makes {@link #read} answer {@code false} before handing anything over,
 * and the connection's large reads fall back from then on.
 */
final class SnapshotChunks {

  /** Ids (and their documents) per {@code SORT_RO}. */
  static final int CHUNK = 1000;

  /** Chunks per pipeline: 5,000 documents, as many as a pipeline of {@code HGETALL}s reads. */
  static final int CHUNKS_PER_BATCH = 5;

  /** How long a snapshot lives without a chunk read (each pipeline renews it). */
  static final Duration TTL = Duration.ofMinutes(1);

  private final RedisConnection connection;
  private final Form form;
  private final List<String> hashFields;
  private final SortPatternReads patterns;

  /**
   * Chunk reads of documents of {@code form}; {@code hashFields}: the fields of a hash document
   * (empty: not known); {@code patterns}: whether the connection's user may read them so.
   */
  SnapshotChunks(RedisConnection connection, Form form, List<String> hashFields, SortPatternReads patterns) {
    this.connection = connection;
    this.form = form;
    this.hashFields = List.copyOf(hashFields);
    this.patterns = patterns;
  }

  /**
   * Whether the documents of {@code bucket} can be read from a snapshot by pattern; the first time
   * on a connection, asks the server ({@link SortPatternReads}).
   */
  boolean reads(KeyLayout.Bucket bucket) {
    return !connection.isCluster() && bucket.documentPrefix().indexOf('*') < 0
        && (form == Form.JSON || !hashFields.isEmpty()) && patterns.allowed(() -> probe(bucket));
  }

  /** The chunk read of {@code bucket}'s documents, on a scratch snapshot key that never exists. */
  private Command<Object> probe(KeyLayout.Bucket bucket) {
    return chunk(bucket, bucket.snapshot(SortPatternReads.PROBE), 0);
  }

  /**
   * Runs {@code snapshotQuery} (a {@link ScriptCalls#query} in {@link EngineProtocol.Mode#SNAPSHOT}
   * writing {@code snapshotKey} of {@code bucket}, with {@link #TTL}) and hands its rows, with their
   * documents, to {@code each} a pipeline at a time, in order. {@code false} (nothing handed over,
   * the snapshot dropped) when the server refused the first chunk and refuses the chunk read
   * since ({@link SortPatternReads#stillAllowed}).
   */
  boolean read(KeyLayout.Bucket bucket, ScriptCall snapshotQuery, String snapshotKey, Consumer<List<PageRow>> each) {
    long rows = (Long) connection.eval(EngineScripts.QUERY, snapshotQuery.keys(), snapshotQuery.args());
    long chunks = (rows + CHUNK - 1) / CHUNK;
    int stride = 1 + (form == Form.JSON ? 1 : hashFields.size());
    boolean dropped = rows == 0; // an empty result writes no snapshot
    try {
      for (long from = 0; from < chunks; from += CHUNKS_PER_BATCH) {
        long to = Math.min(chunks, from + CHUNKS_PER_BATCH);
        Batch batch = connection.batch();
        List<Reply<Object>> replies = new ArrayList<>((int) (to - from));
        for (long chunk = from; chunk < to; chunk++) {
          replies.add(batch.add(chunk(bucket, snapshotKey, chunk * CHUNK)));
        }
        batch.add(to == chunks ? Commands.unlink(snapshotKey) : Commands.pexpire(snapshotKey, TTL.toMillis()));
        batch.execute();
        dropped = to == chunks;
        List<PageRow> page = new ArrayList<>((int) (to - from) * CHUNK);
        for (int r = 0; r < replies.size(); r++) {
          List<?> flat;
          try {
            flat = (List<?>) replies.get(r).get();
          } catch (RedisCommandException e) {
            if (from == 0 && r == 0 && !patterns.stillAllowed(probe(bucket))) {
              drop(snapshotKey, dropped);
              return false;
            }
            throw e;
          }
          long first = (from + r) * CHUNK;
          long expected = Math.min(rows, first + CHUNK) - first;
          if (flat.size() != expected * stride) {
            throw new QueryException("the snapshot " + snapshotKey + " of a large query result was gone after "
                + first + " of " + rows + " ids (expired, or the server lost it); run the query again");
          }
          for (int i = 0; i < flat.size(); i += stride) {
            page.add(new PageRow(PortableQueries.string(flat.get(i)), document(flat, i + 1)));
          }
        }
        each.accept(page);
      }
      return true;
    } catch (RuntimeException e) {
      try {
        drop(snapshotKey, dropped);
      } catch (RuntimeException alsoFailed) {
        e.addSuppressed(alsoFailed);
      }
      throw e;
    }
  }

  private void drop(String snapshotKey, boolean dropped) {
    if (!dropped) {
      connection.execute(Commands.unlink(snapshotKey));
    }
  }

  /** {@code SORT_RO} of {@link #CHUNK} ids of the snapshot from {@code first}: each id, then its document's fields. */
  private Command<Object> chunk(KeyLayout.Bucket bucket, String snapshotKey, long first) {
    String pattern = bucket.documentPrefix() + "*";
    List<String> args = new ArrayList<>(7 + 2 * Math.max(1, hashFields.size()));
    args.add("BY");
    args.add("nosort");
    args.add("LIMIT");
    args.add(Long.toString(first));
    args.add(Integer.toString(CHUNK));
    args.add("GET");
    args.add("#");
    if (form == Form.JSON) {
      args.add("GET");
      args.add(pattern);
    } else {
      for (String field : hashFields) {
        args.add("GET");
        args.add(pattern + "->" + field);
      }
    }
    return Command.of("SORT_RO", List.of(snapshotKey), args);
  }

  /**
   * The document of the row at {@code at}: the JSON text, or the hash's present fields as
   * {@code HGETALL}'s flat array; {@code null} when nothing was found (the caller reads it again).
   */
  private Object document(List<?> flat, int at) {
    if (form == Form.JSON) {
      return flat.get(at);
    }
    List<Object> fields = new ArrayList<>(2 * hashFields.size());
    for (int f = 0; f < hashFields.size(); f++) {
      Object value = flat.get(at + f);
      if (value != null) {
        fields.add(hashFields.get(f));
        fields.add(value);
      }
    }
    return fields.isEmpty() ? null : fields;
  }
}
