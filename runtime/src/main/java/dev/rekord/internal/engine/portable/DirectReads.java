package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ReplyType;
import dev.rekord.internal.connection.TransactionBatch;
import dev.rekord.internal.engine.portable.QueryPlan.DirectRange;
import java.util.ArrayList;
import java.util.List;

/**
 * The ids of a query result read straight off its one index with plain commands ({@link
 * QueryPlan#directRange()}): {@code ZRANGE} of the range with {@code ZCARD} of the bucket's
 * expiring ids, in one transaction. Redis reads such a range natively; the query script copies each
 * member into Lua and back, which doubled the server's work for the ids of a tag value
 * (docs/performance.md). Only where the script would answer the same: the bucket has no expiring
 * documents (whose ids the script sweeps). A list of more than {@link #LIST_IDS} ids is stored to
 * a snapshot with {@code ZRANGESTORE} and read by rank ({@link SnapshotChunks}), so a list never
 * takes a reply of every id. A standalone server only: a cluster pipeline sends no {@code MULTI}.
 */
final class DirectReads {

  /**
   * The most ids a list reads in one reply (its documents are still read {@link
   * SnapshotChunks#CHUNK} at a time): a larger result is stored to a snapshot, after a wasted read
   * of this many ids (about a tenth of the server's work for a list of that size).
   */
  static final int LIST_IDS = 2 * SnapshotChunks.CHUNK;

  /** No bound on the ids in one reply. */
  static final long ANY = Long.MAX_VALUE;

  private final RedisConnection connection;

  DirectReads(RedisConnection connection) {
    this.connection = connection;
  }

  /**
   * The ids of {@code range} from {@code offset}, at most {@code limit} ({@link
   * PortableQueries#NO_LIMIT}: all), in result order; {@code null} when the query script must
   * answer: the bucket has expiring documents, or the result holds more than {@code most} ids
   * ({@link #ANY}: no bound). One round trip.
   */
  List<String> ids(DirectRange range, long offset, long limit, long most) {
    Read read = read(range, offset, limit, most);
    return read == null || read.expiring() ? null : read.ids();
  }

  /**
   * A list's result: up to {@link #LIST_IDS} ids in the reply; a larger one stored to {@code
   * snapshotKey} ({@code ZRANGESTORE}, with {@link SnapshotChunks#TTL}) in a second transaction, at
   * a cost of the first read; {@code null} when the query script must answer (expiring documents).
   */
  Listed list(DirectRange range, long offset, long limit, String snapshotKey) {
    Read read = read(range, offset, limit, LIST_IDS);
    if (read == null || read.expiring()) {
      return null;
    }
    if (read.ids() != null) {
      return new Listed(read.ids(), null);
    }
    TransactionBatch batch = transactions();
    List<String> args = rangeArguments(range, offset, limit == PortableQueries.NO_LIMIT ? -1 : limit);
    Reply<List<Object>> reply = batch.readTransaction(EngineScripts.QUERY.name(), List.of(
        Commands.zcard(range.expiring()),
        new Command<>("ZRANGESTORE", List.of(snapshotKey, range.key()), args, ReplyType.LONG),
        Commands.pexpire(snapshotKey, SnapshotChunks.TTL.toMillis())));
    batch.execute();
    List<Object> replies = succeeded(reply.get());
    long rows = (Long) replies.get(1);
    if ((Long) replies.get(0) > 0) { // documents began to expire between the two reads
      if (rows > 0) {
        connection.execute(Commands.unlink(snapshotKey));
      }
      return null;
    }
    return new Listed(List.of(),
        new SnapshotChunks.Snapshot(snapshotKey, rows, true, range.descending(), range.prefix()));
  }

  /** A list's result: its ids, or the snapshot that holds them. */
  record Listed(List<String> ids, SnapshotChunks.Snapshot snapshot) {}

  /** What one read found: whether the bucket has expiring documents, and the ids ({@code null}: more than asked). */
  private record Read(boolean expiring, List<String> ids) {}

  private Read read(DirectRange range, long offset, long limit, long most) {
    TransactionBatch batch = transactions();
    if (batch == null) {
      return null;
    }
    boolean whole = limit != PortableQueries.NO_LIMIT && limit <= most;
    long count = whole ? limit : most == ANY ? -1 : most + 1; // LIMIT's count -1: all
    List<String> args = rangeArguments(range, offset, count);
    Reply<List<Object>> reply = batch.readTransaction(EngineScripts.QUERY.name(), List.of(
        Commands.zcard(range.expiring()), new Command<>("ZRANGE", List.of(range.key()), args, ReplyType.STRING_LIST)));
    batch.execute();
    List<Object> replies = succeeded(reply.get());
    List<?> members = (List<?>) replies.get(1);
    if ((Long) replies.get(0) > 0) {
      return new Read(true, null);
    }
    if (members.size() > most) {
      return new Read(false, null);
    }
    String prefix = range.prefix();
    List<String> ids = new ArrayList<>(members.size());
    for (Object member : members) {
      String text = (String) member;
      if (!text.startsWith(prefix)) {
        return null; // not an entry of this value: the script reports what it finds
      }
      ids.add(text.substring(prefix.length()));
    }
    return new Read(false, ids);
  }

  /** A batch that sends transactions, or {@code null} (a cluster). */
  private TransactionBatch transactions() {
    if (connection.isCluster()) {
      return null;
    }
    Batch batch = connection.batch();
    return batch instanceof TransactionBatch transactions && transactions.transactions() ? transactions : null;
  }

  /** {@code EXEC}'s replies, when none failed. */
  private static List<Object> succeeded(List<Object> replies) {
    for (Object failed : replies) {
      if (failed instanceof RuntimeException e) {
        throw e; // a key of another type: as the script would fail
      }
    }
    return replies;
  }

  /**
   * {@code ZRANGE}'s (and {@code ZRANGESTORE}'s) arguments after the key(s) for {@code count}
   * members of {@code range} from {@code offset} ({@code count} -1: all).
   */
  private static List<String> rangeArguments(DirectRange range, long offset, long count) {
    List<String> args = new ArrayList<>(8);
    if (range.by() == DirectRange.By.RANK) {
      args.add(Long.toString(offset));
      args.add(count < 0 ? "-1" : Long.toString(offset + count - 1));
    } else {
      args.add(range.descending() ? range.max() : range.min());
      args.add(range.descending() ? range.min() : range.max());
      args.add(range.by() == DirectRange.By.LEX ? "BYLEX" : "BYSCORE");
      if (range.descending()) {
        args.add("REV");
      }
      args.addAll(List.of("LIMIT", Long.toString(offset), Long.toString(count)));
    }
    return args;
  }
}
