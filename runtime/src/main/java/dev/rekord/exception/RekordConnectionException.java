package dev.rekord.exception;

/** Redis could not be reached, or the connection broke while a command was under way. */
public class RekordConnectionException extends RekordException {
  private static final long serialVersionUID = 1L;

  public RekordConnectionException(String message, Throwable cause) {
    super(message, cause);
  }
}
