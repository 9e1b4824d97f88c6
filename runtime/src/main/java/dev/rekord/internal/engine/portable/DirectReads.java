package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ReplyType;
import dev.rekord.internal.connection.TransactionBatch;
import dev.rekord.internal.engine.portable.QueryPlan.DirectRange;
import dev.rekord.internal.engine.portable.PortableQueries.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A query whose result is one range of one sorted set ({@link QueryPlan#directRange()}, {@link
 * QueryPlan#countedRange()}) read straight off the index with plain commands, beside each bucket's
 * count of expiring ids: the ids of one standalone bucket ({@code ZRANGE} in a transaction), a
 * page's rows over a cluster's buckets ({@link #spread}), and counts ({@code ZCARD}, {@code
 * ZLEXCOUNT}, {@code ZCOUNT}). Redis reads such a range natively; the query script copies each
 * member into Lua and back, which doubled the server's work for the ids of a tag value
 * (docs/performance.md), and a script call's arguments cost about a thousand instructions each.
 * Only where the script would answer the same: no bucket has expiring documents (whose ids the
 * script sweeps); a list takes at most {@link #LIST_IDS} ids in a reply (a larger result keeps the
 * script's snapshot: a sorted set built for it by {@code ZRANGESTORE} cost the server more than the
 * script's list, docs/performance.md). A compact set's reads (compact layout) go as calls of {@code
 * compact_read.lua}, which answers each as the plain command would ({@link #read}); a one-bucket
 * read in a transaction is left to the query script for one.
 */
final class DirectReads {

  /**
   * The most ids a list reads in one reply (its documents are still read {@link
   * SnapshotChunks#CHUNK} at a time; 50,000 ids are a few megabytes): a larger result is
   * snapshotted by the script.
   */
  static final int LIST_IDS = 50_000;

  /** The ids a list of unknown size reads with its count (a larger one reads again). */
  static final int FIRST_IDS = 1_000;

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
    TransactionBatch batch = range.compact() ? null : transactions(); // a compact set: the script reads it
    if (batch == null) {
      return null;
    }
    boolean whole = limit != PortableQueries.NO_LIMIT && limit <= most;
    long count = whole ? limit : most == ANY ? -1 : most + 1; // LIMIT's count -1: all
    Reply<List<Object>> reply = batch.readTransaction(EngineScripts.standard().query.name(),
        List.of(Commands.zcard(range.expiring()), zrange(range, offset, count, false)));
    batch.execute();
    List<Object> replies = succeeded(reply.get());
    List<?> members = (List<?>) replies.get(1);
    if ((Long) replies.get(0) > 0 || members.size() > most) {
      return null;
    }
    return stripped(range, members);
  }

  /** The ids of {@code range}'s {@code members}; {@code null} when one is not an entry of it. */
  private static List<String> stripped(DirectRange range, List<?> members) {
    List<String> ids = new ArrayList<>(members.size());
    for (Object member : members) {
      String id = idOf(range, (String) member);
      if (id == null) {
        return null;
      }
      ids.add(id);
    }
    return ids;
  }

  /**
   * The id in {@code member} of {@code range}, or {@code null} when it is not an entry of it (the
   * script reports what it finds).
   */
  static String idOf(DirectRange range, String member) {
    String prefix = range.prefix();
    return member.startsWith(prefix) ? member.substring(prefix.length()) : null;
  }

  /**
   * The ids of a list, as {@link #ids} with at most {@link #LIST_IDS}. A list whose limit does not
   * bound it that far is counted in the same transaction as its first {@link #FIRST_IDS} ids: a
   * result of no more comes in that one round trip, a larger one is read again (at most {@link
   * #LIST_IDS}) or goes to the script, having cost a read of {@link #FIRST_IDS} ids.
   */
  List<String> listIds(DirectRange range, long offset, long limit) {
    if (limit != PortableQueries.NO_LIMIT && limit <= LIST_IDS) {
      return ids(range, offset, limit, LIST_IDS);
    }
    TransactionBatch batch = range.compact() ? null : transactions();
    if (batch == null) {
      return null;
    }
    Reply<List<Object>> reply = batch.readTransaction(EngineScripts.standard().query.name(), List.of(
        Commands.zcard(range.expiring()), counting(range), zrange(range, offset, FIRST_IDS, false)));
    batch.execute();
    List<Object> replies = succeeded(reply.get());
    long matching = Math.max(0, (Long) replies.get(1) - offset);
    if ((Long) replies.get(0) > 0 || Math.min(matching, limit == PortableQueries.NO_LIMIT ? matching : limit) > LIST_IDS) {
      return null;
    }
    if (matching <= FIRST_IDS) {
      return stripped(range, (List<?>) replies.get(2));
    }
    return ids(range, offset, limit, LIST_IDS);
  }

  /**
   * The first {@code need} rows of {@code ranges} (one per bucket, the same query), each bucket's
   * rows apart, as {@link NodeFanOut#spreadRows} finds them but with plain commands: one pipeline of
   * each bucket's first {@link NodeFanOut#spreadAsk} rows ({@code ZRANGE}, with scores when the
   * range is sorted by them) followed by its count of expiring documents, then the rows of each
   * bucket that may hold more of the first {@code need}, asked again. {@code null} when a bucket
   * has expiring documents (the scripts sweep them) or holds a member that is not an entry.
   * Unless {@code expiring} is false: then no bucket's expiring documents are counted, and its rows
   * may hold ids whose documents have expired, unswept; the caller tells them by reading the rows'
   * documents ({@link PortableQueries#page}).
   *
   * <p>Not a transaction (a cluster pipeline sends no {@code MULTI}): a bucket's count of expiring
   * documents is read after its rows, so an expired document among them was in the count unless a
   * sweep removed it between the two commands, which arrive together.
   */
  List<List<Row>> spread(List<DirectRange> ranges, long need, Comparator<Row> order, boolean expiring) {
    long ask = NodeFanOut.spreadAsk(need, ranges.size());
    List<List<Row>> byBucket = rows(ranges, ask, expiring);
    if (byBucket == null) {
      return null;
    }
    Row last = NodeFanOut.needth(byBucket, need, order);
    List<Integer> again = new ArrayList<>();
    List<DirectRange> asked = new ArrayList<>();
    for (int b = 0; b < byBucket.size(); b++) {
      List<Row> rows = byBucket.get(b);
      if (rows.size() == ask && ask < need && (last == null || order.compare(rows.get(rows.size() - 1), last) < 0)) {
        again.add(b);
        asked.add(ranges.get(b));
      }
    }
    if (!again.isEmpty()) {
      List<List<Row>> complete = rows(asked, need, expiring);
      if (complete == null) {
        return null;
      }
      for (int i = 0; i < again.size(); i++) {
        byBucket.set(again.get(i), complete.get(i));
      }
    }
    return byBucket;
  }

  /**
   * Each range's first {@code count} rows, in one pipeline, with its count of expiring documents
   * when {@code expiring}; {@code null} as for {@link #spread}.
   */
  private List<List<Row>> rows(List<DirectRange> ranges, long count, boolean expiring) {
    Batch batch = connection.batch();
    List<Reply<List<String>>> members = new ArrayList<>(ranges.size());
    List<Reply<Long>> expiringCounts = new ArrayList<>(ranges.size());
    for (DirectRange range : ranges) {
      members.add(read(batch, range, zrange(range, 0, count, range.by() == DirectRange.By.SCORE)));
      if (expiring) {
        expiringCounts.add(batch.add(Commands.zcard(range.expiring())));
      }
    }
    batch.execute();
    List<List<Row>> byBucket = new ArrayList<>(ranges.size());
    for (int b = 0; b < ranges.size(); b++) {
      if (expiring && expiringCounts.get(b).get() > 0) {
        return null;
      }
      DirectRange range = ranges.get(b);
      boolean scored = range.by() == DirectRange.By.SCORE;
      List<String> reply = members.get(b).get();
      List<Row> rows = new ArrayList<>(scored ? reply.size() / 2 : reply.size());
      for (int i = 0; i < reply.size(); i += scored ? 2 : 1) {
        String id = idOf(range, reply.get(i));
        if (id == null) {
          return null;
        }
        rows.add(new Row(id, scored ? new String[] {reply.get(i + 1)} : new String[0]));
      }
      byBucket.add(rows);
    }
    return byBucket;
  }

  /**
   * How many documents {@code ranges} (one per bucket, {@link QueryPlan#countedRange()}) hold
   * together: {@code ZCARD}, {@code ZLEXCOUNT} or {@code ZCOUNT} of each, then its count of
   * expiring documents (in a {@code MULTI} on one standalone bucket; otherwise as in {@link
   * #spread}); {@code null} when a bucket has expiring documents (the script leaves out expired ones).
   */
  Long count(List<DirectRange> ranges) {
    List<Object> replies;
    TransactionBatch transactions = ranges.size() == 1 && !ranges.get(0).compact() ? transactions() : null;
    if (transactions != null) {
      Reply<List<Object>> reply = transactions.readTransaction(EngineScripts.standard().query.name(),
          List.of(counting(ranges.get(0)), Commands.zcard(ranges.get(0).expiring())));
      transactions.execute();
      replies = succeeded(reply.get());
    } else if (ranges.size() == 1 && !connection.isCluster()) {
      return null; // one compact set on a standalone server: the script counts it in one call
    } else {
      Batch batch = connection.batch();
      List<Reply<?>> each = new ArrayList<>(2 * ranges.size());
      for (DirectRange range : ranges) {
        each.add(read(batch, range, counting(range)));
        each.add(batch.add(Commands.zcard(range.expiring())));
      }
      batch.execute();
      replies = new ArrayList<>(each.size());
      for (Reply<?> reply : each) {
        replies.add(reply.get());
      }
    }
    long total = 0;
    for (int i = 0; i < replies.size(); i += 2) {
      if ((Long) replies.get(i + 1) > 0) {
        return null;
      }
      total += (Long) replies.get(i);
    }
    return total;
  }

  /**
   * {@code command}, a read of {@code range}'s set, added to {@code batch}: as it is for a plain
   * set, as a call of {@code compact_read.lua} (which answers it the same) for a compact one.
   */
  @SuppressWarnings("unchecked") // the script answers as the command: a count or a list of strings
  static <T> Reply<T> read(Batch batch, DirectRange range, Command<T> command) {
    if (!range.compact()) {
      return batch.add(command);
    }
    List<String> args = new ArrayList<>(1 + command.args().size());
    args.add(command.name());
    args.addAll(command.args());
    Reply<Object> reply = batch.eval(EngineScripts.compact().compactRead,
        List.of(range.key(), CompactSets.directory(range.key())), args);
    return () -> (T) reply.get();
  }

  /** The command that counts {@code range}'s members. */
  static Command<Long> counting(DirectRange range) {
    return range.by() == DirectRange.By.RANK ? Commands.zcard(range.key()) : count(range, range.min(), range.max());
  }

  /**
   * How many members of {@code range}'s set lie from {@code min} to {@code max}, bounds as the
   * range's kind takes them ({@code ZLEXCOUNT} for members of one score, {@code ZCOUNT} for scores).
   */
  static Command<Long> count(DirectRange range, String min, String max) {
    String command = range.by() == DirectRange.By.SCORE ? "ZCOUNT" : "ZLEXCOUNT";
    return new Command<>(command, List.of(range.key()), List.of(min, max), ReplyType.LONG);
  }

  /** A batch that sends transactions (a standalone server), or {@code null}. */
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
   * {@code ZRANGE} of {@code count} members of {@code range} from {@code offset} ({@code count} -1:
   * all), {@code withScores} or not.
   */
  private static Command<List<String>> zrange(DirectRange range, long offset, long count, boolean withScores) {
    List<String> args = new ArrayList<>(9);
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
    if (withScores) {
      args.add("WITHSCORES");
    }
    return new Command<>("ZRANGE", List.of(range.key()), args, ReplyType.STRING_LIST);
  }
}
