package dev.rekord.cache;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.connection.TrackingInvalidations;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A cache's near cache: the decoded values of its hottest entries in this process, at most {@code
 * maxEntries} (least recently used go first), served without a round trip and dropped when Redis
 * says their key changed ({@link TrackingInvalidations}, broadcasting for the cache's prefix, so
 * the generation key's change drops them all). Serves only while invalidations flow from every
 * primary.
 *
 * <p>A read that misses reserves its key before asking Redis and fills it only if no invalidation
 * (or reset) came in between, so a write racing the read never leaves a stale value here.
 */
final class NearEntries implements AutoCloseable {

  /** A key being read from Redis: no value yet. */
  private static final Object RESERVED = new Object();

  private final String generationKey;
  private final Map<String, Object> entries;
  private final TrackingInvalidations invalidations;

  NearEntries(RedisConnection connection, String prefix, String generationKey, int maxEntries) {
    this.generationKey = generationKey;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
        return size() > maxEntries;
      }
    };
    this.invalidations = TrackingInvalidations.start(connection, prefix, Duration.ofSeconds(1),
        new TrackingInvalidations.Listener() {
          @Override
          public void invalidated(String key) {
            if (key.equals(NearEntries.this.generationKey)) {
              clear();
            } else {
              remove(key);
            }
          }

          @Override
          public void reset() {
            clear();
          }
        });
  }

  /** The value held for {@code entryKey}, or {@code null}. */
  synchronized Object get(String entryKey) {
    Object value = entries.get(entryKey);
    return value == RESERVED ? null : value;
  }

  /** Marks {@code entryKey} as being read from Redis; false when nothing may be cached now. */
  synchronized boolean reserve(String entryKey) {
    if (!invalidations.live()) {
      return false;
    }
    entries.putIfAbsent(entryKey, RESERVED);
    return true;
  }

  /** Holds {@code value} for {@code entryKey} if its reservation survived (no invalidation since). */
  synchronized void fill(String entryKey, Object value) {
    if (entries.get(entryKey) == RESERVED) {
      entries.put(entryKey, value);
    }
  }

  /** Drops a reservation that will not be filled (a miss). */
  synchronized void release(String entryKey) {
    entries.remove(entryKey, RESERVED);
  }

  boolean live() {
    return invalidations.live();
  }

  synchronized int size() {
    return entries.size();
  }

  private synchronized void remove(String entryKey) {
    entries.remove(entryKey);
  }

  private synchronized void clear() {
    entries.clear();
  }

  @Override
  public void close() {
    invalidations.close();
  }
}
