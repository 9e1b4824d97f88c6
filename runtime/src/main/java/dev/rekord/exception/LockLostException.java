package dev.rekord.exception;

/**
 * The caller no longer holds a document lock it took: its lease ran out before it was renewed (and
 * another holder may have taken the lock since). Work guarded by the lock must be treated as
 * unprotected from that point on.
 */
public class LockLostException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final long fencingToken;

  public LockLostException(String key, String model, String id, long fencingToken) {
    super("lock " + key + " on document " + id + " of model " + model + " (fencing token "
        + fencingToken + ") is no longer held: its lease ran out");
    this.key = key;
    this.fencingToken = fencingToken;
  }

  /** The lock's Redis key. */
  public String key() {
    return key;
  }

  /** The fencing token of the lock that was lost. */
  public long fencingToken() {
    return fencingToken;
  }
}
