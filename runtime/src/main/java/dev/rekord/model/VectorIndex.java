package dev.rekord.model;

import dev.rekord.annotations.Vector;
import java.util.Objects;

/**
 * The settings of a vector field ({@code @Vector}): every vector has {@code dimensions} elements,
 * and KNN queries order by {@code distance}; the search engine indexes it with {@code algorithm}.
 *
 * @param dimensions 1 to {@link #MAX_DIMENSIONS}
 * @param m {@code HNSW}'s {@code M}; {@link #DEFAULT}: the Query Engine's
 * @param efConstruction {@code HNSW}'s {@code EF_CONSTRUCTION}; {@link #DEFAULT}: the Query Engine's
 * @param efRuntime {@code HNSW}'s {@code EF_RUNTIME}; {@link #DEFAULT}: the Query Engine's
 */
public record VectorIndex(int dimensions, Vector.Distance distance, Vector.Algorithm algorithm, int m,
    int efConstruction, int efRuntime) {

  /** An HNSW setting left to the Redis Query Engine's default. */
  public static final int DEFAULT = 0;

  /** The most dimensions a vector may have (the Redis Query Engine's limit). */
  public static final int MAX_DIMENSIONS = 32_768;

  public VectorIndex {
    if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
      throw new IllegalArgumentException("a vector has 1 to " + MAX_DIMENSIONS + " dimensions, not " + dimensions);
    }
    Objects.requireNonNull(distance, "distance");
    Objects.requireNonNull(algorithm, "algorithm");
    if (m < 0 || efConstruction < 0 || efRuntime < 0) {
      throw new IllegalArgumentException("HNSW settings are positive (or 0 for the default): m=" + m
          + ", efConstruction=" + efConstruction + ", efRuntime=" + efRuntime);
    }
    if (algorithm != Vector.Algorithm.HNSW && (m != DEFAULT || efConstruction != DEFAULT || efRuntime != DEFAULT)) {
      throw new IllegalArgumentException("m, efConstruction and efRuntime are settings of an HNSW vector, not "
          + algorithm);
    }
  }

  /** Settings with the Query Engine's defaults for every HNSW parameter. */
  public VectorIndex(int dimensions, Vector.Distance distance, Vector.Algorithm algorithm) {
    this(dimensions, distance, algorithm, DEFAULT, DEFAULT, DEFAULT);
  }

  /**
   * The distance between {@code a} and {@code b} as the Redis Query Engine reports it (computed in
   * double precision here): 1 − cosine similarity, the squared Euclidean distance, or 1 − the
   * inner product. Both have {@link #dimensions} elements.
   */
  public double distance(float[] a, float[] b) {
    double dot = 0;
    double normA = 0;
    double normB = 0;
    double squared = 0;
    for (int i = 0; i < a.length; i++) {
      double x = a[i];
      double y = b[i];
      dot += x * y;
      normA += x * x;
      normB += y * y;
      squared += (x - y) * (x - y);
    }
    return switch (distance) {
      case L2 -> squared;
      case IP -> 1 - dot;
      case COSINE -> normA == 0 || normB == 0 ? 1 : 1 - dot / Math.sqrt(normA * normB);
    };
  }
}
