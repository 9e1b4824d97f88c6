package dev.rekord.query;

import java.util.List;

/** Every one of {@code conditions} holds. */
public record And<R>(List<Condition<R>> conditions) implements Condition<R> {
  public And {
    conditions = List.copyOf(conditions);
  }
}
