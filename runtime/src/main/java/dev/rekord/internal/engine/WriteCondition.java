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
  PRESENT
}
