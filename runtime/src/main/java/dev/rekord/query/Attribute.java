package dev.rekord.query;

import dev.rekord.codec.ValueCodec;

/**
 * A component of model {@code R} with values of type {@code T}, as the metamodel ({@code
 * Member_}) describes it. Components that are not indexed offer no query operations, so a query
 * on them does not compile.
 *
 * @param <R> the model (the root record, also for fields of embedded records)
 * @param <T> the value type
 */
public class Attribute<R, T> {

  private final String path;
  private final ValueCodec<T> codec;

  public Attribute(String path, ValueCodec<T> codec) {
    this.path = path;
    this.codec = codec;
  }

  /** The stored path: a hash field name or dotted JSON path, e.g. {@code address.city}. */
  public final String path() {
    return path;
  }

  /** The codec of the value type. */
  public final ValueCodec<T> codec() {
    return codec;
  }

  @Override
  public String toString() {
    return path;
  }
}
