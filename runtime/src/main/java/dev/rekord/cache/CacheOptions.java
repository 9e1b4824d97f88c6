package dev.rekord.cache;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * How a {@link Cache} loads: whether one caller computes a missing value while the others wait
 * (single-flight, across threads and processes), how long its lock lives if its process dies, how
 * long the others wait, and which results are stored. Immutable:
 * {@code CacheOptions.DEFAULT.withMaxWait(Duration.ofSeconds(2))}.
 *
 * @param singleFlight whether only one caller (per key, across processes) computes at a time
 * @param lockTtl how long the computing caller's lock lives: the longest a load can take before
 *     another caller may start one too; also how soon others take over when its process dies
 * @param maxWait how long a caller waits for another's computation before calling the loader
 *     itself (without storing the result)
 * @param cacheIf which results are stored; the others are returned but not cached ({@code null}
 *     results are never stored)
 * @param nearCacheSize how many entries this process keeps decoded, served without a round trip and
 *     invalidated by Redis when any client changes them ({@code CLIENT TRACKING}); 0 for none
 */
public record CacheOptions(boolean singleFlight, Duration lockTtl, Duration maxWait, Predicate<Object> cacheIf,
    int nearCacheSize) {

  /** Single-flight, a 30 s lock, waits of at most 10 s, every non-null result stored, no near cache. */
  public static final CacheOptions DEFAULT =
      new CacheOptions(true, Duration.ofSeconds(30), Duration.ofSeconds(10), value -> true, 0);

  public CacheOptions {
    Objects.requireNonNull(lockTtl, "lockTtl");
    Objects.requireNonNull(maxWait, "maxWait");
    Objects.requireNonNull(cacheIf, "cacheIf");
    if (lockTtl.toMillis() < 1 || maxWait.isNegative() || nearCacheSize < 0) {
      throw new IllegalArgumentException("lockTtl must be at least 1 ms, maxWait and nearCacheSize not negative: "
          + lockTtl + ", " + maxWait + ", " + nearCacheSize);
    }
  }

  public CacheOptions withSingleFlight(boolean on) {
    return new CacheOptions(on, lockTtl, maxWait, cacheIf, nearCacheSize);
  }

  public CacheOptions withLockTtl(Duration ttl) {
    return new CacheOptions(singleFlight, ttl, maxWait, cacheIf, nearCacheSize);
  }

  public CacheOptions withMaxWait(Duration wait) {
    return new CacheOptions(singleFlight, lockTtl, wait, cacheIf, nearCacheSize);
  }

  /** Stores only the results {@code predicate} accepts: {@code withCacheIf(r -> !((List<?>) r).isEmpty())}. */
  public CacheOptions withCacheIf(Predicate<Object> predicate) {
    return new CacheOptions(singleFlight, lockTtl, maxWait, predicate, nearCacheSize);
  }

  /**
   * Keeps up to {@code maxEntries} hot entries decoded in this process: a hit is served without a
   * round trip, and Redis invalidates it when any client writes the entry or invalidates the cache
   * (server-assisted client-side caching, {@code CLIENT TRACKING … BCAST}: two connections per
   * primary). Values are shared between callers: cache immutable ones (records).
   */
  public CacheOptions withNearCache(int maxEntries) {
    return new CacheOptions(singleFlight, lockTtl, maxWait, cacheIf, maxEntries);
  }
}
