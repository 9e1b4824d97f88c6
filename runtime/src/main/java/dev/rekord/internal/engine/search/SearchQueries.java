package dev.rekord.internal.engine.search;

import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.QueryException;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.VectorValues;
import dev.rekord.query.Condition;
import dev.rekord.query.Nearest;
import dev.rekord.query.Sort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Runs the search engine's queries through the model's alias: counts with {@code FT.SEARCH … LIMIT
 * 0 0}, pages of ids with {@code FT.AGGREGATE … SORTBY … LIMIT}, every match and cursors with
 * {@code FT.AGGREGATE … WITHCURSOR} read by {@code FT.CURSOR READ}. Every query says {@code
 * DIALECT 2} and {@code TIMEOUT 0}: the module's default timeout would otherwise return a partial
 * answer silently ({@code ON_TIMEOUT return}). Sorts name their page's end as {@code MAX}, or a
 * bound past any index for every match, so no default of 10 rows applies; a page past the server's
 * {@code MAXSEARCHRESULTS} (which refuses such an offset) is read through a cursor instead, so no
 * offset is capped.
 */
final class SearchQueries {

  /** Rows per round trip when every match is read through a cursor. */
  static final int PAGE = 1000;
  /** The sort bound of a query for every match: beyond any number of documents one index holds. */
  static final long EVERY_MATCH = Integer.MAX_VALUE;

  private final RedisConnection connection;
  private final SearchSchema schema;
  private final String model;
  private final ServerClock clock;

  SearchQueries(RedisConnection connection, SearchSchema schema, String model, ServerClock clock) {
    this.connection = connection;
    this.schema = schema;
    this.model = model;
    this.clock = clock;
  }

  long count(Condition<?> condition) {
    List<String> args = new ArrayList<>(List.of(schema.alias(), query(condition), "LIMIT", "0", "0"));
    args.addAll(List.of("DIALECT", "2", "TIMEOUT", "0"));
    args.addAll(schema.language());
    Object reply = run(Command.of("FT.SEARCH", List.of(), args));
    return ((Number) ((List<?>) reply).get(0)).longValue();
  }

  List<String> ids(Condition<?> condition, List<? extends Sort<?>> sort, long offset, long limit) {
    if (limit == 0) {
      return List.of();
    }
    if (!sort.isEmpty() && sort.get(0).byRelevance()) {
      return byRelevance(condition, offset, limit);
    }
    if (limit == QueryEngine.NO_LIMIT) {
      return throughCursor(condition, sort, offset, Long.MAX_VALUE);
    }
    if (limit > EVERY_MATCH || offset > EVERY_MATCH - limit) { // a page no sort bound names
      return throughCursor(condition, sort, offset, limit);
    }
    List<String> args = aggregate(condition, sort, offset + limit);
    args.addAll(List.of("LIMIT", Long.toString(offset), Long.toString(limit), "DIALECT", "2", "TIMEOUT", "0"));
    args.addAll(schema.language());
    List<?> reply;
    try {
      reply = (List<?>) run(Command.of("FT.AGGREGATE", List.of(), args));
    } catch (RedisCommandException e) {
      if (String.valueOf(e.getMessage()).contains("exceeds maximum")) {
        // a page past the server's MAXSEARCHRESULTS: read up to it through a cursor instead
        return throughCursor(condition, sort, offset, limit);
      }
      throw e;
    }
    List<String> ids = new ArrayList<>(reply.size());
    for (int i = 1; i < reply.size(); i++) {
      ids.add(idOf(reply.get(i)));
    }
    return ids;
  }

