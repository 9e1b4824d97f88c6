package dev.rekord.exception;

/**
 * A nearest-neighbour query's vector does not have the dimensions of the model's vector field.
 * Thrown before anything is sent to Redis.
 */
public class VectorDimensionException extends QueryException {

  private final String model;
  private final String field;
  private final int expected;
  private final int actual;

  public VectorDimensionException(String model, String field, int expected, int actual) {
    super("the vector field " + field + " of " + model + " has " + expected + " dimensions, but the query vector has "
        + actual + "; query with a vector of " + expected + " elements");
    this.model = model;
    this.field = field;
    this.expected = expected;
    this.actual = actual;
  }

  /** The model's simple name, e.g. {@code Product}. */
  public String model() {
    return model;
  }

  /** The stored path of the vector field, e.g. {@code embedding}. */
  public String field() {
    return field;
  }

  /** The field's dimensions. */
  public int expected() {
    return expected;
  }

  /** The query vector's length. */
  public int actual() {
    return actual;
  }
}
