package dev.rekord.config;

import java.time.Duration;

/**
 * How a {@link ConfigStore}'s watches learn of changes: by {@linkplain #polling polling} versions,
 * or by {@linkplain #keyspaceEvents keyspace notifications} (pushed by Redis, so a change arrives
 * at once, with no reads while nothing changes). Immutable.
 *
 * <pre>{@code
 * ConfigChanges.polling(Duration.ofSeconds(1))              // no server setting needed
 * ConfigChanges.keyspaceEvents()                            // needs notify-keyspace-events with K and h
 * ConfigChanges.keyspaceEvents().enablingThem()             // CONFIG SET them where missing
 * ConfigChanges.keyspaceEvents().orPolling(Duration.ofSeconds(1)) // poll, with a warning, where missing
 * }</pre>
 */
public final class ConfigChanges {

  /** What to do when the server's {@code notify-keyspace-events} lacks the flags. */
  enum IfDisabled { FAIL, ENABLE, POLL }

  /** The flags watches need: keyspace events ({@code K}) of hash commands ({@code h}). */
  static final String FLAGS = "Kh";

  private final boolean events;
  private final IfDisabled ifDisabled;
  private final Duration pollInterval;
  private final Duration resubscribePause;

  private ConfigChanges(boolean events, IfDisabled ifDisabled, Duration pollInterval, Duration resubscribePause) {
    if (pollInterval.toMillis() < 1 || resubscribePause.toMillis() < 1) {
      throw new IllegalArgumentException("intervals are at least 1 ms: " + pollInterval + ", " + resubscribePause);
    }
    this.events = events;
    this.ifDisabled = ifDisabled;
    this.pollInterval = pollInterval;
    this.resubscribePause = resubscribePause;
  }

  /**
   * Watches read the versions of the watched keys every {@code interval} (one pipelined read per
   * node) and the values that changed. Needs no server setting; a change arrives within about one
   * interval.
   */
  public static ConfigChanges polling(Duration interval) {
    return new ConfigChanges(false, IfDisabled.POLL, interval, Duration.ofSeconds(1));
  }

  /**
   * Watches subscribe to keyspace notifications of the config keys on every primary, resubscribe
   * after a reconnect (tried every second) and then read the versions of every watched key, so a
   * change made while they were disconnected is caught up. Needs {@code notify-keyspace-events}
   * with {@code K} and {@code h} (or {@code A}) on every primary: the first watch throws a {@link
   * dev.rekord.exception.KeyspaceEventsDisabledException} naming the {@code CONFIG SET} otherwise.
   */
  public static ConfigChanges keyspaceEvents() {
    return new ConfigChanges(true, IfDisabled.FAIL, Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  /** Where a primary lacks the flags, the first watch adds them ({@code CONFIG SET}, logged). */
  public ConfigChanges enablingThem() {
    return new ConfigChanges(events, IfDisabled.ENABLE, pollInterval, resubscribePause);
  }

  /**
   * Where a primary lacks the flags (or refuses {@code CONFIG GET}), watches poll every {@code
   * interval} instead, with a warning naming the {@code CONFIG SET} that would enable them.
   */
  public ConfigChanges orPolling(Duration interval) {
    return new ConfigChanges(events, IfDisabled.POLL, interval, resubscribePause);
  }

  /** How long a lost subscription waits before it is tried again (1 s by default). */
  public ConfigChanges resubscribeAfter(Duration pause) {
    return new ConfigChanges(events, ifDisabled, pollInterval, pause);
  }

  boolean events() {
    return events;
  }

  IfDisabled ifDisabled() {
    return ifDisabled;
  }

  Duration pollInterval() {
    return pollInterval;
  }

  Duration resubscribePause() {
    return resubscribePause;
  }

  @Override
  public String toString() {
    return events
        ? "ConfigChanges[keyspace events, if disabled: " + ifDisabled.name().toLowerCase(java.util.Locale.ROOT)
            + (ifDisabled == IfDisabled.POLL ? " every " + pollInterval.toMillis() + " ms" : "") + "]"
        : "ConfigChanges[polling every " + pollInterval.toMillis() + " ms]";
  }
}
