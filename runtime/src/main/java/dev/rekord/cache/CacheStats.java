package dev.rekord.cache;

/**
 * What a {@link Cache} instance has done since it was made.
 *
 * @param hits reads answered from Redis (or from the near cache: {@code nearHits} counts those too)
 * @param misses reads that found nothing (or an entry of an older generation, or one that did not decode)
 * @param loads calls of a loader by this instance
 * @param errors Redis failures the cache rode out by calling the loader directly, and entries that
 *     did not decode
 * @param waits single-flight waits: callers that waited for another caller's computation (a thread
 *     of this instance, or another process holding the lock) instead of calling the loader
 * @param nearHits hits served by the near cache, without a round trip ({@link CacheOptions#withNearCache})
 */
public record CacheStats(long hits, long misses, long loads, long errors, long waits, long nearHits) {}
