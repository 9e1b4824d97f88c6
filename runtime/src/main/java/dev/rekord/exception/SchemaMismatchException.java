package dev.rekord.exception;

/** The index stored in Redis does not match the model's generated index definition. */
public class SchemaMismatchException extends RekordException {
  private static final long serialVersionUID = 1L;

  public SchemaMismatchException(String message) {
    super(message);
  }
}
