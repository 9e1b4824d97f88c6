package dev.rekord.internal.engine.search;

import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.QueryException;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.internal.connection.SlotMigrations;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.VectorValues;
import dev.rekord.internal.engine.portable.PortableQueries.Row;
import dev.rekord.internal.engine.portable.PortableQueries.Source;
import dev.rekord.query.Condition;
import dev.rekord.query.Nearest;
import dev.rekord.query.Sort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs the search engine's queries through the model's alias: counts with {@code FT.SEARCH … LIMIT
 * 0 0}, pages of ids with {@code FT.AGGREGATE … SORTBY … LIMIT}, every match and cursors with
 * {@code FT.AGGREGATE … WITHCURSOR} read by {@code FT.CURSOR READ}. Every query says {@code
 * DIALECT 2} and {@code TIMEOUT 0}: the module's default timeout would otherwise return a partial
 * answer silently ({@code ON_TIMEOUT return}). Sorts name their page's end as {@code MAX}, or a
 * bound past any index for every match, so no default of 10 rows applies; a page past the server's
 * {@code MAXSEARCHRESULTS} (which refuses such an offset) is read through a cursor instead, so no
 * offset is capped. On a cluster every query runs on each shard ({@link SearchShards}) and the
 * answers are merged ({@link ShardMerge}): counts summed (distinct ids where a slot migration
 * moves keys between two shards), pages and cursors merged in the global order, the nearest
 * neighbours merged by distance, each id once.
 */
final class SearchQueries {

  /** Rows per round trip when every match is read through a cursor. */
  static final int PAGE = 1000;
  /** The sort bound of a query for every match: beyond any number of documents one index holds. */
  static final long EVERY_MATCH = Integer.MAX_VALUE;

  private final RedisConnection connection;
  private final SearchShards shards;
  private final SearchSchema schema;
  private final String model;
  private final ServerClock clock;

  SearchQueries(RedisConnection connection, SearchShards shards, SearchSchema schema, String model, ServerClock clock) {
    this.connection = connection;
    this.shards = shards;
    this.schema = schema;
    this.model = model;
    this.clock = clock;
  }

  /**
   * The number of matches: each shard's count summed, except on shards that a slot migration in
   * flight moves keys between, where a key may be indexed twice (on its source until the source
   * deletes it, on its target from the moment it arrives): those shards list their matching ids,
   * and each id counts once.
   */
  long count(Condition<?> condition) {
    String query = query(condition);
    long total = 0;
    Set<String> moving = new HashSet<>();
    for (ShardCount answer : shards.each(shard -> countOn(shard, query))) {
      total += answer.count();
      moving.addAll(answer.ids());
    }
    return total + moving.size();
  }

  /** One shard's part of a count: a number, or the matching ids of a shard that may share keys with another. */
  private record ShardCount(long count, List<String> ids) {}

  private ShardCount countOn(SearchShards.Shard shard, String query) {
    if (shard.moving()) {
      return new ShardCount(0, open(shard, query, List.of(), PAGE, Duration.ofMinutes(1)).drained(shard).ids());
    }
    List<?> reply = (List<?>) shard.query("FT.SEARCH", withEnding(shard.alias(), query, "LIMIT", "0", "0"), null);
    return new ShardCount(((Number) reply.get(0)).longValue(), List.of());
  }

  List<String> ids(Condition<?> condition, List<? extends Sort<?>> sort, long offset, long limit) {
    List<QueryEngine.Row> rows = page(condition, sort, offset, limit, List.of(), null);
    List<String> ids = new ArrayList<>(rows.size());
    for (QueryEngine.Row row : rows) {
      ids.add(row.id());
    }
    return ids;
  }

