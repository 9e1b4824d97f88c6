package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import dev.rekord.query.Comparison.Operator;
import dev.rekord.query.Comparison;
import dev.rekord.query.Condition;
import dev.rekord.query.In;
import dev.rekord.query.IndexedAttribute;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/** An indexed field compared by value: equality, inequality and membership in a set of values. */
public abstract class ValueField<R, T> extends IndexedAttribute<R, T> {

  protected ValueField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }

  public Condition<R> eq(T value) {
    return new Comparison<>(this, Operator.EQ, value);
  }

  /** Documents whose field is not {@code value}, including those where it is {@code null}. */
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
}
