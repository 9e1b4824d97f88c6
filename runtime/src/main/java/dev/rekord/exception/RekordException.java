package dev.rekord.exception;

/** The root of every exception Rekord throws. Unchecked. */
public class RekordException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RekordException(String message) {
    super(message);
  }

  public RekordException(String message, Throwable cause) {
    super(message, cause);
  }
}