  /**
   * The page of {@link #ids}, with the documents read in the same round trip where one call can
   * carry them: on one server and one bucket, {@link SearchScripts#PAGE} runs {@code FT.AGGREGATE …
   * SORTBY … MAX offset+limit LIMIT offset limit} and reads the page's documents beside it; for an
   * order by relevance, {@link SearchScripts#FOUND} ({@code FT.SEARCH … NOCONTENT WITHSCORES} and
   * the documents' {@code HMGET}s). Elsewhere the ids alone,
   * and the caller reads the documents: on a cluster (each shard's rows are merged first), with
   * several buckets, for every match or a page past any sort bound (read through a cursor), and
   * when a field of the document has the name of an attribute ({@link SearchSchema#isAttribute}),
   * which a {@code RETURN} would read instead.
   *
   * @param documentFields the hash fields the codec reads ({@code DocumentCodec.hashFields}); empty:
   *     no document is read
   * @param documentOf a document's fields (name/value pairs) as the model's storage reads a
   *     script's reply
   */
  List<QueryEngine.Row> page(Condition<?> condition, List<? extends Sort<?>> sort, long offset, long limit,
      List<String> documentFields, Function<Object, Object> documentOf) {
    if (limit == 0) {
      return List.of();
    }
    List<String> load = loadable(documentFields) ? documentFields : List.of();
    if (!sort.isEmpty() && sort.get(0).byRelevance()) { // read by name (HMGET), so every field can be read
      return byRelevance(condition, offset, limit, documentOf == null ? List.of() : documentFields, documentOf);
    }
    if (limit == QueryEngine.NO_LIMIT) {
      return idRows(throughCursor(condition, sort, offset, Long.MAX_VALUE));
    }
    if (limit > EVERY_MATCH || offset > EVERY_MATCH - limit) { // a page no sort bound names
      return idRows(throughCursor(condition, sort, offset, limit));
    }
    String query = query(condition);
    boolean single = shards.single();
    if (single && !load.isEmpty() && schema.layout().buckets() == 1) {
      try {
        return withDocuments(query, sort, offset, limit, documentOf);
      } catch (RedisCommandException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (!message.contains("exceeds maximum") && !message.contains("unknown index")) {
          throw e;
        } // the query below answers these: through a cursor, or naming the missing migration
      }
    }
    List<?> replies;
    try {
      replies = shards.each(shard -> {
        // one shard: the page itself; several: each shard's first offset + limit rows, merged
        List<String> args = aggregate(shard, query, sort, offset + limit);
        args.addAll(List.of("LIMIT", Long.toString(single ? offset : 0), Long.toString(single ? limit : offset + limit)));
        args.addAll(ending());
        return shard.query("FT.AGGREGATE", args, null);
      });
    } catch (RedisCommandException e) {
      if (String.valueOf(e.getMessage()).contains("exceeds maximum")) {
        // a page past the server's MAXSEARCHRESULTS: read up to it through a cursor instead
        return idRows(throughCursor(condition, sort, offset, limit));
      }
      throw e;
    }
    if (single) {
      List<?> reply = (List<?>) replies.get(0);
      List<String> ids = new ArrayList<>(reply.size());
      for (int i = 1; i < reply.size(); i++) {
        ids.add(idOf(reply.get(i)));
      }
      return idRows(ids);
    }
    List<Source> sources = new ArrayList<>(replies.size());
    for (Object reply : replies) {
      List<?> rows = (List<?>) reply;
      sources.add(new RowsSource(rows.subList(1, rows.size()), sort));
    }
    return idRows(ShardMerge.page(sources, order(sort), offset, limit));
  }

  /** The page and its documents in one call of {@link SearchScripts#PAGE} (one server, one bucket). */
  private List<QueryEngine.Row> withDocuments(String query, List<? extends Sort<?>> sort, long offset, long limit,
      Function<Object, Object> documentOf) {
    List<String> args = new ArrayList<>();
    args.add(schema.layout().bucket(0).documentPrefix());
    args.addAll(aggregate(schema.alias(), query, sort, offset + limit));
    args.addAll(List.of("LIMIT", Long.toString(offset), Long.toString(limit)));
    args.addAll(ending());
    List<?> reply = (List<?>) connection.eval(SearchScripts.PAGE, List.of(), args);
    List<QueryEngine.Row> rows = new ArrayList<>(reply.size());
    for (int i = 1; i < reply.size(); i++) {
      List<?> row = (List<?>) reply.get(i);
      if (row != null) { // null: the document went away between matching and loading its sort values
        List<?> document = (List<?>) row.get(1);
        rows.add(new QueryEngine.Row(idOf(row.get(0)), document.isEmpty() ? null : documentOf.apply(document)));
      }
    }
    return rows;
  }

