package dev.rekord.exception;

/** A save carried a {@code @Version} that no longer matches the stored document. */
public class OptimisticLockException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String key;

  public OptimisticLockException(String key, String message) {
    super(message);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
