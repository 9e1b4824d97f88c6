package dev.rekord.exception;

/**
 * A save of a model with {@code @Version} found another version stored than the entity carries:
 * someone saved the document since it was read. Nothing was written (neither document nor index).
 * Names the document's {@link #key()}, the {@link #expectedVersion()} (the entity's) and the
 * {@link #actualVersion()} stored (0: no document). Read the document again and retry.
 */
public class OptimisticLockException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String model;
  private final String id;
  private final long expectedVersion;
  private final long actualVersion;

  public OptimisticLockException(String key, String model, String id, long expectedVersion, long actualVersion) {
    super("document " + id + " of model " + model + " (key " + key + ") is at version " + actualVersion
        + ", not " + expectedVersion + " as the saved entity expected: it was "
        + (actualVersion == 0 ? "deleted or never stored" : "saved by someone else since it was read")
        + "; nothing was written");
    this.key = key;
    this.model = model;
    this.id = id;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
  }

  /** The document's Redis key. */
  public String key() {
    return key;
  }

  public String model() {
    return model;
  }

  public String id() {
    return id;
  }

  /** The version the entity carried. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version stored; 0 when there is no document. */
  public long actualVersion() {
    return actualVersion;
  }
}
