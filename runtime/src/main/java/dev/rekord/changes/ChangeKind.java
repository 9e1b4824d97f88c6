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
  EXPIRED
}
