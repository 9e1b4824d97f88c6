package dev.rekord.exception;

/** A query cannot be run as written (for example a sort on a field that keeps no sort order). */
public class QueryException extends RekordException {
  private static final long serialVersionUID = 1L;

  public QueryException(String message) {
    super(message);
  }
}
