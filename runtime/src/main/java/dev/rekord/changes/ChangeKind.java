package dev.rekord.changes;

/** What happened to a document. */
public enum ChangeKind {
  /** Saved where no document had its id. */
  CREATED,
  /** Saved over an existing document. */
  UPDATED,
  /** Deleted ({@code deleteById}, {@code deleteAll}), or found deleted behind Rekord's back. */
  DELETED,
  /** Expired: reported when Rekord removes its index entries (a query's or a sweep's clean-up). */
  EXPIRED,
  /**
   * Only its expiry changed ({@code expire}, {@code expireAt}, {@code persist}, or a read of a model
   * that refreshes its time to live on read): the document's contents did not, so the event names no
   * fields. A kind of its own rather than {@link #UPDATED}, so that a cache which reloads on
   * updates need not reload for a new expiry.
   */
  EXPIRY_CHANGED
}
