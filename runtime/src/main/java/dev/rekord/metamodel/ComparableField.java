package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import dev.rekord.query.Comparison;
import dev.rekord.query.Comparison.Operator;
import dev.rekord.query.Condition;
import dev.rekord.query.In;
import dev.rekord.query.Range;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** A field indexed numerically: equality, order comparisons and ranges. */
public class ComparableField<R, T extends Comparable<? super T>> extends IndexedAttribute<R, T> {

  public ComparableField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }

  public Condition<R> eq(T value) {
    return new Comparison<>(this, Operator.EQ, value);
  }

  public Condition<R> ne(T value) {
    return new Comparison<>(this, Operator.NE, value);
  }

  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only copied into an immutable list
  public final Condition<R> in(T... values) {
    return new In<>(this, Arrays.asList(values));
  }

  public Condition<R> in(Collection<? extends T> values) {
    return new In<>(this, List.copyOf(values));
  }

  public Condition<R> gt(T value) {
    return new Comparison<>(this, Operator.GT, value);
  }

  public Condition<R> gte(T value) {
    return new Comparison<>(this, Operator.GTE, value);
  }

  public Condition<R> lt(T value) {
    return new Comparison<>(this, Operator.LT, value);
  }

  public Condition<R> lte(T value) {
    return new Comparison<>(this, Operator.LTE, value);
  }

  /** Between {@code lower} and {@code upper}, both inclusive. */
  public Condition<R> between(T lower, T upper) {
    return new Range<>(this, lower, true, upper, true);
  }

  /** Between {@code lower} and {@code upper}, each bound inclusive or exclusive. */
  public Condition<R> between(T lower, boolean lowerInclusive, T upper, boolean upperInclusive) {
    return new Range<>(this, lower, lowerInclusive, upper, upperInclusive);
  }
}
