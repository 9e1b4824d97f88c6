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
 * documents (whose ids the script sweeps), and the caller takes a reply of every id (a list takes
 * at most {@link #LIST_IDS}; a larger result keeps its snapshot). A standalone server only: a
 * cluster pipeline sends no {@code MULTI}.
 */
final class DirectReads {

  /**
   * The most ids a list reads in one reply (its documents are still read {@link
   * SnapshotChunks#CHUNK} at a time): a larger result is snapshotted by the script, after a wasted
   * read of this many ids (about a tenth of the server's work for a list of that size).
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
    if (connection.isCluster()) {
      return null;
    }
    Batch batch = connection.batch();
    if (!(batch instanceof TransactionBatch transactions) || !transactions.transactions()) {
      return null;
    }
    boolean whole = limit != PortableQueries.NO_LIMIT && limit <= most;
    long count = whole ? limit : most == ANY ? -1 : most + 1; // LIMIT's count -1: all
    Reply<List<Object>> reply = transactions.readTransaction(EngineScripts.QUERY.name(),
        List.of(Commands.zcard(range.expiring()), zrange(range, offset, count)));
    batch.execute();
    List<Object> replies = reply.get();
    for (Object failed : replies) {
      if (failed instanceof RuntimeException e) {
        throw e; // a key of another type: as the script would fail
      }
    }
    List<?> members = (List<?>) replies.get(1);
    if ((Long) replies.get(0) > 0 || members.size() > most) {
      return null;
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
    return ids;
  }

  /** {@code ZRANGE} of {@code count} members of {@code range} from {@code offset}. */
  private static Command<List<String>> zrange(DirectRange range, long offset, long count) {
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
    return new Command<>("ZRANGE", List.of(range.key()), args, ReplyType.STRING_LIST);
  }
}
