package dev.rekord.internal.engine.portable;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ScriptCall;
import dev.rekord.internal.engine.portable.PortableQueries.Row;
import java.util.ArrayList;
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
 * <p>Each bucket of a node is first asked for fewer rows than the page needs ({@link
 * #firstRows}); the script asks again, in the same call, the buckets that might hold more of the
 * node's first rows (the proof is in {@code query_node.lua}).
 */
final class NodeFanOut {

  /**
   * The most rows a node merges ({@code offset + limit}); a larger or unlimited query has each bucket
   * answer alone and the client merge, which costs the server less than merging in Lua.
   */
  static final long NODE_ROWS = 50_000;

  private final RedisConnection connection;

  NodeFanOut(RedisConnection connection) {
    this.connection = connection;
  }

  /**
   * The rows of a query over the buckets of {@code calls} ({@link ScriptCalls#query} in {@link
   * EngineProtocol.Mode#IDS} from offset 0 with a limit of {@code need}, each row {@code stride}
   * entries): one list per node or bucket, each in the query's order and together holding the first
   * {@code need} rows of the whole; the documents of the first rows of each node, so that those
   * of the first {@code documents} rows of the whole are there but for exceptions ({@link #shareOf}).
   */
  Rows rows(List<ScriptCall> calls, long need, long documents, int stride) {
    if (need < 0 || need > NODE_ROWS) {
      return new Rows(bucketRows(calls, stride), Map.of());
    }
    List<List<Integer>> nodes = byNode(calls);
    List<ScriptCall> nodeCalls = new ArrayList<>(nodes.size());
    for (List<Integer> node : nodes) {
      nodeCalls.add(ScriptCalls.nodeQuery(pick(calls, node), need, firstRows(need, node.size()),
          shareOf(documents, node.size(), calls.size())));
    }
    List<Object> replies = connection.evalAll(EngineScripts.NODE_QUERY, nodeCalls);
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

  /** The rows of each bucket of {@code calls}, each asked alone ({@code query.lua}). */
  private List<List<Row>> bucketRows(List<ScriptCall> calls, int stride) {
    List<List<Row>> sources = new ArrayList<>(calls.size());
    for (Object reply : connection.evalAll(EngineScripts.QUERY, calls)) {
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
    List<Object> replies = connection.evalAll(EngineScripts.NODE_QUERY, nodeCalls);
    for (int n = 0; n < replies.size(); n++) {
      List<?> reply = (List<?>) replies.get(n);
      failed.addAll(pick(calls, failedOf(reply, nodes.get(n))));
      total += (Long) reply.get(1);
    }
    if (!failed.isEmpty()) {
      for (Object reply : connection.evalAll(EngineScripts.QUERY, failed)) {
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