  /** Whether the documents' fields can be read by name with the ids: none is named as an attribute. */
  private boolean loadable(List<String> documentFields) {
    for (String field : documentFields) {
      if (schema.isAttribute(field)) {
        return false;
      }
    }
    return true;
  }

  /** Rows of ids without documents: the caller reads them. */
  private static List<QueryEngine.Row> idRows(List<String> ids) {
    List<QueryEngine.Row> rows = new ArrayList<>(ids.size());
    for (String id : ids) {
      rows.add(new QueryEngine.Row(id, null));
    }
    return rows;
  }

  /**
   * The rows from {@code offset}, at most {@code limit} ({@link QueryEngine#NO_LIMIT}: all, {@link
   * #PAGE} per round trip), most relevant first: {@code FT.SEARCH alias query NOCONTENT WITHSCORES
   * LIMIT offset n SCORER BM25} in the Query Engine's own order, by score ({@code FT.AGGREGATE}
   * cannot sort by score on this module), each row with its document read beside it ({@link
   * SearchScripts#FOUND}) when {@code load} names the document's fields. BM25, not the default
   * TFIDF: TFIDF counts a stemmed word twice (as written and as its stem) and does not weigh a
   * text's length. Ties keep the Query Engine's order.
   */
  private List<QueryEngine.Row> byRelevance(Condition<?> condition, long offset, long limit, List<String> load,
      Function<Object, Object> documentOf) {
    if (!shards.single()) {
      throw new QueryException("a query of " + model + " ordered by relevance cannot run on a Redis Cluster:"
          + " each shard scores with its own statistics, so no merge of their orders is the order of all");
    }
    String query = query(condition);
    List<QueryEngine.Row> rows = new ArrayList<>();
    long from = offset;
    while (limit == QueryEngine.NO_LIMIT || rows.size() < limit) {
      long want = limit == QueryEngine.NO_LIMIT ? PAGE : Math.min(PAGE, limit - rows.size());
      long start = from;
      List<Found> found = shards.each(shard -> {
        List<String> args = new ArrayList<>(List.of(shard.alias(), query, "NOCONTENT", "WITHSCORES"));
        args.addAll(List.of("SCORER", "BM25", "LIMIT", Long.toString(start), Long.toString(want)));
        args.addAll(ending());
        return load.isEmpty() ? ranked(shard, args) : found(shard, load, args, null);
      }).get(0);
      for (Found one : found) {
        if (one.document() != null) {
          rows.add(new QueryEngine.Row(one.id(), load.isEmpty() ? null : documentOf.apply(one.document())));
        }
      }
      if (found.size() < want) {
        break;
      }
      from += found.size();
    }
    return rows;
  }

  /**
   * One row of {@link SearchScripts#FOUND}: the document's id, the value beside its key (a score or
   * a distance) and its fields as name/value pairs ({@code null}: gone since it matched).
   */
  private record Found(String id, String rank, List<?> document) {}

  /**
   * Runs {@code FT.SEARCH args… } ({@code NOCONTENT} and one value per row) on {@code shard} with
   * the documents' {@code fields} read in the same script ({@link SearchScripts#FOUND}); a document
   * the node could not read there (its slot is being imported) is read by its key.
   */
  private List<Found> found(SearchShards.Shard shard, List<String> fields, List<String> args, byte[] blob) {
    List<String> head = new ArrayList<>(fields.size() + 1);
    head.add(Integer.toString(fields.size()));
    head.addAll(fields);
    List<?> reply = (List<?>) shard.eval(shards.single() ? SearchScripts.FOUND : SearchScripts.FOUND_ON_NODE,
        head, args, blob);
    List<Found> found = new ArrayList<>(reply.size() / 3);
    for (int i = 0; i + 2 < reply.size(); i += 3) {
      String key = String.valueOf(reply.get(i));
      Object document = reply.get(i + 2);
      List<?> fieldsOf = document instanceof List<?> list ? list : elsewhere(key, fields);
      found.add(new Found(idOfKey(key), String.valueOf(reply.get(i + 1)),
          fieldsOf.isEmpty() ? null : fieldsOf));
    }
    return found;
  }