  /**
   * The ids from {@code offset}, at most {@code limit} ({@link QueryEngine#NO_LIMIT}: all, {@link
   * #PAGE} per round trip), most relevant first: {@code FT.SEARCH alias query RETURN 1 __rk.id LIMIT
   * offset n SCORER BM25} in the Query Engine's own order, by score ({@code FT.AGGREGATE} cannot sort
   * by score on this module). BM25, not the default TFIDF: TFIDF counts a stemmed word twice (as
   * written and as its stem) and does not weigh a text's length. Ties keep the Query Engine's order.
   */
  private List<String> byRelevance(Condition<?> condition, long offset, long limit) {
    List<String> ids = new ArrayList<>();
    long from = offset;
    while (limit == QueryEngine.NO_LIMIT || ids.size() < limit) {
      long want = limit == QueryEngine.NO_LIMIT ? PAGE : Math.min(PAGE, limit - ids.size());
      List<String> args = new ArrayList<>(List.of(schema.alias(), query(condition), "RETURN", "1", SearchSchema.ID,
          "SCORER", "BM25", "LIMIT", Long.toString(from), Long.toString(want), "DIALECT", "2", "TIMEOUT", "0"));
      args.addAll(schema.language());
      List<?> reply = (List<?>) run(Command.of("FT.SEARCH", List.of(), args));
      for (int i = 2; i < reply.size(); i += 2) { // key, [__rk.id, hex]
        ids.add(Hex.decode(String.valueOf(((List<?>) reply.get(i)).get(1))));
      }
      long rows = (reply.size() - 1) / 2;
      if (rows < want) {
        break;
      }
      from += rows;
    }
    return ids;
  }

  /** The attribute a KNN query names its distance by. */
  private static final String DISTANCE = "rkdist";

  /**
   * The {@code k} nearest matches: {@code FT.SEARCH alias "(filter)=>[KNN k @v0 $rkvec AS rkdist]"
   * RETURN … PARAMS 2 rkvec <blob> SORTBY rkdist LIMIT 0 k}, returning each document's fields
   * (read by {@code documentOf}, as the model's storage reads a script's reply) with its distance,
   * in one round trip. The vector travels as a parameter (raw FLOAT32 bytes), never in the query
   * text.
   *
   * @param documentFields the hash fields the codec reads ({@code DocumentCodec.hashFields}): only
   *     these come back, not the index fields beside them (prefix tags, the vector's blob); empty:
   *     every field
   */
  List<QueryEngine.Scored> nearest(Condition<?> condition, Nearest<?> nearest, List<String> documentFields,
      Function<Object, Object> documentOf) {
    String k = Integer.toString(nearest.k());
    String knn = "(" + query(condition) + ")=>[KNN " + k + " @" + schema.vectorAttribute(nearest.field().index())
        + " $rkvec AS " + DISTANCE + "]";
    List<String> args = new ArrayList<>(List.of(schema.alias(), knn));
    args.addAll(returned(documentFields));
    args.addAll(List.of("SORTBY", DISTANCE, "ASC", "LIMIT", "0", k, "DIALECT", "2", "TIMEOUT", "0", "PARAMS", "2", "rkvec"));
    List<?> reply = (List<?>) run(Command.of("FT.SEARCH", List.of(), args)
        .withBinaryArgs(VectorValues.bytes(nearest.vector())));
    List<QueryEngine.Scored> scored = new ArrayList<>(reply.size() / 2);
    for (int i = 1; i + 1 < reply.size(); i += 2) {
      List<?> fields = (List<?>) reply.get(i + 1);
      String id = null;
      double distance = Double.NaN;
      for (int f = 0; f + 1 < fields.size(); f += 2) {
        String name = String.valueOf(fields.get(f));
        if (name.equals(SearchSchema.ID)) {
          id = Hex.decode(String.valueOf(fields.get(f + 1)));
        } else if (name.equals(DISTANCE)) {
          distance = Double.parseDouble(String.valueOf(fields.get(f + 1)));
        }
      }
      if (id == null) {
        throw new IllegalStateException("a KNN row without its id: " + fields);
      }
      scored.add(new QueryEngine.Scored(id, distance, documentOf.apply(fields)));
    }
    return scored;
  }

  /** {@code RETURN n __rk.id rkdist <fields…>}, or nothing (every field) when the fields are not known. */
  private static List<String> returned(List<String> documentFields) {
    if (documentFields.isEmpty()) {
      return List.of();
    }
    List<String> args = new ArrayList<>(documentFields.size() + 4);
    args.add("RETURN");
    args.add(Integer.toString(documentFields.size() + 2));
    args.add(SearchSchema.ID);
    args.add(DISTANCE);
    args.addAll(documentFields);
    return args;
  }

