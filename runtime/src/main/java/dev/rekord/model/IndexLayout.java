package dev.rekord.model;

/**
 * How the portable engine keeps a model's index ({@code Rekord.Builder.indexLayout}): the choice
 * between speed and memory. Both layouts answer the same queries with the same results, on a
 * standalone server and a cluster; {@code rekord.migrate()} rebuilds a model's index when its
 * layout changes (until then its queries fail with {@code SchemaMismatchException}). See {@code
 * docs/performance.md}, "Memory: the compact index layout".
 */
public enum IndexLayout {
  /**
   * One sorted-set entry per document and index: the fastest writes and queries, about 110-125
   * bytes per entry; the default.
   */
  STANDARD,
  /**
   * The set of all ids, the tag indexes of single-valued fields and the numeric indexes kept in
   * small sorted sets of at most 128 entries that Redis stores compactly (about 15-30 bytes per
   * entry): about half the memory of {@link #STANDARD} for a model with a few indexes, for index
   * writes about three times the server work and counts and deep pages that grow with n / 3,000.
   * A model with this layout runs on the portable engine. On a cluster, while a slot of the model
   * migrates, reads and writes of that slot's bucket wait for the migration to end (Redis answers
   * {@code TRYAGAIN}, retried under the connection's {@code RetryPolicy}) instead of running on
   * either node, as a compact set's chunks are keys no call can declare.
   */
  COMPACT
}
