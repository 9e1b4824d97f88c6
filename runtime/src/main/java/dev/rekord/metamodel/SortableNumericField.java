package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;

/** A number field that keeps a sort order: {@code Member_.age.desc()}. */
public final class SortableNumericField<R, T extends Number & Comparable<? super T>>
    extends NumericField<R, T> implements SortableField<R> {

  public SortableNumericField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }
}
