package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;

/** A tag of another type (an enum, a boolean, a UUID, …) that keeps a sort order, by its indexed text. */
public final class SortableTagField<R, T> extends TagField<R, T> implements SortableField<R> {

  public SortableTagField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }
}