  /** The ids from {@code offset}, at most {@code limit}, read a page at a time through a cursor. */
  private List<String> throughCursor(Condition<?> condition, List<? extends Sort<?>> sort, long offset, long limit) {
    List<String> ids = new ArrayList<>();
    try (Cursor cursor = cursor(condition, sort, PAGE, Duration.ofMinutes(1))) {
      for (long skipped = 0; skipped < offset && cursor.hasNext(); skipped++) {
        cursor.next();
      }
      while (ids.size() < limit && cursor.hasNext()) {
        ids.add(cursor.next());
      }
    }
    return ids;
  }

  Cursor cursor(Condition<?> condition, List<? extends Sort<?>> sort, int pageSize, Duration ttl) {
    if (!sort.isEmpty() && sort.get(0).byRelevance()) {
      throw new QueryException("a query of " + model + " ordered by relevance is read with list() or ids()"
          + " (offset and limit page it), not iterated: its order comes from FT.SEARCH, which keeps no cursor");
    }
    List<String> args = aggregate(condition, sort, EVERY_MATCH);
    args.addAll(List.of("WITHCURSOR", "COUNT", Integer.toString(pageSize),
        "MAXIDLE", Long.toString(Math.max(1, ttl.toMillis())), "DIALECT", "2", "TIMEOUT", "0"));
    args.addAll(schema.language());
    return new Cursor(run(Command.of("FT.AGGREGATE", List.of(), args)), pageSize);
  }

  /** {@code FT.AGGREGATE alias query SORTBY … MAX max}: the rows carry the id, sorted. */
  private List<String> aggregate(Condition<?> condition, List<? extends Sort<?>> sort, long max) {
    List<String> sortArgs = SearchQueryCompiler.sortArguments(schema, sort);
    List<String> args = new ArrayList<>(List.of(schema.alias(), query(condition), "SORTBY",
        Integer.toString(sortArgs.size())));
    args.addAll(sortArgs);
    args.addAll(List.of("MAX", Long.toString(max)));
    return args;
  }

  private String query(Condition<?> condition) {
    return SearchQueryCompiler.compile(schema, condition, clock.nowMillis());
  }

  /** The id of one aggregate row: the value after {@code rkid}. */
  private static String idOf(Object row) {
    List<?> fields = (List<?>) row;
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      if ("rkid".equals(String.valueOf(fields.get(i)))) {
        return Hex.decode(String.valueOf(fields.get(i + 1)));
      }
    }
    throw new IllegalStateException("an aggregate row without its id: " + row);
  }

  private Object run(Command<Object> command) {
    try {
      return connection.execute(command);
    } catch (RedisCommandException e) {
      String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
      if (message.contains("unknown index") || message.contains("no such index")) {
        throw new SchemaMismatchException("the search index of " + model + " (" + schema.alias()
            + ") does not exist: run rekord.migrate() first");
      }
      if (message.contains("syntax error")) { // never for a query built here: a bug to report
        throw new QueryException("the Query Engine rejected a query of " + model + ": " + e.getMessage());
      }
      throw e;
    }
  }

  /** A server-side cursor of {@code FT.AGGREGATE … WITHCURSOR}: a snapshot of the sorted ids. */
  final class Cursor implements QueryEngine.IdCursor {
    private final int pageSize;
    private Iterator<String> page;
    private long cursorId;

    private Cursor(Object firstReply, int pageSize) {
      this.pageSize = pageSize;
      accept(firstReply);
    }

    private void accept(Object reply) {
      List<?> parts = (List<?>) reply;
      List<?> rows = (List<?>) parts.get(0);
      cursorId = ((Number) parts.get(1)).longValue();
      List<String> ids = new ArrayList<>(rows.size());
      for (int i = 1; i < rows.size(); i++) {
        ids.add(idOf(rows.get(i)));
      }
      page = ids.iterator();
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && cursorId != 0) {
        accept(run(Command.of("FT.CURSOR", List.of(), List.of("READ", schema.alias(), Long.toString(cursorId),
            "COUNT", Integer.toString(pageSize)))));
      }
      return page.hasNext();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.next();
    }

    @Override
    public void close() {
      if (cursorId != 0) {
        long id = cursorId;
        cursorId = 0;
        page = java.util.Collections.emptyIterator();
        try {
          connection.execute(Command.of("FT.CURSOR", List.of(), List.of("DEL", schema.alias(), Long.toString(id))));
        } catch (RedisCommandException gone) {
          // expired or read to its end already: nothing to drop
        }
      }
    }
  }
}
