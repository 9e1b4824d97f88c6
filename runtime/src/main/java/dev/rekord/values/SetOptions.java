package dev.rekord.values;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link Values#set(String, Object, SetOptions)} writes: an expiry ({@code EX}/{@code PX}, or
 * {@code EXAT}/{@code PXAT} at an instant, or {@code KEEPTTL}), and a condition ({@code NX}: only
 * a new key, {@code XX}: only an existing one). Immutable; each method returns a new instance:
 * {@code SetOptions.ttl(Duration.ofMinutes(5)).onlyIfAbsent()}.
 */
public final class SetOptions {

  /** No expiry (an existing one is cleared, as a plain {@code SET} does), no condition. */
  public static final SetOptions NONE = new SetOptions(List.of(), null);

  private final List<String> expiry;
  private final String condition;

  private SetOptions(List<String> expiry, String condition) {
    this.expiry = expiry;
    this.condition = condition;
  }

  /** Expires {@code ttl} after the write ({@code PX}, or {@code EX} for whole seconds). */
  public static SetOptions ttl(Duration ttl) {
    return NONE.withTtl(ttl);
  }

  /** Expires at {@code instant} ({@code PXAT}, or {@code EXAT} for a whole second). */
  public static SetOptions expireAt(Instant instant) {
    return NONE.withExpireAt(instant);
  }

  /** Keeps the key's current expiry ({@code KEEPTTL}). */
  public static SetOptions keepTtl() {
    return NONE.withKeepTtl();
  }

  /** {@code ttl} as this instance's expiry. */
  public SetOptions withTtl(Duration ttl) {
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("a time to live must be positive: " + ttl);
    }
    return ttl.toMillis() % 1000 == 0
        ? new SetOptions(List.of("EX", Long.toString(ttl.toSeconds())), condition)
        : new SetOptions(List.of("PX", Long.toString(ttl.toMillis())), condition);
  }

  /** Expiry at {@code instant}. */
  public SetOptions withExpireAt(Instant instant) {
    long millis = instant.toEpochMilli();
    return millis % 1000 == 0
        ? new SetOptions(List.of("EXAT", Long.toString(millis / 1000)), condition)
        : new SetOptions(List.of("PXAT", Long.toString(millis)), condition);
  }

  /** Keeps the current expiry. */
  public SetOptions withKeepTtl() {
    return new SetOptions(List.of("KEEPTTL"), condition);
  }

  /** Writes only when the key does not exist ({@code NX}). */
  public SetOptions onlyIfAbsent() {
    return new SetOptions(expiry, "NX");
  }

  /** Writes only when the key exists ({@code XX}). */
  public SetOptions onlyIfPresent() {
    return new SetOptions(expiry, "XX");
  }

  /** The {@code SET} arguments after the value, with {@code GET} when {@code returnOld}. */
  List<String> arguments(boolean returnOld) {
    List<String> args = new ArrayList<>(expiry);
    if (condition != null) {
      args.add(condition);
    }
    if (returnOld) {
      args.add("GET");
    }
    return args;
  }

  @Override
  public String toString() {
    return "SetOptions" + arguments(false);
  }
}