  /** The rows of {@code FT.SEARCH args…} ({@code NOCONTENT}, one value per row) without their documents. */
  private List<Found> ranked(SearchShards.Shard shard, List<String> args) {
    List<?> reply = (List<?>) shard.query("FT.SEARCH", args, null);
    List<Found> found = new ArrayList<>(reply.size() / 2);
    for (int i = 1; i + 1 < reply.size(); i += 2) {
      found.add(new Found(idOfKey(String.valueOf(reply.get(i))), String.valueOf(reply.get(i + 1)), List.of()));
    }
    return found;
  }

  /** The id of a document from its key. */
  private String idOfKey(String key) {
    String id = schema.layout().idOfDocumentKey(key);
    if (id == null) {
      throw new IllegalStateException("a key outside the model's buckets: " + key);
    }
    return id;
  }

  /** The {@code fields} (every one when empty) of the document at {@code key}, read through the client's routing. */
  private List<?> elsewhere(String key, List<String> fields) {
    if (fields.isEmpty()) {
      return (List<?>) connection.execute(Command.of("HGETALL", List.of(key), List.of()));
    }
    List<?> values = (List<?>) connection.execute(Command.of("HMGET", List.of(key), fields));
    List<Object> pairs = new ArrayList<>();
    for (int f = 0; f < fields.size(); f++) {
      if (values.get(f) != null) {
        pairs.add(fields.get(f));
        pairs.add(values.get(f));
      }
    }
    return pairs;
  }

  /** The value of the field {@code name} among a reply's name/value pairs. */
  private static String valueOf(List<?> fields, String name) {
    for (int f = 0; f + 1 < fields.size(); f += 2) {
      if (name.equals(String.valueOf(fields.get(f)))) {
        return String.valueOf(fields.get(f + 1));
      }
    }
    throw new IllegalStateException("a row without its " + name + ": " + fields);
  }

  /** {@code args} followed by what every query ends with: {@code DIALECT 2 TIMEOUT 0} and the index's {@code LANGUAGE}, if any. */
  private List<String> withEnding(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(ending());
    return all;
  }

  private List<String> ending() {
    List<String> ending = new ArrayList<>(List.of("DIALECT", "2", "TIMEOUT", "0"));
    ending.addAll(schema.language());
    return ending;
  }

  /** The attribute a KNN query names its distance by. */
  private static final String DISTANCE = "rkdist";

  /**
   * The {@code k} nearest matches: {@code FT.SEARCH alias "(filter)=>[KNN k @v0 $rkvec AS rkdist]"
   * NOCONTENT WITHSORTKEYS SORTBY rkdist LIMIT 0 k … LANGUAGE … PARAMS 2 rkvec <blob>} (the sort
   * key is the distance, unrounded) with each document's fields read beside it ({@link
   * SearchScripts#FOUND}, read by {@code documentOf} as the model's storage reads a script's
   * reply), in one round trip per shard (each shard's k nearest merged by distance on a cluster).
   * The vector travels as a parameter (raw FLOAT32 bytes), never in the query text; the index's
   * {@code LANGUAGE} stems a filter's words as the stemmed texts were stemmed.
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
    byte[] vector = VectorValues.bytes(nearest.vector());
    List<List<QueryEngine.Scored>> answers = shards.each(shard -> {
      List<String> args = new ArrayList<>(List.of(shard.alias(), knn, "NOCONTENT", "WITHSORTKEYS",
          "SORTBY", DISTANCE, "ASC", "LIMIT", "0", k));
      args.addAll(ending());
      args.addAll(List.of("PARAMS", "2", "rkvec"));
      List<QueryEngine.Scored> scored = new ArrayList<>();
      for (Found found : found(shard, documentFields, args, vector)) {
        if (found.document() != null) { // null: gone since it matched
          scored.add(new QueryEngine.Scored(found.id(), distance(found.rank()), documentOf.apply(found.document())));
        }
      }
      return scored;
    });
    return answers.size() == 1 ? answers.get(0) : ShardMerge.nearest(answers, nearest.k());
  }

  /** A distance from its sort key ({@code #0.25}: a number). */
  private static double distance(String sortKey) {
    return Double.parseDouble(sortKey.startsWith("#") ? sortKey.substring(1) : sortKey);
  }

