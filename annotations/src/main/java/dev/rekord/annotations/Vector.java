package dev.rekord.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Indexes a {@code float[]} embedding for nearest-neighbour (KNN) queries: {@code
 * Product_.embedding.nearest(query, 10)}. Every stored vector and every query vector has exactly
 * {@link #dimensions()} elements.
 *
 * <pre>{@code
 * @Vector(dimensions = 384, distance = Vector.Distance.COSINE)
 * float[] embedding
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
public @interface Vector {

  /** How many elements each vector has: 1 to 32,768. */
  int dimensions();

  /** How the distance between two vectors is measured. */
  Distance distance() default Distance.COSINE;

  /** How the search engine indexes the vectors. */
  Algorithm algorithm() default Algorithm.FLAT;

  /**
   * The distance a KNN query orders by and reports, smaller is nearer (the Redis Query Engine's
   * definitions).
   */
  enum Distance {
    /** 1 − cosine similarity: 0 for the same direction, 2 for opposite ones. */
    COSINE,
    /** The squared Euclidean distance. */
    L2,
    /** 1 − inner product (for normalised vectors, equal to {@code COSINE}). */
    IP
  }

  /** The index the search engine keeps. */
  enum Algorithm {
    /** Brute force: exact answers, cost linear in the number of candidates. */
    FLAT,
    /** A navigable small-world graph: approximate answers, sub-linear cost on large sets. */
    HNSW
  }
}
