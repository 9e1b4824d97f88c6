package dev.rekord.exception;

import java.time.Duration;

/**
 * A document lock stayed held by someone else for longer than the caller was willing to wait.
 * Names the lock's key, the model and id, how long the caller waited and how much of the holder's
 * lease was left when it gave up.
 */
public class LockTimeoutException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String model;
  private final String id;

  public LockTimeoutException(String key, String model, String id, Duration waited, Duration holderLeaseLeft) {
    super("document " + id + " of model " + model + " is locked by another holder (lock " + key
        + "): gave up after waiting " + waited.toMillis() + " ms, the holder's lease has "
        + holderLeaseLeft.toMillis() + " ms left");
    this.key = key;
    this.model = model;
    this.id = id;
  }

  /** The lock's Redis key. */
  public String key() {
    return key;
  }

  public String model() {
    return model;
  }

  public String id() {
    return id;
  }
}
