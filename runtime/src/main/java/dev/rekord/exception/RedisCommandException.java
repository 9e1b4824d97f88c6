package dev.rekord.exception;

/** Redis answered a command with an error (for example {@code WRONGTYPE} or {@code OOM}). */
public class RedisCommandException extends RekordException {
  private static final long serialVersionUID = 1L;

  public RedisCommandException(String message, Throwable cause) {
    super(message, cause);
  }
}
