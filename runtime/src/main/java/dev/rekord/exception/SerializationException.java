package dev.rekord.exception;

/** A record could not be written: a value of one of its fields cannot be stored. */
public class SerializationException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String model;
  private final String field;
  private final String problem;

  public SerializationException(String model, String field, String problem, Throwable cause) {
    super(model + "." + field + ": " + problem, cause);
    this.model = model;
    this.field = field;
    this.problem = problem;
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
