package dev.rekord.exception;

/**
 * A write carrying a {@code DocumentLock}'s fencing token was refused because a newer token has
 * been issued since: the lock's lease ran out and someone else took the lock (or, the counter being
 * per bucket, some lock of the document's bucket was taken after this one expired). Nothing was
 * written. Names the document, the model and the stale {@link #fencingToken()}.
 */
public class FencedWriteException extends DocumentConditionException {
  private static final long serialVersionUID = 1L;

  private final long fencingToken;

  public FencedWriteException(String key, String model, String id, long fencingToken) {
    super(key, model, id, "was not written: fencing token " + fencingToken
        + " is stale, a newer lock has been issued since (the lease ran out)");
    this.fencingToken = fencingToken;
  }

  /** The stale token the write carried. */
  public long fencingToken() {
    return fencingToken;
  }
}
