package dev.rekord.schema;

import java.util.List;

/**
 * What {@code repository.verifyIndex()} found when it compared a model's documents with its index,
 * bucket by bucket: every {@link Discrepancy}, and how much it read.
 *
 * <pre>{@code
 * IndexReport report = members.verifyIndex();
 * if (!report.consistent()) log.warn("{}", report.discrepancies());
 * }</pre>
 *
 * @param prefix the model's key prefix
 * @param buckets the model's bucket count
 * @param documents documents found
 * @param indexedIds ids found in the buckets' sets of all ids
 * @param entries index entries (set and sorted-set members) read
 * @param discrepancies every disagreement found
 */
public record IndexReport(String prefix, int buckets, long documents, long indexedIds, long entries,
    List<Discrepancy> discrepancies) {

  public IndexReport {
    discrepancies = List.copyOf(discrepancies);
  }

  /** Whether no discrepancy was found. */
  public boolean consistent() {
    return discrepancies.isEmpty();
  }

  /** What is wrong. */
  public enum Kind {
    /** An id is in its bucket's set of all ids (and perhaps index keys) but its document does not exist. */
    INDEXED_WITHOUT_DOCUMENT,
    /** A document exists but its id is not in its bucket's set of all ids. */
    DOCUMENT_NOT_INDEXED,
    /** A document lives under the tag of a bucket its id does not hash to. */
    WRONG_BUCKET,
    /** A manifest exists for an id that is not in its bucket's set of all ids. */
    ORPHAN_MANIFEST,
    /** A manifest lists an entry that is missing from its index key. */
    MISSING_ENTRY,
    /** An index key holds an entry that no manifest lists (a stale entry). */
    UNLISTED_ENTRY,
    /**
     * A compact set's directory or counts (the compact index layout) disagree with the entries its
     * chunks hold; {@code key} names the set, {@code detail} what disagrees.
     */
    COMPACT_SET_COUNTS
  }

  /**
   * One disagreement between documents and index.
   *
   * @param bucket the bucket it was found in
   * @param id the document id concerned
   * @param key the key concerned (document, manifest or index key)
   * @param detail the entry concerned, if any
   */
  public record Discrepancy(Kind kind, int bucket, String id, String key, String detail) {}
}
