package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;

/** A number field: {@code Member_.age.between(20, 30)}. */
public class NumericField<R, T extends Number & Comparable<? super T>> extends ComparableField<R, T> {

  public NumericField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }
}
