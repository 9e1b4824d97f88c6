package dev.rekord.exception;

/**
 * Reserved for optimistic locking, which is <b>not implemented yet</b>: nothing throws it today,
 * and {@code @Version} is validated but not enforced. Once it is, a save whose {@code @Version} no
 * longer matches the stored document will throw it, naming the document's {@link #key()}.
 */
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