  /** The ids from {@code offset}, at most {@code limit}, read a page at a time through a cursor. */
  private List<String> throughCursor(Condition<?> condition, List<? extends Sort<?>> sort, long offset, long limit) {
    List<String> ids = new ArrayList<>();
    try (QueryEngine.IdCursor cursor = cursor(condition, sort, PAGE, Duration.ofMinutes(1))) {
      for (long skipped = 0; skipped < offset && cursor.hasNext(); skipped++) {
        cursor.next();
      }
      while (ids.size() < limit && cursor.hasNext()) {
        ids.add(cursor.next());
      }
    }
    return ids;
  }

  /** A cursor per shard ({@code FT.AGGREGATE … WITHCURSOR} on its node), merged on a cluster. */
  QueryEngine.IdCursor cursor(Condition<?> condition, List<? extends Sort<?>> sort, int pageSize, Duration ttl) {
    if (!sort.isEmpty() && sort.get(0).byRelevance()) {
      throw new QueryException("a query of " + model + " ordered by relevance is read with list() or ids()"
          + " (offset and limit page it), not iterated: its order comes from FT.SEARCH, which keeps no cursor");
    }
    String query = query(condition);
    boolean merged = !shards.single();
    // a migration's source is read to its end before its target's cursor opens (SearchShards.each
    // reads it first): a key that moves later was read on the source already, a key that moved
    // before is on the target (a cursor's rows of documents deleted since it opened come back empty)
    Supplier<List<Cursor>> open = () -> shards.each(shard -> {
      Cursor cursor = open(shard, query, sort, pageSize, ttl);
      return merged && shard.source() ? cursor.drained(shard) : cursor;
    });
    return merged ? new MergedCursor(open, order(sort)) : open.get().get(0);
  }

  /** A cursor over the ids (and sort values) of the matches on {@code shard}: {@code FT.AGGREGATE … WITHCURSOR}. */
  private Cursor open(SearchShards.Shard shard, String query, List<? extends Sort<?>> sort, int pageSize, Duration ttl) {
    List<String> args = aggregate(shard, query, sort, EVERY_MATCH);
    args.addAll(List.of("WITHCURSOR", "COUNT", Integer.toString(pageSize),
        "MAXIDLE", Long.toString(Math.max(1, ttl.toMillis()))));
    args.addAll(ending());
    return new Cursor(shard, shard.query("FT.AGGREGATE", args, null), pageSize, sort);
  }

  /** {@code FT.AGGREGATE alias query SORTBY … MAX max}: the rows carry the id and the sort values, sorted. */
  private List<String> aggregate(SearchShards.Shard shard, String query, List<? extends Sort<?>> sort, long max) {
    return aggregate(shard.alias(), query, sort, max);
  }

  private List<String> aggregate(String alias, String query, List<? extends Sort<?>> sort, long max) {
    List<String> sortArgs = SearchQueryCompiler.sortArguments(schema, sort);
    List<String> args = new ArrayList<>(List.of(alias, query, "SORTBY", Integer.toString(sortArgs.size())));
    args.addAll(sortArgs);
    args.addAll(List.of("MAX", Long.toString(max)));
    return args;
  }

