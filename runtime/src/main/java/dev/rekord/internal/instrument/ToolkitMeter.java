package dev.rekord.internal.instrument;

/**
 * The toolkit's counters: each counts events of one named cache or rate limiter (names the
 * application chose, so few), by one low-cardinality outcome; never keys or subjects.
 */
public enum ToolkitMeter {
  /** Reads of a cache: {@code result} is {@code hit} (from Redis), {@code near} (from the near cache) or {@code miss}. */
  CACHE_GETS("rekord.cache.gets", "Cache reads, by result", "cache", "result"),
  /** Loader calls: {@code outcome} is {@code success} or {@code error} (the loader threw). */
  CACHE_LOADS("rekord.cache.loads", "Cache loader calls, by outcome", "cache", "outcome"),
  /** Failures a cache rode out: {@code kind} is {@code redis} (unreachable) or {@code decode} (an entry that no longer reads). */
  CACHE_ERRORS("rekord.cache.errors", "Failures a cache rode out, by kind", "cache", "kind"),
  /** Single-flight waits: {@code source} is {@code local} (a thread of this process) or {@code lock} (another process). */
  CACHE_WAITS("rekord.cache.waits", "Callers that waited for another's computation, by where it ran", "cache", "source"),
  /** Rate-limiter checks: {@code decision} is {@code allowed} or {@code denied}. */
  RATE_LIMIT_DECISIONS("rekord.ratelimit.decisions", "Rate-limiter checks, by decision", "limiter", "decision");

  private final String meterName;
  private final String description;
  private final String nameTag;
  private final String outcomeTag;

  ToolkitMeter(String meterName, String description, String nameTag, String outcomeTag) {
    this.meterName = meterName;
    this.description = description;
    this.nameTag = nameTag;
    this.outcomeTag = outcomeTag;
  }

  public String meterName() {
    return meterName;
  }

  public String description() {
    return description;
  }

  /** The tag naming the cache or limiter. */
  public String nameTag() {
    return nameTag;
  }

  /** The tag of the outcome. */
  public String outcomeTag() {
    return outcomeTag;
  }
}
