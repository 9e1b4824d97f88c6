package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ReplyType;
import dev.rekord.internal.engine.portable.PortableQueries.Row;
import dev.rekord.internal.engine.portable.QueryPlan.DirectRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A page deep into a result that is one range of one sorted set per bucket ({@link
 * QueryPlan#directRange()}: every id, a tag's value, a collection's value, a numeric range sorted by
 * its own field), over several buckets, found by counting instead of merging every bucket's first
 * {@code offset + limit} rows: three rounds of a few commands per bucket, whatever the offset.
 *
 * <ol>
 *   <li>Each bucket's rows in the range ({@code ZCOUNT}, {@code ZLEXCOUNT}), and where the range
 *       starts in its sorted set, with its count of expiring documents.
 *   <li>In each bucket, its row at its share of the offset: local rank {@code r_b = floor(offset ×
 *       n_b / n)} ({@code ZRANGE} by index, O(log n)). The page's first row, the {@code offset}-th of
 *       the whole, lies between the least and the greatest of these rows (in page order: {@code
 *       low} and {@code high}): fewer than {@code Σ r_b ≤ offset} rows come before {@code low}, and
 *       at least {@code Σ (r_b + 1) > offset} rows come up to {@code high}.
 *   <li>Each bucket's rows before {@code low} (counted), its rows from {@code low} to {@code high}
 *       and its first {@code limit} rows after {@code high}. Merged, they are the whole's rows from
 *       position {@code Σ before} on, exactly for as many rows as the window holds and {@code limit}
 *       more: the page is among them.
 * </ol>
 *
 * A row is a member with its score, and rows of one score come in member (id) order, as in every
 * query. Members of an id set or a tag's value share one score, so the window is a range of members
 * ({@code ZLEXCOUNT}, {@code ZRANGE … BYLEX}). A numeric range's window is cut by score with plain
 * commands (whole scores: every row of the first and last row's scores) unless the second round's
 * probe finds crowded scores ({@link #CROWDED_SCORE}); then it is cut by rank, inside a score too
 * ({@code ranked_window.lua}), so a score shared by thousands of rows costs a binary search, not a
 * read of them all. The work is O(buckets × log n) plus the window, which holds the rows between the
 * buckets' samples (a few dozen per bucket at an offset of 10,000). Rounds are not atomic together:
 * when writes between them leave the page outside the window, or a bucket has expiring documents
 * (whose ids the scripts sweep), it answers {@code null} and the caller merges as for any page.
 */
final class RankedPages {

  /**
   * How far past its sample a bucket's row is probed: when one shares the sample's score, scores
   * are crowded (hundreds of rows each), and a window cut by score would read them whole.
   */
  static final int CROWDED_SCORE = 256;

  private final RedisConnection connection;
  private final long crowdedScore;

  RankedPages(RedisConnection connection) {
    this(connection, CROWDED_SCORE);
  }

  /** Scores count as crowded where rows {@code crowdedScore} apart share one (tests try both windows). */
  RankedPages(RedisConnection connection, long crowdedScore) {
    this.connection = connection;
    this.crowdedScore = crowdedScore;
  }

  /**
   * The rows at {@code offset} to {@code offset + limit} of {@code ranges} (one per bucket, the same
   * range), in {@code order}; {@code null} when this way cannot tell (see the class).
   */
  List<Row> page(List<DirectRange> ranges, long offset, long limit, Comparator<Row> order) {
    if (offset < 0 || limit < 0) {
      throw new IllegalArgumentException("a ranked page needs an offset and a limit: " + offset + ", " + limit);
    }
    Counts counts = counts(ranges);
    if (counts == null) {
      return null;
    }
    if (offset >= counts.total() || limit == 0) {
      return List.of();
    }
    Samples samples = sample(ranges, counts, offset, order);
    return samples == null ? null : window(ranges, samples, offset, limit, order);
  }

  /** Each bucket's rows in the range and the rank where they start (first round). */
  private record Counts(long[] rows, long[] start, long total) {}

  /** The least and greatest of the buckets' samples, and whether their scores are crowded (second round). */
  private record Samples(Row low, Row high, boolean crowded) {}

  /** The first round; {@code null} when a bucket has expiring documents. */
  private Counts counts(List<DirectRange> ranges) {
    int buckets = ranges.size();
    Batch counting = connection.batch();
    List<Reply<Long>> expiring = new ArrayList<>(buckets);
    List<Reply<Long>> inRange = new ArrayList<>(buckets);
    List<Reply<Long>> beforeRange = new ArrayList<>(buckets);
    for (DirectRange range : ranges) {
      expiring.add(counting.add(Commands.zcard(range.expiring())));
      inRange.add(DirectReads.read(counting, range, DirectReads.counting(range)));
      beforeRange.add(range.by() == DirectRange.By.RANK ? null : DirectReads.read(counting, range, beforeStart(range)));
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
      start[b] = beforeRange.get(b) == null ? 0 : beforeRange.get(b).get(); // every member: from the first
      total += rows[b];
    }
    return new Counts(rows, start, total);
  }

  /** The second round; {@code null} when it cannot tell (written meanwhile, numbers too large). */
  private Samples sample(List<DirectRange> ranges, Counts counts, long offset, Comparator<Row> order) {
    int buckets = ranges.size();
    Batch sampling = connection.batch();
    List<Reply<List<String>>> samples = new ArrayList<>(buckets);
    List<Reply<List<String>>> probes = new ArrayList<>(buckets);
    for (int b = 0; b < buckets; b++) {
      long rows = counts.rows()[b];
      if (rows == 0) {
        samples.add(null);
        probes.add(null);
        continue;
      }
      if (Math.multiplyHigh(offset, rows) != 0) {
        return null; // offset × rows beyond a long: far past any page worth counting
      }
      DirectRange range = ranges.get(b);
      long rank = counts.start()[b] + offset * rows / counts.total();
      samples.add(DirectReads.read(sampling, range, rowAt(range, rank)));
      boolean probe = range.by() == DirectRange.By.SCORE && crowdedScore < counts.start()[b] + rows - rank;
      probes.add(probe ? DirectReads.read(sampling, range, rowAt(range, rank + crowdedScore)) : null);
    }
    sampling.execute();
    Row low = null;
    Row high = null;
    boolean crowded = false;
    for (int b = 0; b < buckets; b++) {
      List<String> reply = samples.get(b) == null ? List.of() : samples.get(b).get();
      Row sample = reply.size() < 2 ? null : row(ranges.get(b), reply.get(0), reply.get(1));
      if (sample == null) {
        continue; // written meanwhile
      }
      low = low == null || order.compare(sample, low) < 0 ? sample : low;
      high = high == null || order.compare(sample, high) > 0 ? sample : high;
      List<String> probe = probes.get(b) == null ? List.of() : probes.get(b).get();
      crowded |= probe.size() == 2 && probe.get(1).equals(reply.get(1));
    }
    return low == null ? null : new Samples(low, high, crowded);
  }

  /** The third round and the merge; {@code null} when the window misses the page (written meanwhile). */
  private List<Row> window(List<DirectRange> ranges, Samples samples, long offset, long limit, Comparator<Row> order) {
    int buckets = ranges.size();
    Row low = samples.low();
    Row high = samples.high();
    Batch window = connection.batch();
    List<Window> windows = new ArrayList<>(buckets);
    for (DirectRange range : ranges) {
      if (range.by() != DirectRange.By.SCORE) {
        windows.add(new MemberWindow(range, window, low, high, limit));
      } else if (samples.crowded()) {
        windows.add(new CutWindow(range.compact()
            ? window.eval(EngineScripts.compact().rankedWindow, List.of(range.key(), CompactSets.directory(range.key())),
                ScriptCalls.rankedWindow(range, low, high, limit).args())
            : window.eval(EngineScripts.standard().rankedWindow, List.of(range.key()),
                ScriptCalls.rankedWindow(range, low, high, limit).args())));
      } else {
        windows.add(new ScoreWindow(range, window, low, high, limit));
      }
    }
    window.execute();
    long first = 0;
    long windowRows = 0;
    List<List<Row>> byBucket = new ArrayList<>(buckets);
    for (int b = 0; b < buckets; b++) {
      Window read = windows.get(b);
      first += read.before();
      windowRows += read.within();
      List<Row> bucketRows = read.rows(ranges.get(b));
      if (bucketRows == null) {
        return null;
      }
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

  /** A bucket's third round: its rows before the window, in it, and the rows of both with those after. */
  private interface Window {
    long before();

    long within();

    /** The window's rows and those after it, in page order; {@code null} when one is no entry of the range. */
    List<Row> rows(DirectRange range);
  }

  /**
   * The window of a numeric range cut by rank, inside a score too: {@code ranked_window.lua}'s reply
   * (its rows' one score and their members, or {@code ''} and each member with its score).
   */
  private record CutWindow(Reply<Object> reply) implements Window {
    @Override
    public long before() {
      return (Long) ((List<?>) reply.get()).get(0);
    }

    @Override
    public long within() {
      return (Long) ((List<?>) reply.get()).get(1);
    }

    @Override
    public List<Row> rows(DirectRange range) {
      List<?> flat = (List<?>) reply.get();
      String score = (String) flat.get(2);
      List<?> read = flat.subList(3, flat.size());
      List<Row> rows = new ArrayList<>(read.size());
      if (score.isEmpty()) {
        addScored(read, rows);
      } else {
        for (Object member : read) {
          rows.add(new Row((String) member, new String[] {score}));
        }
      }
      return rows;
    }
  }

  /**
   * The window of a numeric range cut by score: every row of the scores from the first row's to the
   * last row's (rows of those scores before the first row or after the last included), read with
   * plain commands; while no score is crowded, cheaper than the script's search.
   */
  private static final class ScoreWindow implements Window {
    private final String lowScore;
    private final boolean oneScore;
    private final Reply<Long> before;
    private final Reply<List<String>> within;
    private final Reply<List<String>> after;

    ScoreWindow(DirectRange range, Batch batch, Row low, Row high, long limit) {
      lowScore = low.values()[0];
      String highScore = high.values()[0];
      oneScore = lowScore.equals(highScore); // rows of one score need no score each
      if (range.descending()) {
        before = DirectReads.read(batch, range, DirectReads.count(range, "(" + lowScore, range.max()));
        within = DirectReads.read(batch, range, between(range, lowScore, highScore, true, -1, !oneScore));
        after = DirectReads.read(batch, range, between(range, "(" + highScore, range.min(), true, limit, true));
      } else {
        before = DirectReads.read(batch, range, DirectReads.count(range, range.min(), "(" + lowScore));
        within = DirectReads.read(batch, range, between(range, lowScore, highScore, false, -1, !oneScore));
        after = DirectReads.read(batch, range, between(range, "(" + highScore, range.max(), false, limit, true));
      }
    }

    @Override
    public long before() {
      return before.get();
    }

    @Override
    public long within() {
      return oneScore ? within.get().size() : within.get().size() / 2;
    }

    @Override
    public List<Row> rows(DirectRange range) {
      List<Row> rows = new ArrayList<>();
      if (oneScore) {
        for (String member : within.get()) {
          rows.add(new Row(member, new String[] {lowScore}));
        }
      } else {
        addScored(within.get(), rows);
      }
      addScored(after.get(), rows);
      return rows;
    }
  }

  /** Appends {@code ZRANGE … WITHSCORES}'s members and scores as rows. */
  private static void addScored(List<?> withScores, List<Row> rows) {
    for (int i = 0; i + 1 < withScores.size(); i += 2) {
      rows.add(new Row((String) withScores.get(i), new String[] {(String) withScores.get(i + 1)}));
    }
  }

  /** The window of members of one score (an id set, a tag's value): ranges of members. */
  private static final class MemberWindow implements Window {
    private final Reply<Long> before;
    private final Reply<List<String>> within;
    private final Reply<List<String>> after;

    MemberWindow(DirectRange range, Batch batch, Row low, Row high, long limit) {
      String from = range.prefix() + low.id();
      String to = range.prefix() + high.id();
      before = DirectReads.read(batch, range, DirectReads.count(range, range.min(), "(" + from));
      within = DirectReads.read(batch, range, between(range, "[" + from, "[" + to, false, -1, false));
      after = DirectReads.read(batch, range, between(range, "(" + to, range.max(), false, limit, false));
    }

    @Override
    public long before() {
      return before.get();
    }

    @Override
    public long within() {
      return within.get().size();
    }

    @Override
    public List<Row> rows(DirectRange range) {
      List<Row> rows = new ArrayList<>(within.get().size() + after.get().size());
      for (List<String> members : List.of(within.get(), after.get())) {
        for (String member : members) {
          String id = DirectReads.idOf(range, member);
          if (id == null) {
            return null;
          }
          rows.add(new Row(id, new String[0]));
        }
      }
      return rows;
    }
  }

  /** The row of {@code member} (with {@code score}) of {@code range}, or {@code null} when it is no entry of it. */
  private static Row row(DirectRange range, String member, String score) {
    if (range.by() == DirectRange.By.SCORE) {
      return new Row(member, new String[] {score});
    }
    String id = DirectReads.idOf(range, member);
    return id == null ? null : new Row(id, new String[0]);
  }

  /**
   * How many members of the set come before a range of members or scores in page order: before
   * its first member, below its least score (ascending) or above its greatest (descending).
   */
  private static Command<Long> beforeStart(DirectRange range) {
    if (range.by() == DirectRange.By.LEX) {
      return DirectReads.count(range, "-", complement(range.min()));
    }
    return range.descending()
        ? DirectReads.count(range, complement(range.max()), "+inf")
        : DirectReads.count(range, "-inf", complement(range.min()));
  }

  /**
   * The bound on the other side of {@code bound}: {@code [x} and {@code (x} swap (a score without a
   * mark is {@code [x}).
   */
  private static String complement(String bound) {
    if (bound.startsWith("(")) {
      return bound.substring(1);
    }
    return "(" + (bound.startsWith("[") ? bound.substring(1) : bound);
  }

  /** The member at {@code rank} in page order, with its score. */
  private static Command<List<String>> rowAt(DirectRange range, long rank) {
    List<String> args = new ArrayList<>(List.of(Long.toString(rank), Long.toString(rank)));
    if (range.descending()) {
      args.add("REV");
    }
    args.add("WITHSCORES");
    return new Command<>("ZRANGE", List.of(range.key()), args, ReplyType.STRING_LIST);
  }

  /**
   * {@code ZRANGE key from to BYLEX|BYSCORE [REV] [LIMIT 0 limit] [WITHSCORES]} over {@code range}'s
   * set, by members or scores as the range's kind ({@code limit} -1: all).
   */
  private static Command<List<String>> between(DirectRange range, String from, String to, boolean rev, long limit,
      boolean withScores) {
    List<String> args = new ArrayList<>(List.of(from, to, range.by() == DirectRange.By.SCORE ? "BYSCORE" : "BYLEX"));
    if (rev) {
      args.add("REV");
    }
    if (limit >= 0) {
      args.addAll(List.of("LIMIT", "0", Long.toString(limit)));
    }
    if (withScores) {
      args.add("WITHSCORES");
    }
    return new Command<>("ZRANGE", List.of(range.key()), args, ReplyType.STRING_LIST);
  }
}
