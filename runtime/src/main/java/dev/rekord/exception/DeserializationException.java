package dev.rekord.exception;

/**
 * A document in Redis does not match its model: a field is missing, has an unparseable value, or
 * the key holds the wrong Redis type. Names the key, the model and the field, so the document can
 * be found and repaired.
 */
public class DeserializationException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String model;
  private final String field;
  private final String problem;

  /**
   * @param field the stored path of the offending field, or {@code null} when the whole document
   *     is wrong (for example a key of the wrong type)
   */
  public DeserializationException(
      String key, String model, String field, String problem, Throwable cause) {
    super(message(key, model, field, problem), cause);
    this.key = key;
    this.model = model;
    this.field = field;
    this.problem = problem;
  }

  private static String message(String key, String model, String field, String problem) {
    String where = field == null ? model : model + "." + field;
    return "Cannot read " + where + " from key '" + key + "': " + problem;
  }

  public String key() {
    return key;
  }

  public String model() {
    return model;
  }

  /** The stored path of the offending field, or {@code null} for a whole-document problem. */
  public String field() {
    return field;
  }

  /** What is wrong, without key, model and field: {@code the member is missing}. */
  public String problem() {
    return problem;
  }
}
