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
 *
 * @Vector(dimensions = 384, algorithm = Vector.Algorithm.HNSW, m = 32, efConstruction = 400, efRuntime = 50)
 * float[] tuned
 * }</pre>
 *
 * <p>The HNSW settings are carried into the search engine's {@code FT.CREATE}; set on a {@code
 * FLAT} vector, or to a value below 1, they are compile errors ({@code [Rekord.VectorSetting]}).
 * The portable engine answers KNN exactly and ignores them.
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
   * {@link Algorithm#HNSW} only: the most edges each node of the graph keeps per layer ({@code M});
   * more gives better recall for more memory. 0 (unset): the Redis Query Engine's default, 16.
   */
  int m() default 0;

  /**
   * {@link Algorithm#HNSW} only: how many candidates are kept while the graph is built ({@code
   * EF_CONSTRUCTION}); more gives a better graph and slower writes. 0 (unset): the default, 200.
   */
  int efConstruction() default 0;

  /**
   * {@link Algorithm#HNSW} only: how many candidates a KNN query keeps ({@code EF_RUNTIME}); more
   * gives better recall and slower queries. 0 (unset): the default, 10.
   */
  int efRuntime() default 0;

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
