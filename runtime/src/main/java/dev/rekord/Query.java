package dev.rekord;

import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.instrument.Instrumentation;
import dev.rekord.internal.instrument.QueryShape;
import dev.rekord.exception.QueryException;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A query over one model's documents: a condition (or none, for all documents), a sort order and
 * a page. Immutable: every setting returns a new query; nothing runs until a terminal method.
 *
 * <pre>{@code
 * List<Member> recent = members.find(Member_.joinDate.gte(today.minusDays(30)))
 *     .sortBy(Member_.joinDate.desc())
 *     .limit(20)
 *     .list();
 * }</pre>
 *
 * <p>Without {@link #limit} a query returns every match; there is no hidden default page. Order:
 * by the sort keys (nulls last in both directions; strings in byte-wise UTF-8 order of their
 * indexed value), ties and unsorted results by id (byte-wise; descending when the last sort key
 * is). A page of up to 1,000 documents of a model in one bucket comes in one round trip: the
 * query's script reads the documents of the page it found. A larger result of one bucket (or every
 * match) is read on a standalone server from its ids (off the index, or a server-side snapshot of
 * them), 5,000 documents per round trip, the next round trip sent while one is decoded; otherwise
 * the documents are loaded in pipelines of 5,000 after the ids. Either way one deleted between the
 * query and the load is skipped.
 *
 * <p><b>Documents that cannot be decoded.</b> A matching document that does not match the model
 * (changed by hand, written by an older version of the record, a key holding another Redis type)
 * makes {@link #list()}, {@link #first()}, {@link #iterator()} and {@link #stream()} throw its
 * {@link dev.rekord.exception.DeserializationException} (further failures of the same page are
 * attached as suppressed exceptions), so they return nothing for that page. To get the rest and a
 * report per bad document, read the page with {@link #read()} — a {@link BatchRead} like {@link
 * RekordRepository#findAllById}'s — or iterate with {@link #readIterator()} or {@link
 * #readStream()}, which yield a {@link DocumentRead} per document, decoded or failed.
 *
 * @param <T> the record type
 * @param <ID> the id type
 */
public final class Query<T, ID> {

  /** Documents per round trip of {@link #iterator()} unless {@link #pageSize} says otherwise. */
  public static final int DEFAULT_PAGE_SIZE = 500;

  /** How long a cursor's server-side snapshot lives without being read. */
  public static final Duration CURSOR_TTL = Duration.ofMinutes(10);

  private final RekordRepository<T, ID> repository;
  private final Condition<T> condition;
  private final List<Sort<T>> sort;
  private final long offset;
  private final long limit;
  private final int pageSize;
  /** {@link #shape()}, once computed. */
  private String shape;

  Query(RekordRepository<T, ID> repository, Condition<T> condition) {
    this(repository, condition, List.of(), 0, QueryEngine.NO_LIMIT, DEFAULT_PAGE_SIZE);
  }

  private Query(RekordRepository<T, ID> repository, Condition<T> condition, List<Sort<T>> sort,
      long offset, long limit, int pageSize) {
    this.repository = repository;
    this.condition = condition;
    this.sort = sort;
    this.offset = offset;
    this.limit = limit;
    this.pageSize = pageSize;
  }

  /** Sorted by {@code keys}, the first deciding first (replaces an earlier sort order). */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only copied into an immutable list
  public final Query<T, ID> sortBy(Sort<T>... keys) {
    List<Sort<T>> sort = List.of(keys);
    for (Sort<T> key : sort) {
      if (key.byRelevance() && sort.size() > 1) {
        throw new IllegalArgumentException("Sort.relevance() is the only key of a query: " + sort);
      }
    }
    return new Query<>(repository, condition, sort, offset, limit, pageSize);
  }

  /** Skips the first {@code offset} matches. */
  public Query<T, ID> offset(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative: " + offset);
    }
    return new Query<>(repository, condition, sort, offset, limit, pageSize);
  }

  /** Returns at most {@code limit} matches. */
  public Query<T, ID> limit(long limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    return new Query<>(repository, condition, sort, offset, limit, pageSize);
  }

  /** How many documents {@link #iterator()}, {@link #stream()} and {@link #deleteAll()} read per round trip. */
  public Query<T, ID> pageSize(int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1: " + pageSize);
    }
    return new Query<>(repository, condition, sort, offset, limit, pageSize);
  }

  /**
   * The matching documents in order, from {@code offset}, at most {@code limit} (else all).
   *
   * @throws dev.rekord.exception.DeserializationException for the first document that cannot be
   *     decoded (see {@link #read()})
   */
  public List<T> list() {
    return measured("list", this::listNow);
  }

  /**
   * The matching documents in order, from {@code offset}, at most {@code limit} (else all), each
   * one found, missing (deleted since the query ran) or failed: {@link BatchRead#found()} and
   * {@link BatchRead#failures()} keep the query's order, and a document that cannot be decoded
   * does not fail the others.
   */
  public BatchRead<ID, T> read() {
    return measured("read", this::readNow);
  }

  private BatchRead<ID, T> readNow() {
    QueryEngine<T> engine = engine();
    return repository.readPages(each -> engine.pages(condition, sort, offset, limit, each));
  }

  private List<T> listNow() {
    QueryEngine<T> engine = engine();
    return repository.listPages(each -> engine.pages(condition, sort, offset, limit, each));
  }

  /**
   * The first match in order, if any.
   *
   * @throws dev.rekord.exception.DeserializationException when it cannot be decoded
   */
  public Optional<T> first() {
    return measured("first", () -> limit(1).listNow().stream().findFirst());
  }

  /** The ids of the matches in order, within the page; no document is loaded. */
  public List<ID> ids() {
    return measured("ids", () -> {
      List<ID> ids = new ArrayList<>();
      for (String id : stringIds()) {
        ids.add(repository.model().idFromString(id));
      }
      return ids;
    });
  }

  /**
   * The {@code nearest.k()} matches whose vector is nearest to {@code nearest}'s, nearest first,
   * each with its distance; this query's offset and limit page through them. A vector query has
   * its own order, so this query must not be sorted.
   *
   * <pre>{@code
   * List<Neighbor<Product>> similar = products.find(Product_.category.eq("shoes"))
   *     .nearest(Product_.embedding.nearest(queryVector, 10))
   *     .list();
   * }</pre>
   *
   * @throws IllegalStateException when this query is sorted
   */
  public NearestQuery<T, ID> nearest(dev.rekord.query.Nearest<T> nearest) {
    java.util.Objects.requireNonNull(nearest, "nearest");
    if (!sort.isEmpty()) {
      throw new IllegalStateException("a nearest-neighbour query is ordered by distance; remove sortBy(" + sort + ")");
    }
    return new NearestQuery<>(repository, condition, nearest, offset, limit);
  }

  /** How many documents match, ignoring offset and limit. */
  public long count() {
    return measured("count", () -> engine().count(condition));
  }

  /** Whether any document matches (ignoring offset and limit). */
  public boolean exists() {
    return measured("exists", () -> engine().exists(condition));
  }

  /**
   * Every match (within offset and limit) as a cursor that loads {@link #pageSize} documents per
   * round trip. The matching ids are snapshotted server-side when iteration starts (a list per
   * bucket, expiring {@link #CURSOR_TTL} after its last read), so an id that matches then and
   * exists throughout is returned exactly once, whatever is written meanwhile; a document deleted
   * meanwhile is skipped, one changed meanwhile is returned as it is when its page loads. Close
   * the cursor when abandoning it early (read to the end, it closes itself). A document that
   * cannot be decoded throws from {@code hasNext()} when its page loads ({@link #readIterator()}
   * reports it instead).
   */
  public Cursor<T> iterator() {
    return new Cursor<>(this, ids -> repository.readStored(ids).valuesOrThrow());
  }

  /** {@link #iterator()} as a stream; close the stream when not reading it to the end. */
  public Stream<T> stream() {
    return stream(iterator());
  }

  /**
   * Like {@link #iterator()}, but yields every loaded document as a {@link DocumentRead}: its
   * record, or the {@link dev.rekord.exception.DeserializationException} that kept it from being
   * decoded, in query order; one bad document does not end the iteration. Documents deleted since
   * the snapshot are skipped.
   */
  public Cursor<DocumentRead<ID, T>> readIterator() {
    return new Cursor<>(this, this::reads);
  }

  /** {@link #readIterator()} as a stream; close the stream when not reading it to the end. */
  public Stream<DocumentRead<ID, T>> readStream() {
    return stream(readIterator());
  }

  private static <E> Stream<E> stream(Cursor<E> cursor) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED), false)
        .onClose(cursor::close);
  }

  /** The documents of {@code ids}, each decoded or failed, in order; missing ones left out. */
  private List<DocumentRead<ID, T>> reads(List<String> ids) {
    BatchRead<ID, T> read = repository.readStored(ids);
    List<DocumentRead<ID, T>> reads = new ArrayList<>(ids.size());
    for (String stored : ids) {
      ID id = repository.model().idFromString(stored);
      T value = read.found().get(id);
      if (value != null) {
        reads.add(DocumentRead.found(id, value));
      } else if (read.failures().containsKey(id)) {
        reads.add(DocumentRead.failed(id, read.failures().get(id)));
      }
    }
    return reads;
  }

  /**
   * Deletes the matches (within offset and limit), each atomically with its index entries, in
   * pipelined batches of {@link #pageSize}; returns how many documents were deleted.
   */
  public long deleteAll() {
    return measured("deleteAll", () -> {
      long deleted = 0;
      try (PagedIds<T> ids = new PagedIds<>(this)) {
        List<String> batch;
        while (!(batch = ids.nextPage()).isEmpty()) {
          deleted += repository.engine().deleteAll(batch);
        }
      }
      return deleted;
    });
  }

  /**
   * {@code work}, measured as the operation {@code operation} of a query of this shape ({@link
   * QueryShape}: fields, operators and sort keys, never values), when metrics are on.
   */
  private <R> R measured(String operation, Supplier<R> work) {
    return repository.measured(operation, repository.measuring() ? shape() : Instrumentation.NO_SHAPE, work);
  }

  /** This query's {@link QueryShape}, computed once (a race computes the same string twice). */
  private String shape() {
    String made = shape;
    if (made == null) {
      made = QueryShape.of(condition, sort);
      shape = made;
    }
    return made;
  }

  private List<String> stringIds() {
    return engine().ids(condition, sort, offset, limit);
  }

  private QueryEngine<T> engine() {
    QueryEngine<T> engine = repository.engine(condition != null || !sort.isEmpty());
    if (!sort.isEmpty() && sort.get(0).byRelevance() && !engine.name().equals("search")) {
      throw new QueryException("ordering by relevance needs the search engine, and " + repository.model().name()
          + " runs on the " + engine.name() + " engine; sort by a field, or run the model on Engine.SEARCH");
    }
    return engine;
  }

  @Override
  public String toString() {
    return "Query[" + repository.model().name() + ", " + (condition == null ? "all" : condition)
        + (sort.isEmpty() ? "" : ", sort " + sort) + (offset == 0 ? "" : ", offset " + offset)
        + (limit < 0 ? "" : ", limit " + limit) + "]";
  }

  /** The ids of a query's snapshot within its page, a page at a time. */
  private static final class PagedIds<T> implements AutoCloseable {
    private final QueryEngine.IdCursor cursor;
    private final int pageSize;
    private long remaining;

    PagedIds(Query<T, ?> query) {
      this.cursor = query.engine().cursor(query.condition, query.sort, query.pageSize, CURSOR_TTL);
      this.pageSize = query.pageSize;
      this.remaining = query.limit < 0 ? Long.MAX_VALUE : query.limit;
      for (long skipped = 0; skipped < query.offset && cursor.hasNext(); skipped++) {
        cursor.next();
      }
    }

    List<String> nextPage() {
      List<String> page = new ArrayList<>(pageSize);
      while (page.size() < pageSize && remaining > 0 && cursor.hasNext()) {
        page.add(cursor.next());
        remaining--;
      }
      return page;
    }

    @Override
    public void close() {
      cursor.close();
    }
  }

  /**
   * The documents of a query, loaded a page at a time ({@link Query#iterator()}, {@link
   * Query#readIterator()}). Not thread-safe.
   *
   * @param <E> what it yields: the records, or a {@link DocumentRead} per document
   */
  public static final class Cursor<E> implements Iterator<E>, AutoCloseable {
    private final Query<?, ?> query;
    private final Function<List<String>, List<E>> load;
    private PagedIds<?> ids;
    private Iterator<E> page = java.util.Collections.emptyIterator();
    private boolean done;

    private Cursor(Query<?, ?> query, Function<List<String>, List<E>> load) {
      this.query = query;
      this.load = load;
    }

    @Override
    public boolean hasNext() {
      while (!page.hasNext() && !done) {
        page = loadPage().iterator();
      }
      return page.hasNext();
    }

    /**
     * The next page: the rest of the current one when {@link #next()} left some, else up to
     * {@link Query#pageSize} documents loaded in one round trip; empty at the end, when the
     * cursor closes itself. {@code members.async().cursor(query)} offers the same pages as futures.
     */
    public List<E> nextPage() {
      if (page.hasNext()) {
        List<E> rest = new ArrayList<>();
        page.forEachRemaining(rest::add);
        return rest;
      }
      while (!done) {
        List<E> loaded = loadPage();
        if (!loaded.isEmpty()) {
          return loaded;
        }
      }
      return List.of();
    }

    /**
     * The next page's ids and their documents, measured as one {@code page} operation; empty when
     * every document of the page was gone, and when the ids ran out (then closed).
     */
    private List<E> loadPage() {
      return query.measured("page", () -> {
        if (ids == null) {
          ids = new PagedIds<>(query);
        }
        List<String> next = ids.nextPage();
        if (next.isEmpty()) {
          close();
          return List.of();
        }
        return load.apply(next);
      });
    }


    @Override
    public E next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.next();
    }

    /** Drops the server-side snapshot; idempotent. */
    @Override
    public void close() {
      done = true;
      if (ids != null) {
        ids.close();
      }
    }
  }
}
