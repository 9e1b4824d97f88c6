package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import java.time.temporal.Temporal;

/**
 * A date or time field, indexed chronologically (in UTC): {@code
 * Member_.joinDate.gte(LocalDate.of(2024, 1, 1))}.
 */
public class DateField<R, T extends Temporal & Comparable<? super T>> extends ComparableField<R, T> {

  public DateField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }
}
