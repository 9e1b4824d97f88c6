package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import java.time.temporal.Temporal;

/** A date or time field that keeps a chronological sort order: {@code Member_.joinDate.desc()}. */
public final class SortableDateField<R, T extends Temporal & Comparable<? super T>>
    extends DateField<R, T> implements SortableField<R> {

  public SortableDateField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }
}