  /** The global order of the shards' rows, ties on rounded numbers settled by the documents' values. */
  private Comparator<Row> order(List<? extends Sort<?>> sort) {
    return ShardMerge.order(sort, (id, field) -> {
      Object value = connection.execute(Command.of("HGET", List.of(schema.layout().documentKey(id)),
          List.of(SearchSchema.hashField("n", field))));
      return value == null ? null : String.valueOf(value);
    });
  }

  private String query(Condition<?> condition) {
    return SearchQueryCompiler.compile(schema, condition, clock.nowMillis(), this::valuesStartingWith);
  }

  /**
   * At most this many distinct values may start with a prefix longer than the stored ones: each is
   * named in the query, and a query of more is refused rather than answered in part.
   */
  static final int MAX_LONG_PREFIX_VALUES = 10_000;

  /**
   * {@link SearchQueryCompiler.LongPrefixes}: on every shard, {@code FT.AGGREGATE … GROUPBY} of the
   * values of the documents whose stored prefix matches (one row per distinct stored value, a
   * collection's values together), kept where a value starts with {@code prefix}.
   */
  private List<String> valuesStartingWith(String prefixAttribute, String stored, String valueAttribute, String prefix) {
    Set<String> values = new java.util.TreeSet<>();
    String query = "@" + prefixAttribute + ":{" + stored + "}";
    String limit = Integer.toString(MAX_LONG_PREFIX_VALUES + 1);
    for (List<?> rows : shards.each(shard -> (List<?>) shard.query("FT.AGGREGATE",
        withEnding(shard.alias(), query, "GROUPBY", "1", "@" + valueAttribute, "LIMIT", "0", limit), null))) {
      for (Object row : rows.subList(1, rows.size())) {
        String held = valueOf((List<?>) row, valueAttribute);
        for (String value : held == null ? new String[0] : held.split(",")) {
          if (value.startsWith(prefix)) {
            values.add(value);
          }
        }
      }
    }
    if (values.size() > MAX_LONG_PREFIX_VALUES) {
      throw new QueryException("more than " + MAX_LONG_PREFIX_VALUES + " distinct values of " + valueAttribute
          + " start with a prefix longer than " + Hex.MAX_PREFIX_BYTES + " bytes: use a shorter prefix");
    }
    return List.copyOf(values);
  }

  /** The id of one aggregate row: the value after {@code rkid}. */
  private static String idOf(Object row) {
    return Hex.idOf(valueOf((List<?>) row, "rkid"));
  }

  /** One shard's page of aggregate rows, as a merge reads it. */
  private final class RowsSource implements Source {
    private final Iterator<?> rows;
    private final List<? extends Sort<?>> sort;

    RowsSource(List<?> rows, List<? extends Sort<?>> sort) {
      this.rows = rows.iterator();
      this.sort = sort;
    }

    @Override
    public Row next() {
      while (rows.hasNext()) {
        Object row = rows.next();
        if (row != null) { // null: the document went away between matching and loading its values
          return ShardMerge.row((List<?>) row, sort, schema);
        }
      }
      return null;
    }
  }

  /**
   * The shards' cursors merged in the global order, each id once. A cursor lives on its node: when
   * one is lost (its node failed over, or stopped serving the index's slot), or a node's report
   * says a slot migration began or ended since they opened (a key moving now could be on neither
   * snapshot), every shard's cursor is opened anew and the merge resumes after the last row it
   * returned, so a failover costs a reread, not the query (the rows after it are then read from
   * the data as it is by then).
   */
  private final class MergedCursor implements QueryEngine.IdCursor {
    private static final int RESUMES = 5;
    private final Supplier<List<Cursor>> open;
    private final Comparator<Row> order;
    private List<Cursor> cursors;
    private ShardMerge.Distinct ids;

    MergedCursor(Supplier<List<Cursor>> open, Comparator<Row> order) {
      this.open = open;
      this.order = order;
      start(null);
    }

