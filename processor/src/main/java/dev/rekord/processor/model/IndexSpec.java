package dev.rekord.processor.model;

/**
 * How a component is indexed, after validation resolved {@code @Indexed} to a concrete kind.
 *
 * @param kind tag, numeric, text, geo or vector
 * @param sortable whether a sort order is kept
 * @param caseSensitive for tags; {@code true} for every other kind
 * @param vector for a vector, its settings; {@code null} for every other kind
 * @param stemming for a text, the name of the {@code Text.Language} the search engine stems it in;
 *     {@code null} for exact words and every other kind
 */
public record IndexSpec(IndexKind kind, boolean sortable, boolean caseSensitive, VectorSpec vector, String stemming) {

  /** A field of any kind but a vector, without stemming. */
  public IndexSpec(IndexKind kind, boolean sortable, boolean caseSensitive) {
    this(kind, sortable, caseSensitive, null, null);
  }

  /** A field without stemming. */
  public IndexSpec(IndexKind kind, boolean sortable, boolean caseSensitive, VectorSpec vector) {
    this(kind, sortable, caseSensitive, vector, null);
  }

  /**
   * The settings of {@code @Vector}.
   *
   * @param dimensions the elements of every vector
   * @param distance the name of the {@code Vector.Distance} constant
   * @param algorithm the name of the {@code Vector.Algorithm} constant
   * @param m HNSW's {@code M}; 0: the default
   * @param efConstruction HNSW's {@code EF_CONSTRUCTION}; 0: the default
   * @param efRuntime HNSW's {@code EF_RUNTIME}; 0: the default
   */
  public record VectorSpec(int dimensions, String distance, String algorithm, int m, int efConstruction,
      int efRuntime) {

    /** Whether any HNSW setting is given (0: the Query Engine's default). */
    public boolean tuned() {
      return m != 0 || efConstruction != 0 || efRuntime != 0;
    }
  }
}
