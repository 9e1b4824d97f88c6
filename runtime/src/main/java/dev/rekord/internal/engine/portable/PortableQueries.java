package dev.rekord.internal.engine.portable;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.portable.EngineProtocol.Form;
import dev.rekord.internal.engine.portable.EngineProtocol.Mode;
import dev.rekord.internal.engine.portable.EngineProtocol.SortValue;
import dev.rekord.model.CompoundIndex;
import dev.rekord.model.IndexDefinition;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import dev.rekord.connection.ScriptCall;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs queries over the portable index of one model, server-side in one script per bucket.
 *
 * <p><b>Plan.</b> The condition is compiled to a plan ({@link QueryPlan}) that {@code query.lua}
 * interprets: an {@code and} estimates each operand's cardinality ({@code ZCARD}, {@code ZCOUNT},
 * {@code ZLEXCOUNT}) and drives from the smallest, probing the others ({@code ZSCORE} per id, or
 * {@code ZMSCORE} in bulk; operands without a direct probe — prefixes, geo — are read once);
 * {@code or} is a union; {@code not} (and {@code ne}, {@code isNotNull}) is the set of all ids
 * minus the operand. Every id set is a sorted set in id order ({@link KeyLayout}), so without a
 * sort key a tag driver (or {@code findAll()}) streams its ids in order and stops once the page
 * is full. With one sort key the script walks the sort index in order — within the range the
 * condition puts on the same field — probing the condition and stopping once the page is full,
 * when the estimates say that reads fewer ids than collecting every match and sorting; otherwise
 * it collects and sorts. Several sort keys always collect and sort.
 *
 * <p><b>Compound indexes.</b> Before compiling, a query is rewritten for the best fitting compound
 * index of the model ({@link CompoundRewrite}): an {@code eq} on each of its tags with a range on
 * its number become one range of one sorted set, which a sort by the number walks in order, so
 * the page stops early; {@code count} of that range alone is one {@code ZCOUNT}, and {@code exists}
 * walks the range to the first living match. The results are those of the query as written.
 *
 * <p><b>Buckets.</b> With more than one bucket ({@link KeyLayout}) one script call per node runs the
 * query of each bucket the node serves ({@link NodeFanOut}, {@code query_node.lua}), all in one
 * pipeline. Each node returns the first {@code offset + limit} ids of its buckets with their sort
 * values (scores, tag values), and a first page's documents; the client merges them in the global
 * order and then applies offset and limit, so the result is exactly the one a single bucket would
 * give. Counts are summed. Snapshots for cursors run per bucket.
 *
 * <p><b>Order.</b> By the sort keys, each ascending or descending; strings in byte-wise (UTF-8)
 * order of their indexed (case-folded, if case-insensitive) value; nulls last; ties, and the
 * whole result when there is no sort key, by id in byte-wise order (descending if the last sort
 * key is). Paging is explicit: {@code limit} {@link #NO_LIMIT} returns every match.
 *
 * <p><b>Semantics.</b> {@code ne(x)} and {@code not(…)} match documents whose field is null;
 * comparisons never do. Dates and times compare at microsecond precision ({@link
 * IndexEncoding}). Ids whose document has expired are left out and their entries removed as the
 * query meets them ({@link IndexWriter}).
 *
 * <p>Thread-safe.
 */
public final class PortableQueries {

  /** The {@code limit} that returns every match. */
  public static final long NO_LIMIT = -1;

  /**
   * The largest page whose documents a bucket's script reads with the ids; a larger one (or every
   * match) gets its ids alone and its documents in batches, so neither the server nor the client
   * builds one reply of every document.
   */
  static final long DOCUMENTS_PAGE = 1000;

  /**
   * The largest page of one index that a bucket's script reads with its documents in one round
   * trip; a larger one reads its ids off the index ({@link DirectReads}) and its documents after:
   * Lua's copy of a document costs the server about 3 µs more than a plain {@code HGETALL}, a round
   * trip about 65 µs, so past a few dozen rows two round trips are the faster page.
   */
  static final long ONE_TRIP_PAGE = 100;

  private final RedisConnection connection;
  private final KeyLayout layout;
  private final EngineScripts scripts;
  private final List<CompoundIndex> compounds;
  private final Form form;
  private final Feed feed;
  private final NodeFanOut fanOut;
  private final RankedPages ranked;
  private final DirectReads directReads;
  private final SnapshotChunks chunks;
  private final PlainDocuments documents;
  private final boolean rereadsDocuments;

  /** An engine over a model of hashes without compound indexes. */
  public PortableQueries(RedisConnection connection, KeyLayout layout) {
    this(connection, layout, List.of(), Form.HASH);
  }

  /**
   * An engine over a model with {@code compounds} ({@link IndexDefinition#compounds()}), whose
   * documents have {@code form}.
   */
  public PortableQueries(RedisConnection connection, KeyLayout layout, List<CompoundIndex> compounds, Form form) {
    this(connection, layout, compounds, form, Feed.NONE, false);
  }

  /**
   * Queries whose sweep of expired documents reports them to {@code feed} ({@code changes.lua}).
   * {@code rereadsDocuments}: the caller reads every document of a page again (a model that
   * refreshes each document's time to live as it reads it), so a page is not read with its
   * documents only to tell which of its ids expired.
   */
  public PortableQueries(RedisConnection connection, KeyLayout layout, List<CompoundIndex> compounds, Form form,
      Feed feed, boolean rereadsDocuments) {
    this.connection = connection;
    this.layout = layout;
    this.scripts = EngineScripts.of(layout);
    this.compounds = List.copyOf(compounds);
    this.form = form;
    this.feed = feed;
    this.fanOut = new NodeFanOut(connection, scripts);
    this.ranked = new RankedPages(connection);
    this.directReads = new DirectReads(connection);
    this.documents = new PlainDocuments(connection, form);
    this.chunks = new SnapshotChunks(connection, documents, scripts);
    this.rereadsDocuments = rereadsDocuments;
  }

  public KeyLayout layout() {
    return layout;
  }

  /**
   * The ids of the documents matching {@code condition} ({@code null}: all), in {@code sort}
   * order, from {@code offset}, at most {@code limit} ({@link #NO_LIMIT}: all).
   *
   * @throws dev.rekord.exception.QueryException when the query cannot run as written (a sort on a field
   *     without sort order, a range on a tag, …)
   */
  public <R> List<String> ids(Condition<R> condition, List<Sort<R>> sort, long offset, long limit) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (limit < NO_LIMIT) {
      throw new IllegalArgumentException("limit must be zero or more, or NO_LIMIT: " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    Plan<R> plan = plan(condition, sort);
    if (layout.buckets() == 1) {
      QueryPlan compiled = compile(layout.bucket(0), plan);
      List<String> direct = direct(compiled, offset, limit);
      if (direct != null) {
        return direct;
      }
      ScriptCall call = call(compiled, Mode.IDS, offset, limit, false, null, 0);
      return strings((List<?>) connection.eval(scripts.query, call.keys(), call.args()));
    }
    List<String> ids = new ArrayList<>();
    for (PageRow row : merged(plan, offset, limit, 0)) {
      ids.add(row.id());
    }
    return ids;
  }

  /**
   * A page like {@link #ids}, each id with its document where the script calls that find the page
   * read it (a limit of at most {@link #DOCUMENTS_PAGE}, or {@link #ONE_TRIP_PAGE} for a query of
   * one index; over several buckets, a first page): the
   * bucket's script, or each node's, reads the documents of the rows it found, so ids and
   * documents come in one round trip, and a document that expired since it was indexed is never
   * among them. Otherwise (a large or no limit, a later page over several buckets, a row beyond
   * its node's share) a row's document is {@code null}: the caller loads it.
   */
  public <R> List<PageRow> page(Condition<R> condition, List<Sort<R>> sort, long offset, long limit) {
    if (layout.buckets() > 1 && offset == 0 && limit > 0 && limit <= DOCUMENTS_PAGE) {
      return merged(plan(condition, sort), offset, limit, limit);
    }
    if (layout.buckets() > 1 || limit == NO_LIMIT || limit > DOCUMENTS_PAGE) {
      return unread(ids(condition, sort, offset, limit));
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be zero or more, or NO_LIMIT: " + limit);
    }
    if (limit == 0) {
      return List.of();
    }
    QueryPlan compiled = compile(layout.bucket(0), plan(condition, sort));
    List<String> direct = limit > ONE_TRIP_PAGE ? direct(compiled, offset, limit) : null;
    if (direct != null) {
      return unread(direct);
    }
    ScriptCall call = call(compiled, Mode.DOCUMENTS, offset, limit, false, null, 0);
    List<?> reply = (List<?>) connection.eval(scripts.query, call.keys(), call.args());
    List<PageRow> rows = new ArrayList<>(reply.size() / 2);
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      rows.add(new PageRow(string(reply.get(i)), reply.get(i + 1)));
    }
    return rows;
  }

  /**
   * The result of {@link #page}, handed to {@code each} in batches, in order, the next read while
   * one is handed over, so a large result is decoded with bounded memory (two batches). A result of one bucket larger than
   * {@link #DOCUMENTS_PAGE} (or every match) comes with its documents, read from a server-side
   * snapshot of its ids in chunks ({@link SnapshotChunks}; on a standalone server): its ids never
   * come in one reply. Otherwise one batch: {@link #page}.
   */
  public <R> void pages(Condition<R> condition, List<Sort<R>> sort, long offset, long limit,
      Consumer<List<PageRow>> each) {
    if (layout.buckets() > 1 || (limit != NO_LIMIT && limit <= DOCUMENTS_PAGE) || connection.isCluster()) {
      each.accept(page(condition, sort, offset, limit));
      return;
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    if (limit < NO_LIMIT) {
      throw new IllegalArgumentException("limit must be zero or more, or NO_LIMIT: " + limit);
    }
    KeyLayout.Bucket bucket = layout.bucket(0);
    QueryPlan compiled = compile(bucket, plan(condition, sort));
    QueryPlan.DirectRange range = compiled.directRange();
    List<String> direct = range == null ? null : directReads.listIds(range, offset, limit);
    if (direct != null) {
      chunks.read(bucket, direct, each);
      return;
    }
    String snapshot = bucket.snapshot(java.util.UUID.randomUUID().toString());
    ScriptCall query = call(compiled, Mode.CHUNKS, offset, limit, false, snapshot, SnapshotChunks.TTL.toMillis());
    chunks.read(bucket, query, snapshot, each);
  }

  /** The ids of a one-bucket result read off its index with plain commands ({@link DirectReads}), or {@code null}. */
  private List<String> direct(QueryPlan compiled, long offset, long limit) {
    QueryPlan.DirectRange range = compiled.directRange();
    return range == null ? null : directReads.ids(range, offset, limit, DirectReads.ANY);
  }

  /**
   * An id of a page and its document as the script read it ({@link Mode#DOCUMENTS}: a list of
   * fields and values, or the JSON text), or {@code null} when it was not read with the id (or the
   * key holds another type).
   */
  public record PageRow(String id, Object document) {}

  /**
   * The page of a query over several buckets: each node's first rows over its buckets ({@link
   * NodeFanOut}), merged; with their documents where a node read them ({@code documents}: how many
   * of each node's first rows, when the page starts at its first row).
   *
   * <p>On a cluster, a first page read off the index with plain commands ({@link DirectReads#spread})
   * does not count each bucket's expiring documents (a command per bucket): it reads the page's
   * documents instead, which it needs anyway. A row without one is an id whose document expired
   * (unswept) or went since it was indexed; then the page is read again by the nodes' scripts,
   * which sweep expired ids, as a page with expiring documents always was.
   */
  private <R> List<PageRow> merged(Plan<R> plan, long offset, long limit, long documents) {
    List<Sort<R>> sort = plan.sort();
    long perBucket = limit == NO_LIMIT || offset > Long.MAX_VALUE - limit ? NO_LIMIT : offset + limit;
    List<QueryPlan> compiled = compileEach(plan);
    boolean byDocuments = documents > 0 && offset == 0 && !rereadsDocuments;
    List<List<Row>> spread = connection.isCluster() && perBucket != NO_LIMIT && perBucket <= NodeFanOut.SPREAD_ROWS
        ? directSpread(compiled, perBucket, order(sort), !byDocuments) : null;
    if (spread != null && byDocuments) {
      List<PageRow> page = withDocuments(Merge.ofLists(spread, order(sort)).take(limit));
      if (page != null) {
        return page;
      }
      spread = null;
    }
    if (spread == null && perBucket > NodeFanOut.SPREAD_ROWS) {
      List<Row> ranked = rankedPage(compiled, offset, limit, order(sort));
      if (ranked != null) {
        return unread(ranked.stream().map(Row::id).toList());
      }
    }
    NodeFanOut.Rows rows;
    if (spread != null) {
      rows = new NodeFanOut.Rows(spread, Map.of());
    } else {
      boolean withValues = !sort.isEmpty();
      List<ScriptCall> calls = new ArrayList<>(compiled.size());
      for (QueryPlan bucketPlan : compiled) {
        calls.add(call(bucketPlan, Mode.IDS, 0, perBucket, withValues, null, 0));
      }
      int stride = 1 + (withValues ? sort.size() : 0);
      rows = fanOut.rows(calls, perBucket, documents, stride, order(sort));
    }
    Merge merge = Merge.ofLists(rows.sources(), order(sort));
    merge.skip(offset);
    List<PageRow> page = new ArrayList<>();
    for (Row row : merge.take(limit)) {
      page.add(new PageRow(row.id(), rows.documents().get(row.id())));
    }
    return page;
  }

  /**
   * {@code rows} with their documents, read in one pipeline; {@code null} when a row's document is
   * not there (expired or gone, or its key holds another type).
   */
  private List<PageRow> withDocuments(List<Row> rows) {
    List<String> keys = new ArrayList<>(rows.size());
    for (Row row : rows) {
      keys.add(layout.documentKey(row.id()));
    }
    List<Object> read = documents.readAll(keys);
    List<PageRow> page = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      if (read.get(i) == null) {
        return null;
      }
      page.add(new PageRow(rows.get(i).id(), read.get(i)));
    }
    return page;
  }

  /** The rows of {@code ids}, their documents not read (the caller loads them). */
  private static List<PageRow> unread(List<String> ids) {
    List<PageRow> rows = new ArrayList<>(ids.size());
    for (String id : ids) {
      rows.add(new PageRow(id, null));
    }
    return rows;
  }

  /**
   * A deep page of one index's range in result order, found by counting ({@link RankedPages}), or
   * {@code null} when the query (compiled per bucket) has another shape or counting cannot tell.
   */
  private List<Row> rankedPage(List<QueryPlan> compiled, long offset, long limit, Comparator<Row> order) {
    List<QueryPlan.DirectRange> ranges = each(compiled, QueryPlan::directRange);
    return ranges == null ? null : ranked.page(ranges, offset, limit, order);
  }

  /**
   * The first {@code need} rows of each bucket of a cluster, read off the index with plain commands
   * ({@link DirectReads#spread}, counting expiring documents when {@code expiring}), or {@code null}
   * when the query (compiled per bucket) has another shape or a bucket has expiring documents.
   */
  private List<List<Row>> directSpread(List<QueryPlan> compiled, long need, Comparator<Row> order,
      boolean expiring) {
    List<QueryPlan.DirectRange> ranges = each(compiled, QueryPlan::directRange);
    return ranges == null ? null : directReads.spread(ranges, need, order, expiring);
  }

  /** {@code shape} of each bucket's plan, or {@code null} when a plan has none. */
  private static <S> List<S> each(List<QueryPlan> compiled, Function<QueryPlan, S> shape) {
    List<S> shapes = new ArrayList<>(compiled.size());
    for (QueryPlan bucketPlan : compiled) {
      S found = shape.apply(bucketPlan);
      if (found == null) {
        return null;
      }
      shapes.add(found);
    }
    return shapes;
  }

  /** Every matching id, in {@code sort} order. */
  public <R> List<String> ids(Condition<R> condition, List<Sort<R>> sort) {
    return ids(condition, sort, 0, NO_LIMIT);
  }

  /** How many documents match {@code condition} ({@code null}: all); exact (expired ids are left out). */
  public <R> long count(Condition<R> condition) {
    Plan<R> plan = plan(condition, List.of());
    List<QueryPlan> compiled = compileEach(plan);
    List<QueryPlan.DirectRange> ranges = each(compiled, QueryPlan::countedRange);
    Long counted = ranges == null ? null : directReads.count(ranges);
    if (counted != null) {
      return counted;
    }
    List<ScriptCall> calls = new ArrayList<>(layout.buckets());
    for (QueryPlan bucketPlan : compiled) {
      calls.add(call(bucketPlan, Mode.COUNT, 0, NO_LIMIT, false, null, 0));
    }
    if (calls.size() == 1) {
      return (Long) evalAll(calls).get(0);
    }
    return fanOut.count(calls);
  }

  /**
   * Whether any document matches {@code condition}. A query for a compound index walks its range
   * in score order and stops at the first living match, in every bucket.
   */
  public <R> boolean exists(Condition<R> condition) {
    Plan<R> plan = plan(condition, List.of());
    if (plan.rewrite() == null) {
      return !ids(condition, List.of(), 0, 1).isEmpty();
    }
    Plan<R> anyOrder = new Plan<>(condition, List.of(), plan.rewrite(), true);
    List<ScriptCall> calls = new ArrayList<>(layout.buckets());
    for (int b = 0; b < layout.buckets(); b++) {
      calls.add(call(layout.bucket(b), Mode.IDS, anyOrder, 0, 1, false, null, 0));
    }
    for (Object reply : evalAll(calls)) {
      if (!((List<?>) reply).isEmpty()) {
        return true;
      }
    }
    return false;
  }

  /**
   * A cursor over every matching id in {@code sort} order: a snapshot of the ids is taken now,
   * server-side (one list per bucket, expiring after {@code ttl} without use), and read in pages of
   * {@code pageSize} per bucket, so the client holds at most {@code buckets × pageSize} ids. Ids
   * that match now are returned exactly once, whatever is written meanwhile; ids written later are
   * not. Close it to drop the snapshot early.
   */
  public <R> SnapshotCursor cursor(Condition<R> condition, List<Sort<R>> sort, int pageSize, Duration ttl) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
    }
    String name = java.util.UUID.randomUUID().toString();
    boolean withValues = layout.buckets() > 1 && !sort.isEmpty();
    int stride = 1 + (withValues ? sort.size() : 0);
    long ttlMillis = Math.max(1, ttl.toMillis());
    Plan<R> plan = plan(condition, sort);
    List<ScriptCall> calls = new ArrayList<>(layout.buckets());
    List<String> keys = new ArrayList<>(layout.buckets());
    for (int b = 0; b < layout.buckets(); b++) {
      String key = layout.bucket(b).snapshot(name);
      keys.add(key);
      calls.add(call(layout.bucket(b), Mode.SNAPSHOT, plan, 0, NO_LIMIT, withValues, key, ttlMillis));
    }
    List<Object> counts = evalAll(calls);
    List<Source> sources = new ArrayList<>(counts.size());
    for (int b = 0; b < counts.size(); b++) {
      long rows = (Long) counts.get(b);
      sources.add(new SnapshotSource(connection, keys.get(b), rows, stride, pageSize, ttl));
    }
    return new SnapshotCursor(connection, keys, new Merge(sources, order(sort)));
  }

  private List<Object> evalAll(List<ScriptCall> calls) {
    if (calls.size() == 1) {
      ScriptCall call = calls.get(0);
      return List.of(connection.eval(scripts.query, call.keys(), call.args()));
    }
    return connection.evalAll(scripts.query, calls);
  }

  /**
   * A query as every bucket compiles it: the condition and sort, and the compound index rewrite
   * found for them once ({@code null}: none).
   */
  private record Plan<R>(Condition<R> condition, List<Sort<R>> sort, CompoundRewrite<R> rewrite, boolean anyOrder) {}

  private <R> Plan<R> plan(Condition<R> condition, List<Sort<R>> sort) {
    return new Plan<>(condition, sort, CompoundRewrite.find(compounds, condition, sort), false);
  }

  private <R> ScriptCall call(KeyLayout.Bucket bucket, Mode mode, Plan<R> query, long offset,
      long limit, boolean withValues, String snapshotKey, long snapshotTtlMillis) {
    return call(compile(bucket, query), mode, offset, limit, withValues, snapshotKey, snapshotTtlMillis);
  }

  private ScriptCall call(QueryPlan plan, Mode mode, long offset, long limit, boolean withValues,
      String snapshotKey, long snapshotTtlMillis) {
    return feed.appendTo(ScriptCalls.query(plan, mode, form, offset, limit, withValues, snapshotKey,
        snapshotTtlMillis));
  }

  /** {@code plan} compiled for each bucket, in bucket order. */
  private <R> List<QueryPlan> compileEach(Plan<R> plan) {
    List<QueryPlan> compiled = new ArrayList<>(layout.buckets());
    QueryPlan first = compile(layout.bucket(0), plan);
    for (int b = 0; b < layout.buckets(); b++) {
      compiled.add(first.in(layout.bucket(b)));
    }
    return compiled;
  }

  /** {@code query} compiled over the keys of {@code bucket}. */
  private static <R> QueryPlan compile(KeyLayout.Bucket bucket, Plan<R> query) {
    return QueryPlan.of(bucket, query.condition(), query.sort(), query.rewrite(), query.anyOrder());
  }


  static List<String> strings(List<?> reply) {
    List<String> out = new ArrayList<>(reply.size());
    for (Object row : reply) {
      out.add(string(row));
    }
    return out;
  }

  static String string(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) value;
  }

  /**
   * Rows of {@code stride} strings: the id, then its sort values ({@link SortValue}: a score, or a
   * tag value escaped as the index holds it, which compares as the value does; or null).
   */
  static List<Row> rows(List<?> flat, int stride) {
    List<Row> rows = new ArrayList<>(flat.size() / stride);
    for (int i = 0; i + stride <= flat.size(); i += stride) {
      rows.add(row(flat, i, stride));
    }
    return rows;
  }

  /** The row of {@code stride} entries (strings or their bytes) at {@code at} of {@code flat}. */
  static Row row(List<?> flat, int at, int stride) {
    String present = SortValue.PRESENT.code();
    String[] values = new String[stride - 1];
    for (int v = 0; v < values.length; v++) {
      String value = string(flat.get(at + 1 + v));
      values[v] = value.startsWith(present) ? value.substring(present.length()) : null;
    }
    return new Row(string(flat.get(at)), values);
  }

  /** The global order of rows: what {@code query.lua} applies within a bucket (and the search engine on each node). */
  public static Comparator<Row> order(List<? extends Sort<?>> sort) {
    boolean lastDesc = !sort.isEmpty() && sort.get(sort.size() - 1).descending();
    boolean[] numeric = new boolean[sort.size()];
    boolean[] desc = new boolean[sort.size()];
    for (int i = 0; i < sort.size(); i++) {
      numeric[i] = sort.get(i).field().index().kind() == dev.rekord.model.IndexKind.NUMERIC;
      desc[i] = sort.get(i).descending();
    }
    return (a, b) -> {
      for (int i = 0; i < a.values().length && i < numeric.length; i++) {
        String x = a.values()[i];
        String y = b.values()[i];
        if (x == null || y == null) {
          if (x != y) {
            return x == null ? 1 : -1; // nulls last in both directions
          }
          continue;
        }
        int c = numeric[i] ? Double.compare(a.score(i), b.score(i)) : compareCodePoints(x, y);
        if (c != 0) {
          return desc[i] ? -c : c;
        }
      }
      int c = compareCodePoints(a.id(), b.id());
      return lastDesc ? -c : c;
    };
  }

  /**
   * A score as Redis writes it: a whole number in digits (most sort values: ages, counts, epoch
   * milliseconds — read here without {@link Double#parseDouble}, which costs several times as much),
   * else {@code %.17g} or {@code inf}.
   */
  static double score(String text) {
    int length = text.length();
    int start = length > 0 && text.charAt(0) == '-' ? 1 : 0;
    if (length > start && length - start <= 15) { // at most 15 digits: exact in a double
      long whole = 0;
      int i = start;
      while (i < length) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          break;
        }
        whole = whole * 10 + (c - '0');
        i++;
      }
      if (i == length) {
        return start == 1 ? -whole : whole;
      }
    }
    return switch (text) {
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  /** Code point order, which is the byte-wise order of the UTF-8 encodings. */
  public static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      if (x != y) {
        return Integer.compare(x, y);
      }
      i += Character.charCount(x);
      j += Character.charCount(y);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /**
   * One id of a bucket's result, with its sort values (score or tag text; {@code null}: none). A
   * merge compares each row many times (a deep page skips thousands), so a numeric value is parsed
   * once, when first compared: parsing in every comparison was most of a cluster deep page's client
   * time.
   */
  public static final class Row {
    private final String id;
    private final String[] values;
    private double[] scores; // values parsed, NaN until first read (no score is NaN)

    public Row(String id, String[] values) {
      this.id = id;
      this.values = values;
    }

    public String id() {
      return id;
    }

    public String[] values() {
      return values;
    }

    /** Sort value {@code i} as a number (it must be one, and not {@code null}). */
    double score(int i) {
      if (scores == null) {
        scores = new double[values.length];
        Arrays.fill(scores, Double.NaN);
      }
      double score = scores[i];
      if (Double.isNaN(score)) {
        score = PortableQueries.score(values[i]);
        scores[i] = score;
      }
      return score;
    }

    @Override
    public String toString() {
      return "Row[" + id + ", " + Arrays.toString(values) + "]";
    }
  }

  /** The rows of one bucket, in order. */
  public interface Source {
    /** The next row, or {@code null} when there are no more. */
    Row next();
  }

  private static final class ListSource implements Source {
    private final List<Row> rows;
    private int next;

    ListSource(List<Row> rows) {
      this.rows = rows;
    }

    @Override
    public Row next() {
      return next < rows.size() ? rows.get(next++) : null;
    }
  }

  /** A k-way merge of sorted sources. */
  public static final class Merge {
    private record Head(Row row, Source source) {}

    private final PriorityQueue<Head> heads;

    public Merge(List<? extends Source> sources, Comparator<Row> order) {
      this.heads = new PriorityQueue<>(Math.max(1, sources.size()), (x, y) -> order.compare(x.row(), y.row()));
      for (Source source : sources) {
        Row first = source.next();
        if (first != null) {
          heads.add(new Head(first, source));
        }
      }
    }

    /** The merge of {@code lists}, each already in {@code order}. */
    static Merge ofLists(List<List<Row>> lists, Comparator<Row> order) {
      List<Source> sources = new ArrayList<>(lists.size());
      for (List<Row> rows : lists) {
        sources.add(new ListSource(rows));
      }
      return new Merge(sources, order);
    }

    public boolean hasNext() {
      return !heads.isEmpty();
    }

    /** Passes over the next {@code n} rows (fewer when the merge runs out). */
    void skip(long n) {
      for (long skipped = 0; skipped < n && hasNext(); skipped++) {
        next();
      }
    }

    /** The next {@code n} rows ({@link #NO_LIMIT}: all), fewer when the merge runs out. */
    List<Row> take(long n) {
      List<Row> rows = new ArrayList<>();
      while (hasNext() && (n == NO_LIMIT || rows.size() < n)) {
        rows.add(next());
      }
      return rows;
    }

    public Row next() {
      Head head = heads.poll();
      if (head == null) {
        throw new java.util.NoSuchElementException();
      }
      Row following = head.source().next();
      if (following != null) {
        heads.add(new Head(following, head.source()));
      }
      return head.row();
    }
  }
}
