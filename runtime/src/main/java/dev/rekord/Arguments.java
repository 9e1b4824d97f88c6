package dev.rekord;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The checks of a repository's parameters, each failing with a message naming the parameter. */
final class Arguments {

  private Arguments() {}

  /** {@code value}, or a {@link NullPointerException} saying that {@code name} must not be null. */
  static <V> V requireNonNull(V value, String name) {
    if (value == null) {
      throw new NullPointerException(name + " must not be null"); // no message built on the hot path
    }
    return value;
  }

  /** The elements of {@code values}, none of them null. */
  static <V> List<V> elements(Iterable<? extends V> values, String name) {
    requireNonNull(values, name);
    List<V> list = new ArrayList<>();
    for (V value : values) {
      if (value == null) {
        throw new NullPointerException(name + " must not contain null (found at index " + list.size() + ")");
      }
      list.add(value);
    }
    return list;
  }

  static void requireTtl(Duration ttl) {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero (no expiry) or positive: " + ttl);
    }
  }

  static void requireLease(Duration lease) {
    if (lease == null || lease.toMillis() < 1) {
      throw new IllegalArgumentException("a lock's lease must be at least 1 ms: " + lease);
    }
  }
}
