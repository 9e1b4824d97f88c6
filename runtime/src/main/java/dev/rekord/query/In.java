package dev.rekord.query;

import java.util.List;

/** The field equals one of {@code values}. */
public record In<R>(IndexedAttribute<R, ?> field, List<?> values) implements Condition<R> {
  public In {
    values = List.copyOf(values);
  }
}
