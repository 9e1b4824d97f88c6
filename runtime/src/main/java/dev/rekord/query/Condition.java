package dev.rekord.query;

import java.util.List;

/**
 * A condition on documents of model {@code R}, built from the metamodel ({@code
 * Member_.city.eq("Oslo")}) and combined with {@link #and}, {@link #or} and {@link #not}. An
 * immutable tree that a query engine executes.
 *
 * @param <R> the model the condition applies to
 */
public sealed interface Condition<R>
    permits Comparison, In, Range, StartsWith, TextMatch, GeoRadius, GeoBox, Contains, NullCheck,
        And, Or, Not {

  /** Documents that match this condition and {@code other}. */
  default Condition<R> and(Condition<R> other) {
    return new And<>(List.of(this, other));
  }

  /** Documents that match this condition or {@code other}. */
  default Condition<R> or(Condition<R> other) {
    return new Or<>(List.of(this, other));
  }

  /** Documents that do not match this condition. */
  default Condition<R> not() {
    return new Not<>(this);
  }

  /** Documents that match every one of {@code conditions}. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only copied into an immutable list
  static <R> Condition<R> allOf(Condition<R>... conditions) {
    return new And<>(List.of(conditions));
  }

  /** Documents that match at least one of {@code conditions}. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only copied into an immutable list
  static <R> Condition<R> anyOf(Condition<R>... conditions) {
    return new Or<>(List.of(conditions));
  }
}
