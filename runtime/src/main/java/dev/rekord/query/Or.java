package dev.rekord.query;

import java.util.List;

/** At least one of {@code conditions} holds. */
public record Or<R>(List<Condition<R>> conditions) implements Condition<R> {
  public Or {
    conditions = List.copyOf(conditions);
  }
}
