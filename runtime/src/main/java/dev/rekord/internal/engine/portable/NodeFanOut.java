package dev.rekord.internal.engine.portable;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ScriptCall;
import dev.rekord.internal.engine.portable.PortableQueries.Row;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the query of many buckets with one script call per node ({@code query_node.lua}) instead of
 * one per bucket: the buckets are grouped by the node that serves them as far as the client knows
 * ({@link RedisConnection#nodeOf}), each node merges its buckets' rows and returns its first
 * {@code offset + limit}, and the calls of all nodes go in one pipeline. A bucket the node no longer
 * serves (the slot moved or is moving, or the client's slot map is stale) fails alone inside the
 * call; it is asked again with {@code query.lua}, whose redirections the connection follows, so
 * the result stays that of every bucket.
 *
 * <p>Over several nodes, a page of at most {@link #SPREAD_ROWS} rows has each bucket's rows come
 * back apart, merged by the client, and its documents read after ({@link #spreadRows}). Otherwise
 * (one node, or a deeper page) each node merges its buckets' rows and reads documents for its first
 * ones: each bucket of a node is first asked for fewer rows than the page needs ({@link
 * #firstRows}); the script asks again, in the same call, the buckets that might hold more of the
 * node's first rows (the proof is in {@code query_node.lua}).
 */
final class NodeFanOut {

  /**
   * The most rows a node merges ({@code offset + limit}); a larger or unlimited query has each bucket
   * answer alone and the client merge, which costs the server less than merging in Lua.
   */
  static final long NODE_ROWS = 50_000;

  /**
   * The most rows a page over several nodes asks of each bucket ({@link #spreadRows}); a deeper
   * page has each node merge its buckets' rows, so that not every bucket's rows reach the client.
   */
  static final long SPREAD_ROWS = 1_000;

  /** {@code query_node.lua}'s documents argument for each bucket's rows apart, unmerged. */
  private static final long EACH_BUCKET = -1;

  private final RedisConnection connection;
  private final EngineScripts scripts;

  NodeFanOut(RedisConnection connection, EngineScripts scripts) {
    this.scripts = scripts;
    this.connection = connection;
  }

  /**
   * The rows of a query over the buckets of {@code calls} ({@link ScriptCalls#query} in {@link
   * EngineProtocol.Mode#IDS} from offset 0 with a limit of {@code need}, each row {@code stride}
   * entries): one list per node or bucket, each in the query's order and together holding the first
   * {@code need} rows of the whole; the documents of the first rows of each node, so that those
   * of the first {@code documents} rows of the whole are there but for exceptions ({@link #shareOf}).
   */
  Rows rows(List<ScriptCall> calls, long need, long documents, int stride, Comparator<Row> order) {
    if (need < 0 || need > NODE_ROWS) {
      return new Rows(bucketRows(calls, stride), Map.of());
    }
    List<List<Integer>> nodes = byNode(calls);
    if (nodes.size() > 1 && need <= SPREAD_ROWS) {
      return new Rows(spreadRows(calls, nodes, need, stride, order), Map.of());
    }
    List<ScriptCall> nodeCalls = new ArrayList<>(nodes.size());
    for (List<Integer> node : nodes) {
      nodeCalls.add(ScriptCalls.nodeQuery(pick(calls, node), need, firstRows(need, node.size()),
          shareOf(documents, node.size(), calls.size())));
    }
    List<Object> replies = connection.evalAll(scripts.nodeQuery, nodeCalls);
    List<List<Row>> sources = new ArrayList<>(replies.size());
    Map<String, Object> read = new HashMap<>();
    List<ScriptCall> failed = new ArrayList<>();
    int entries = stride + (documents > 0 ? 1 : 0);
    for (int n = 0; n < replies.size(); n++) {
      List<?> reply = (List<?>) replies.get(n);
      failed.addAll(pick(calls, failedOf(reply, nodes.get(n))));
      List<?> flat = (List<?>) reply.get(1);
      List<Row> rows = new ArrayList<>(flat.size() / entries);
      for (int i = 0; i + entries <= flat.size(); i += entries) {
        Row row = PortableQueries.row(flat, i, stride);
        rows.add(row);
        if (documents > 0 && flat.get(i + stride) != null) {
          read.put(row.id(), flat.get(i + stride));
        }
      }
      sources.add(rows);
    }
    if (!failed.isEmpty()) {
      sources.addAll(bucketRows(failed, stride));
    }
    return new Rows(sources, read);
  }

  /**
   * The rows of each bucket of {@code calls}, together holding the first {@code need} rows of the
   * whole, one call per node that neither merges them nor reads documents: over several nodes only
   * the client can tell which rows make the page, so a node that merged its buckets' rows and read
   * documents for them would read more documents than the page holds, and merge in Lua what the
   * client merges again. The caller reads the page's documents (a second round trip, plain
   * commands).
   *
   * <p>Each bucket is asked for {@link #spreadAsk} rows, a little over its share. Exact: a bucket
   * that returned fewer has no more; one whose last row comes after the {@code need}-th merged row
   * has none among the first {@code need}. Every other bucket is asked again, alone, for all of them.
   */
  private List<List<Row>> spreadRows(List<ScriptCall> calls, List<List<Integer>> nodes, long need, int stride,
      Comparator<Row> order) {
    long ask = spreadAsk(need, calls.size());
    List<ScriptCall> nodeCalls = new ArrayList<>(nodes.size());
    for (List<Integer> node : nodes) {
      nodeCalls.add(ScriptCalls.nodeQuery(pick(calls, node), need, ask, EACH_BUCKET));
    }
    List<Object> replies = connection.evalAll(scripts.nodeQuery, nodeCalls);
    List<List<Row>> byBucket = new ArrayList<>(Collections.nCopies(calls.size(), List.<Row>of()));
    List<Integer> again = new ArrayList<>();
    for (int n = 0; n < replies.size(); n++) {
      List<?> reply = (List<?>) replies.get(n);
      List<Integer> node = nodes.get(n);
      again.addAll(failedOf(reply, node));
      for (int b = 1; b < reply.size(); b++) {
        byBucket.set(node.get(b - 1), PortableQueries.rows((List<?>) reply.get(b), stride));
      }
    }
    Row last = needth(byBucket, need, order);
    for (int b = 0; b < byBucket.size(); b++) {
      List<Row> rows = byBucket.get(b);
      if (rows.size() == ask && ask < need && !again.contains(b)
          && (last == null || order.compare(rows.get(rows.size() - 1), last) < 0)) {
        again.add(b);
      }
    }
    if (!again.isEmpty()) {
      List<List<Row>> complete = bucketRows(pick(calls, again), stride);
      for (int i = 0; i < again.size(); i++) {
        byBucket.set(again.get(i), complete.get(i));
      }
    }
    return byBucket;
  }

  /** The {@code need}-th row of the merge of {@code sources}, or {@code null} when they hold fewer. */
  static Row needth(List<List<Row>> sources, long need, Comparator<Row> order) {
    PortableQueries.Merge merge = PortableQueries.Merge.ofLists(sources, order);
    merge.skip(need - 1);
    return need > 0 && merge.hasNext() ? merge.next() : null;
  }

  /**
   * The rows asked of each of {@code buckets} first for the {@code need} of a page spread over
   * several nodes: twice a bucket's even share, and four more, so that asking again is the
   * exception: with rows spread evenly, a page of 20 over 16 buckets asks 7 rows of each, and a
   * bucket holds 7 or more of the first 20 once in about 7,000 pages (binomial), so a page asks
   * again about once in 450.
   */
  static long spreadAsk(long need, int buckets) {
    return Math.min(need, (2 * need + buckets - 1) / buckets + 4);
  }

  /** The rows of each bucket of {@code calls}, each asked alone ({@code query.lua}). */
  private List<List<Row>> bucketRows(List<ScriptCall> calls, int stride) {
    List<List<Row>> sources = new ArrayList<>(calls.size());
    for (Object reply : connection.evalAll(scripts.query, calls)) {
      sources.add(PortableQueries.rows((List<?>) reply, stride));
    }
    return sources;
  }

  /** The rows of each node (or bucket asked alone), and the documents read with them by id. */
  record Rows(List<List<Row>> sources, Map<String, Object> documents) {}

  /** The sum of the counts of the buckets of {@code calls} ({@link EngineProtocol.Mode#COUNT}). */
  long count(List<ScriptCall> calls) {
    List<List<Integer>> nodes = byNode(calls);
    List<ScriptCall> nodeCalls = new ArrayList<>(nodes.size());
    for (List<Integer> node : nodes) {
      nodeCalls.add(ScriptCalls.nodeQuery(pick(calls, node), -1, -1, 0));
    }
    long total = 0;
    List<ScriptCall> failed = new ArrayList<>();
    List<Object> replies = connection.evalAll(scripts.nodeQuery, nodeCalls);
    for (int n = 0; n < replies.size(); n++) {
      List<?> reply = (List<?>) replies.get(n);
      failed.addAll(pick(calls, failedOf(reply, nodes.get(n))));
      total += (Long) reply.get(1);
    }
    if (!failed.isEmpty()) {
      for (Object reply : connection.evalAll(scripts.query, failed)) {
        total += (Long) reply;
      }
    }
    return total;
  }

  /**
   * The rows asked of each of a node's {@code buckets} first, of the {@code need} the node returns:
   * one and a half times a bucket's even share, and two more, so that a second ask is the exception
   * (rows spread evenly, a page of 20 from a node of 5 buckets: 8 rows each, and about one call in
   * six asks one bucket again).
   */
  static long firstRows(long need, int buckets) {
    if (need < 0 || buckets == 1) {
      return need;
    }
    return Math.min(need, (3 * need + 2L * buckets - 1) / (2L * buckets) + 2);
  }

  /**
   * How many of a node's first rows to read the documents of, for a page whose first {@code
   * documents} rows come with theirs: the node's share of them by its buckets, one and a half
   * times and two more, as {@link #firstRows}. A row of the page beyond it comes without its
   * document, which the caller loads (one more round trip, the exception).
   */
  static long shareOf(long documents, int buckets, int of) {
    if (documents <= 0 || buckets == of) {
      return documents;
    }
    return Math.min(documents, (3 * documents * buckets + 2L * of - 1) / (2L * of) + 2);
  }

  /** The positions in {@code calls}, grouped by the node serving each call's bucket. */
  private List<List<Integer>> byNode(List<ScriptCall> calls) {
    Map<String, List<Integer>> nodes = new LinkedHashMap<>();
    for (int c = 0; c < calls.size(); c++) {
      nodes.computeIfAbsent(connection.nodeOf(calls.get(c).keys().get(0)), n -> new ArrayList<>()).add(c);
    }
    return new ArrayList<>(nodes.values());
  }

  /** The positions in {@code calls} of the buckets a node's reply says failed. */
  private static List<Integer> failedOf(List<?> reply, List<Integer> node) {
    List<Integer> positions = new ArrayList<>();
    for (Object position : (List<?>) reply.get(0)) {
      positions.add(node.get(((Long) position).intValue() - 1));
    }
    return positions;
  }

  private static List<ScriptCall> pick(List<ScriptCall> calls, List<Integer> positions) {
    List<ScriptCall> picked = new ArrayList<>(positions.size());
    for (int position : positions) {
      picked.add(calls.get(position));
    }
    return picked;
  }
}
