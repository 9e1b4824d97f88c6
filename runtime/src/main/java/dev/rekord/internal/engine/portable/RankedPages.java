package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ReplyType;
import dev.rekord.internal.engine.portable.PortableQueries.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A page deep into a numeric range sorted by its own field, over several buckets, found by counting
 * instead of merging every bucket's first {@code offset + limit} rows: three rounds of plain
 * commands, a few per bucket each, whatever the offset.
 *
 * <ol>
 *   <li>Each bucket's rows in the range ({@code ZCOUNT}), and where the range starts in its sorted
 *       set ({@code ZCARD} less the rows on the far side), with its count of expiring documents.
 *   <li>In each bucket, the score of its row at its share of the offset: local rank {@code r_b =
 *       floor(offset × n_b / n)} ({@code ZRANGE} by index, O(log n)). The page's first row, the
 *       {@code offset}-th of the whole, has a score between the least and the greatest of these (in
 *       page order: {@code low} and {@code high}): fewer than {@code Σ r_b ≤ offset} rows come before
 *       {@code low}, and at least {@code Σ (r_b + 1) > offset} rows come up to {@code high}.
 *   <li>Each bucket's rows before {@code low} (counted), its rows from {@code low} to {@code high}
 *       and its first {@code limit} rows after {@code high}. Merged, they are the whole's rows from
 *       position {@code Σ before} on, exactly for as many rows as the window holds and {@code limit}
 *       more: the page is among them.
 * </ol>
 *
 * Rows tie in id order within a score (the sorted set's own order), as every query. The work is
 * O(buckets × log n) plus the window, which holds the rows whose scores fall between the buckets'
 * estimates (a few per bucket when scores are spread, every row of a score shared by many). Rounds
 * are not atomic together: when writes between them leave the page outside the window, or a bucket
 * has expiring documents (whose ids the scripts sweep), it answers {@code null} and the caller
 * merges as for any page.
 */
final class RankedPages {

  private final RedisConnection connection;

  RankedPages(RedisConnection connection) {
    this.connection = connection;
  }

  /**
   * The rows at {@code offset} to {@code offset + limit} of {@code ranges} (one per bucket, the same
   * range), in {@code order}; {@code null} when this way cannot tell (see the class).
   */
  List<Row> page(List<QueryPlan.RankedRange> ranges, long offset, long limit, Comparator<Row> order) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("a ranked page needs an offset and a limit: " + offset + ", " + limit);
    }
    int buckets = ranges.size();
    Batch counting = connection.batch();
    List<Reply<Long>> expiring = new ArrayList<>(buckets);
    List<Reply<Long>> sizes = new ArrayList<>(buckets);
    List<Reply<Long>> inRange = new ArrayList<>(buckets);
    List<Reply<Long>> fromStart = new ArrayList<>(buckets);
    for (QueryPlan.RankedRange range : ranges) {
      expiring.add(counting.add(Commands.zcard(range.expiring())));
      sizes.add(counting.add(Commands.zcard(range.key())));
      inRange.add(counting.add(zcount(range.key(), range.min(), range.max())));
      // the rows from the range's start in page order to the end of the set
      fromStart.add(counting.add(range.descending()
          ? zcount(range.key(), "-inf", range.max()) : zcount(range.key(), range.min(), "+inf")));
    }
    counting.execute();
    long total = 0;
    long[] rows = new long[buckets];
    long[] start = new long[buckets];
    for (int b = 0; b < buckets; b++) {
      if (expiring.get(b).get() > 0) {
        return null;
      }
      rows[b] = inRange.get(b).get();
      start[b] = sizes.get(b).get() - fromStart.get(b).get();
      total += rows[b];
    }
    if (offset >= total || limit == 0) {
      return List.of();
    }

    Batch sampling = connection.batch();
    List<Reply<List<String>>> samples = new ArrayList<>(buckets);
    for (int b = 0; b < buckets; b++) {
      if (rows[b] == 0) {
        samples.add(null);
        continue;
      }
      if (Math.multiplyHigh(offset, rows[b]) != 0) {
        return null; // offset × rows beyond a long: far past any page worth counting
      }
      long rank = start[b] + offset * rows[b] / total;
      QueryPlan.RankedRange range = ranges.get(b);
      List<String> args = new ArrayList<>(List.of(Long.toString(rank), Long.toString(rank)));
      if (range.descending()) {
        args.add("REV");
      }
      args.add("WITHSCORES");
      samples.add(sampling.add(new Command<>("ZRANGE", List.of(range.key()), args, ReplyType.STRING_LIST)));
    }
    sampling.execute();
    String low = null;
    String high = null;
    Comparator<String> pageOrder = scoreOrder(ranges.get(0).descending());
    for (Reply<List<String>> sample : samples) {
      List<String> reply = sample == null ? List.of() : sample.get();
      if (reply.size() < 2) {
        continue; // written meanwhile
      }
      String score = reply.get(1);
      low = low == null || pageOrder.compare(score, low) < 0 ? score : low;
      high = high == null || pageOrder.compare(score, high) > 0 ? score : high;
    }
    if (low == null) {
      return null;
    }

    // a window of one score (rows sharing a value: the large windows) needs no score per row
    boolean oneScore = low.equals(high);
    Batch window = connection.batch();
    List<Reply<Long>> before = new ArrayList<>(buckets);
    List<Reply<List<String>>> within = new ArrayList<>(buckets);
    List<Reply<List<String>>> after = new ArrayList<>(buckets);
    for (QueryPlan.RankedRange range : ranges) {
      String key = range.key();
      if (range.descending()) {
        before.add(window.add(zcount(key, "(" + low, range.max())));
        within.add(window.add(zrangeByScore(key, low, high, true, -1, !oneScore)));
        after.add(window.add(zrangeByScore(key, "(" + high, range.min(), true, limit, true)));
      } else {
        before.add(window.add(zcount(key, range.min(), "(" + low)));
        within.add(window.add(zrangeByScore(key, low, high, false, -1, !oneScore)));
        after.add(window.add(zrangeByScore(key, "(" + high, range.max(), false, limit, true)));
      }
    }
    window.execute();
    long first = 0;
    List<List<Row>> byBucket = new ArrayList<>(buckets);
    long windowRows = 0;
    for (int b = 0; b < buckets; b++) {
      first += before.get(b).get();
      List<Row> bucketRows = new ArrayList<>();
      List<String> read = within.get(b).get();
      windowRows += oneScore ? addRows(read, low, bucketRows) : addRows(read, bucketRows);
      addRows(after.get(b).get(), bucketRows);
      byBucket.add(bucketRows);
    }
    long skip = offset - first;
    if (skip < 0 || skip >= windowRows) {
      return null; // written between the rounds: the page's first row is not in the window
    }
    PortableQueries.Merge merge = PortableQueries.Merge.ofLists(byBucket, order);
    merge.skip(skip);
    return merge.take(limit);
  }

  /** Appends {@code members}, each with {@code score}, as rows; returns how many. */
  private static int addRows(List<String> members, String score, List<Row> rows) {
    for (String member : members) {
      rows.add(new Row(member, new String[] {score}));
    }
    return members.size();
  }

  /** Appends {@code ZRANGE … WITHSCORES}'s members and scores as rows; returns how many. */
  private static int addRows(List<String> withScores, List<Row> rows) {
    for (int i = 0; i + 1 < withScores.size(); i += 2) {
      rows.add(new Row(withScores.get(i), new String[] {withScores.get(i + 1)}));
    }
    return withScores.size() / 2;
  }

  /** Scores as Redis writes them, in page order (descending: the greatest first). */
  private static Comparator<String> scoreOrder(boolean descending) {
    Comparator<String> ascending = Comparator.comparingDouble(RankedPages::score);
    return descending ? ascending.reversed() : ascending;
  }

  private static double score(String text) {
    return switch (text) {
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static Command<Long> zcount(String key, String min, String max) {
    return new Command<>("ZCOUNT", List.of(key), List.of(min, max), ReplyType.LONG);
  }

  /** {@code ZRANGE key from to BYSCORE [REV] [LIMIT 0 limit] [WITHSCORES]} ({@code limit} -1: all). */
  private static Command<List<String>> zrangeByScore(String key, String from, String to, boolean rev, long limit,
      boolean withScores) {
    List<String> args = new ArrayList<>(List.of(from, to, "BYSCORE"));
    if (rev) {
      args.add("REV");
    }
    if (limit >= 0) {
      args.addAll(List.of("LIMIT", "0", Long.toString(limit)));
    }
    if (withScores) {
      args.add("WITHSCORES");
    }
    return new Command<>("ZRANGE", List.of(key), args, ReplyType.STRING_LIST);
  }
}
