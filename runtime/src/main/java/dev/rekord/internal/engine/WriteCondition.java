package dev.rekord.internal.engine;

/**
 * When a prepared save writes its document ({@link QueryEngine#prepareSave(Object, String,
 * java.time.Duration, WriteCondition)}): checked atomically with the write.
 */
public enum WriteCondition {
  /** Whatever is stored: a plain save replaces or creates. */
  ALWAYS,
  /** Only when no document has the id: an insert. */
  ABSENT,
  /** Only when a document has the id: an update. */
  PRESENT,
  /**
   * The id was generated at random for this write (a ULID or UUIDv7; never a counter's, which a
   * document saved with its id may already hold): no document has it or had it, so nothing stored
   * needs reading or checking and the write is never refused. An engine may write it without
   * reading first; one that does not treats it as {@link #ALWAYS}.
   */
  NEW
}
