package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;

/** A numerically indexed field of another type ({@code Duration}) that keeps a sort order. */
public final class SortableComparableField<R, T extends Comparable<? super T>>
    extends ComparableField<R, T> implements SortableField<R> {

  public SortableComparableField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }
}