    private void start(Row after) {
      cursors = open.get();
      List<Source> sources = new ArrayList<>(cursors.size());
      for (Cursor cursor : cursors) {
        sources.add(cursor::nextRow);
      }
      ids = new ShardMerge.Distinct(sources, order, after);
    }

    @Override
    public boolean hasNext() {
      for (int resumed = 0; ; resumed++) {
        try {
          return ids.hasNext();
        } catch (RekordConnectionException | RedisCommandException lost) {
          if (resumed == RESUMES || lost instanceof RedisCommandException reply && !lostCursor(reply)) {
            throw lost;
          }
          close();
          start(ids.last());
        }
      }
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ids.next();
    }

    @Override
    public void close() {
      cursors.forEach(Cursor::close);
    }
  }

  /** Whether an error reply says a shard's cursor is gone with its node or its index's slot. */
  private static boolean lostCursor(RedisCommandException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("MOVED") || message.contains("Cursor not found");
  }

  /**
   * A server-side cursor of {@code FT.AGGREGATE … WITHCURSOR} on one shard's node: a snapshot of
   * its sorted ids (with their sort values, when merged). Its reads are checked against the slot
   * migrations it was opened under ({@link SearchShards.Shard#view()}): a migration that began or
   * ended since is a {@link dev.rekord.internal.connection.SlotMigrations.Changed} (a merged cursor
   * opens anew after its last row).
   */
  final class Cursor implements QueryEngine.IdCursor {
    private final String node;
    private final SlotMigrations view;
    private final int pageSize;
    private final List<? extends Sort<?>> sort;
    private Iterator<?> page;
    private long cursorId;

    private Cursor(SearchShards.Shard shard, Object firstReply, int pageSize, List<? extends Sort<?>> sort) {
      this.node = shard.node();
      this.view = shard.view();
      this.pageSize = pageSize;
      this.sort = sort;
      accept(firstReply);
    }

    /** This cursor read to its end now, through {@code shard} (the round's, which opened it); its rows kept. */
    Cursor drained(SearchShards.Shard shard) {
      List<Object> rows = new ArrayList<>();
      page.forEachRemaining(rows::add);
      while (cursorId != 0) {
        accept(read(shard));
        page.forEachRemaining(rows::add);
      }
      page = rows.iterator();
      return this;
    }

    /** The ids of the rows not read yet. */
    List<String> ids() {
      List<String> ids = new ArrayList<>();
      while (hasNext()) {
        Object row = page.next();
        if (row != null) { // null: the document went away since the cursor opened
          ids.add(idOf(row));
        }
      }
      return ids;
    }

    private Object read(SearchShards.Shard shard) {
      return shard.query("FT.CURSOR", List.of("READ", shard.alias(), Long.toString(cursorId),
          "COUNT", Integer.toString(pageSize)), null);
    }

    private void accept(Object reply) {
      List<?> parts = (List<?>) reply;
      List<?> rows = (List<?>) parts.get(0);
      cursorId = ((Number) parts.get(1)).longValue();
      page = rows.subList(Math.min(1, rows.size()), rows.size()).iterator();
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && cursorId != 0) {
        accept(read(shards.on(node, view)));
      }
      return page.hasNext();
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return idOf(page.next());
    }

    /** As a merge's source: the next row with its sort values. */
    Row nextRow() {
      while (hasNext()) {
        Object row = page.next();
        if (row != null) { // null: the document went away between matching and loading its values
          return ShardMerge.row((List<?>) row, sort, schema);
        }
      }
      return null;
    }

    @Override
    public void close() {
      if (cursorId != 0) {
        long id = cursorId;
        cursorId = 0;
        page = java.util.Collections.emptyIterator();
        try {
          SearchShards.Shard shard = shards.on(node, null);
          shard.execute("FT.CURSOR", List.of("DEL", shard.alias(), Long.toString(id)));
        } catch (RuntimeException gone) {
          // expired, read to its end already, or its node is gone: nothing to drop
        }
      }
    }
  }
}
