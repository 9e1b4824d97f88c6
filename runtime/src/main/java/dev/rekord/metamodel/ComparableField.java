package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import dev.rekord.query.Comparison;
import dev.rekord.query.Comparison.Operator;
import dev.rekord.query.Condition;
import dev.rekord.query.Range;

/** A field indexed numerically: equality, order comparisons and ranges. */
public class ComparableField<R, T extends Comparable<? super T>> extends ValueField<R, T> {

  public ComparableField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
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
