package dev.rekord.exception;

/**
 * A record could not be written: a value of one of its fields cannot be stored or indexed.
 * Names the model, the field and, where the record has an id already, the key it was to be
 * written to. Thrown before anything is written.
 */
public class SerializationException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final String model;
  private final String field;
  private final String problem;

  public SerializationException(String model, String field, String problem, Throwable cause) {
    this(null, model, field, problem, cause);
  }

  /** @param key the key the record was to be written to, or {@code null} when not known */
  public SerializationException(String key, String model, String field, String problem, Throwable cause) {
    super(model + "." + field + (key == null ? "" : " (key '" + key + "')") + ": " + problem, cause);
    this.key = key;
    this.model = model;
    this.field = field;
    this.problem = problem;
  }

  /** The key the record was to be written to, e.g. {@code {member}:ada}; {@code null} when not known. */
  public String key() {
    return key;
  }

  /** The model's simple name, e.g. {@code Member}. */
  public String model() {
    return model;
  }

  /** The stored path of the field, e.g. {@code address.city}. */
  public String field() {
    return field;
  }

  /** What is wrong, without model and field. */
  public String problem() {
    return problem;
  }
}
