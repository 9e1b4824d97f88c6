package dev.rekord.engine;

import dev.rekord.connection.RedisConnection;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs queries over the portable index of one model, server-side in one script per query.
 *
 * <p><b>Plan.</b> The condition is compiled to a plan ({@link QueryPlan}) that {@code query.lua}
 * interprets: an {@code and} estimates each operand's cardinality ({@code SCARD}, {@code ZCOUNT},
 * {@code ZLEXCOUNT}), reads the smallest and probes the others per id ({@code SISMEMBER}, {@code
 * ZSCORE}; operands without a direct probe — prefixes, geo — are read once); {@code or} is a
 * union; {@code not} (and {@code ne}, {@code isNotNull}) is the set of all ids minus the operand.
 * With one sort key the script walks the sort index in order and stops once the page is full,
 * when that is expected to read fewer ids than reading all matches; otherwise it ranks the
 * matches by every sort key and sorts them.
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
public final class PortableQueryEngine {

  /** The {@code limit} that returns every match. */
  public static final long NO_LIMIT = -1;

  private final RedisConnection connection;
  private final KeyLayout layout;
  private final String documentKeyPrefix;

  /**
   * @param documentKeyPrefix what precedes the id in a document's key, e.g. {@code member:}
   */
  public PortableQueryEngine(RedisConnection connection, KeyLayout layout, String documentKeyPrefix) {
    this.connection = connection;
    this.layout = layout;
    this.documentKeyPrefix = documentKeyPrefix;
  }

  /**
   * The ids of the documents matching {@code condition} ({@code null}: all), in {@code sort}
   * order, from {@code offset}, at most {@code limit} ({@link #NO_LIMIT}: all).
   *
   * @throws dev.rekord.QueryException when the query cannot run as written (a sort on a field
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
    Object result = run("ids", condition, sort, offset, limit);
    List<?> rows = (List<?>) result;
    List<String> ids = new ArrayList<>(rows.size());
    for (Object row : rows) {
      ids.add(row instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : (String) row);
    }
    return ids;
  }

  /** Every matching id, in {@code sort} order. */
  public <R> List<String> ids(Condition<R> condition, List<Sort<R>> sort) {
    return ids(condition, sort, 0, NO_LIMIT);
  }

  /** How many documents match {@code condition} ({@code null}: all). */
  public <R> long count(Condition<R> condition) {
    return (Long) run("count", condition, List.of(), 0, NO_LIMIT);
  }

  /** Whether any document matches {@code condition}. */
  public <R> boolean exists(Condition<R> condition) {
    return !ids(condition, List.of(), 0, 1).isEmpty();
  }

  private <R> Object run(String mode, Condition<R> condition, List<Sort<R>> sort, long offset, long limit) {
    QueryPlan plan = QueryPlan.of(layout, condition, sort);
    List<String> args = new ArrayList<>();
    args.add(mode);
    args.add(documentKeyPrefix);
    args.add(layout.manifestPrefix());
    args.add(Long.toString(offset));
    args.add(Long.toString(limit));
    args.addAll(plan.sortAndPlan());
    return EngineScripts.QUERY.eval(connection, plan.keys(), args);
  }
}
