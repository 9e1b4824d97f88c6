package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import dev.rekord.query.IndexedAttribute;
import dev.rekord.query.Nearest;

/**
 * A {@code @Vector float[]} field: nearest-neighbour queries, alone or within a filter.
 *
 * <pre>{@code
 * List<Neighbor<Product>> similar = products.find(Product_.category.eq("shoes"))
 *     .nearest(Product_.embedding.nearest(queryVector, 10))
 *     .list();
 * }</pre>
 */
public class VectorField<R> extends IndexedAttribute<R, float[]> {

  public VectorField(IndexField index, ValueCodec<float[]> codec) {
    super(index, codec);
  }

  /**
   * The {@code k} documents whose vector is nearest to {@code query} by the field's distance; run
   * it with {@code Query.nearest}. {@code query} is copied.
   *
   * @throws IllegalArgumentException when {@code k} is less than 1
   */
  public Nearest<R> nearest(float[] query, int k) {
    return new Nearest<>(this, query, k);
  }

  /** The number of elements of every vector of this field. */
  public int dimensions() {
    return index().vector().dimensions();
  }
}
