package dev.rekord;

import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.model.CompoundIndex;
import dev.rekord.model.GeoPoint;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexSink;
import dev.rekord.model.VectorIndex;
import dev.rekord.query.Condition;
import dev.rekord.query.Nearest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The nearest neighbours computed exactly from the documents, for an engine without a vector index
 * (the portable engine): every match of the condition is read through the engine's cursor, a page
 * at a time, its vector taken from the generated codec's index values, and the {@code k} nearest
 * kept in a bounded heap. Memory: one page and {@code k} documents; time: every match is read.
 * Ties are broken by id, so the answer is deterministic. Undecodable documents fail the query, as
 * {@link Query#list()} does.
 */
final class ExactNearest<T, ID> {

  /** Documents read per round trip. */
  private static final int PAGE = 500;

  /** Farthest first, so the heap's head is the one to drop. */
  private static final Comparator<QueryEngine.Scored> FARTHEST_FIRST =
      Comparator.comparingDouble(QueryEngine.Scored::distance).thenComparing(QueryEngine.Scored::id).reversed();

  private final RekordRepository<T, ID> repository;
  private final QueryEngine<T> engine;

  ExactNearest(RekordRepository<T, ID> repository, QueryEngine<T> engine) {
    this.repository = repository;
    this.engine = engine;
  }

  List<QueryEngine.Scored> find(Condition<T> condition, Nearest<T> nearest) {
    IndexField field = nearest.field().index();
    VectorIndex settings = field.vector();
    float[] query = nearest.vector();
    PriorityQueue<QueryEngine.Scored> kept = new PriorityQueue<>(nearest.k() + 1, FARTHEST_FIRST);
    try (QueryEngine.IdCursor cursor = engine.cursor(condition, List.of(), PAGE, Query.CURSOR_TTL)) {
      List<String> page = new ArrayList<>(PAGE);
      while (cursor.hasNext()) {
        page.add(cursor.next());
        if (page.size() == PAGE || !cursor.hasNext()) {
          List<T> documents = repository.readStored(page).valuesOrThrow();
          for (T document : documents) {
            float[] vector = VectorOf.read(repository.model().codec(), document, field);
            if (vector == null || vector.length != query.length) {
              continue; // no vector, or one of another length: not a neighbour, as on the search engine
            }
            kept.add(new QueryEngine.Scored(repository.model().idToString(repository.model().id(document)),
                settings.distance(query, vector), null));
            if (kept.size() > nearest.k()) {
              kept.poll();
            }
          }
          page.clear();
        }
      }
    }
    List<QueryEngine.Scored> nearestFirst = new ArrayList<>(kept);
    nearestFirst.sort(FARTHEST_FIRST.reversed());
    return nearestFirst;
  }

  /** An {@link IndexSink} that keeps the value of one vector field and ignores everything else. */
  private static final class VectorOf implements IndexSink {
    private final IndexField field;
    private float[] vector;

    private VectorOf(IndexField field) {
      this.field = field;
    }

    static <T> float[] read(dev.rekord.model.DocumentCodec<T> codec, T document, IndexField field) {
      VectorOf sink = new VectorOf(field);
      codec.indexValues(document, sink);
      return sink.vector;
    }

    @Override
    public IndexSink vector(IndexField field, float[] vector) {
      if (field.equals(this.field)) {
        this.vector = vector;
      }
      return this;
    }

    @Override
    public IndexSink tag(IndexField field, String value) {
      return this;
    }

    @Override
    public IndexSink tag(IndexField field, Object value) {
      return this;
    }

    @Override
    public IndexSink tags(IndexField field, Collection<?> values) {
      return this;
    }

    @Override
    public IndexSink numeric(IndexField field, double value) {
      return this;
    }

    @Override
    public IndexSink numeric(IndexField field, Object value) {
      return this;
    }

    @Override
    public IndexSink text(IndexField field, String text) {
      return this;
    }

    @Override
    public IndexSink geo(IndexField field, GeoPoint point) {
      return this;
    }

    @Override
    public IndexSink compound(CompoundIndex index, Object... values) {
      return this;
    }

    @Override
    public IndexSink absent(IndexField field) {
      return this;
    }
  }
}
