package dev.rekord.query;

import java.util.List;

/** A multi-valued field contains all (or any) of {@code values}. */
public record Contains<R>(IndexedAttribute<R, ?> field, List<?> values, boolean all)
    implements Condition<R> {
  public Contains {
    values = List.copyOf(values);
  }
}
