package dev.rekord;

import dev.rekord.exception.VectorDimensionException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.query.Condition;
import dev.rekord.query.Nearest;
import java.util.ArrayList;
import java.util.List;

/**
 * A nearest-neighbour query: the {@code k} documents nearest to a vector among those matching a
 * query's condition, nearest first, each with its distance ({@link Neighbor}). Built by {@link
 * Query#nearest}; runs when {@link #list()} is called.
 *
 * <p>On the search engine the Redis Query Engine answers it ({@code (filter)=>[KNN k @field $vec]},
 * the vector passed as a parameter); exact for {@code FLAT} fields, approximate for {@code HNSW}.
 * On the portable engine, which keeps no vector index, Rekord reads every matching document and
 * computes the distances exactly: its cost grows with the number of matches, so it suits small sets
 * or selective filters.
 *
 * @param <T> the record type
 * @param <ID> the id type
 */
public final class NearestQuery<T, ID> {

  private final RekordRepository<T, ID> repository;
  private final Condition<T> condition;
  private final Nearest<T> nearest;
  private final long offset;
  private final long limit;

  NearestQuery(RekordRepository<T, ID> repository, Condition<T> condition, Nearest<T> nearest, long offset, long limit) {
    this.repository = repository;
    this.condition = condition;
    this.nearest = nearest;
    this.offset = offset;
    this.limit = limit;
  }

  /**
   * The nearest documents, nearest first, within the query's offset and limit (a page of the
   * {@code k} nearest); a document deleted since the search is left out.
   *
   * @throws VectorDimensionException when the query vector does not have the field's dimensions
   * @throws dev.rekord.exception.DeserializationException for a document that cannot be decoded
   */
  public List<Neighbor<T>> list() {
    int dimensions = nearest.field().index().vector().dimensions();
    int length = nearest.vector().length;
    if (length != dimensions) {
      throw new VectorDimensionException(repository.model().name(), nearest.field().path(), dimensions, length);
    }
    QueryEngine<T> engine = repository.engine(true);
    List<QueryEngine.Scored> scored = engine.nearest(condition, nearest)
        .orElseGet(() -> new ExactNearest<>(repository, engine).find(condition, nearest));
    List<QueryEngine.Scored> page = page(scored);
    List<QueryEngine.Row> rows = new ArrayList<>(page.size());
    for (QueryEngine.Scored one : page) {
      rows.add(new QueryEngine.Row(one.id(), one.document()));
    }
    BatchRead<ID, T> read = repository.readPage(rows);
    read.valuesOrThrow();
    List<Neighbor<T>> neighbors = new ArrayList<>(page.size());
    for (QueryEngine.Scored one : page) {
      T entity = read.found().get(repository.model().idFromString(one.id()));
      if (entity != null) {
        neighbors.add(new Neighbor<>(entity, one.distance()));
      }
    }
    return neighbors;
  }

  private List<QueryEngine.Scored> page(List<QueryEngine.Scored> scored) {
    int from = (int) Math.min(offset, scored.size());
    int to = limit < 0 ? scored.size() : (int) Math.min(scored.size(), from + limit);
    return scored.subList(from, to);
  }

  @Override
  public String toString() {
    return "NearestQuery[" + repository.model().name() + ", " + (condition == null ? "all" : condition) + ", "
        + nearest + (offset == 0 ? "" : ", offset " + offset) + (limit < 0 ? "" : ", limit " + limit) + "]";
  }
}
