package dev.rekord.query;

import dev.rekord.model.IndexKind;
import java.util.Objects;

/**
 * A nearest-neighbour request: the {@code k} documents whose vector {@code field} is nearest to
 * {@code vector}. Built by the metamodel ({@code Product_.embedding.nearest(query, 10)}) and run by
 * {@code Query.nearest}, within the query's condition. Immutable: the vector is copied in and out.
 *
 * @param <R> the record type
 */
public final class Nearest<R> {

  private final IndexedAttribute<R, float[]> field;
  private final float[] vector;
  private final int k;

  /**
   * @throws IllegalArgumentException when {@code field} is not a vector or {@code k} is less than 1
   */
  public Nearest(IndexedAttribute<R, float[]> field, float[] vector, int k) {
    this.field = Objects.requireNonNull(field, "field");
    this.vector = Objects.requireNonNull(vector, "vector").clone();
    if (field.index().kind() != IndexKind.VECTOR) {
      throw new IllegalArgumentException(field.path() + " is not a vector field");
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1: " + k);
    }
    this.k = k;
  }

  /** The vector field. */
  public IndexedAttribute<R, float[]> field() {
    return field;
  }

  /** A copy of the query vector. */
  public float[] vector() {
    return vector.clone();
  }

  /** How many neighbours at most. */
  public int k() {
    return k;
  }

  @Override
  public String toString() {
    // not the vector: it may be user data, and long
    return "nearest " + k + " to a " + vector.length + "-element vector on " + field.path();
  }
}
