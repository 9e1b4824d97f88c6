package dev.rekord.internal.connection;

import java.util.List;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The cluster hash slot of a key (hash tags respected), for grouping keys that can share a command. */
public final class KeySlot {
  private KeySlot() {}

  public static int of(String key) {
    return JedisClusterCRC16.getSlot(key);
  }

  /**
   * The one slot every key of {@code keys} (strings or byte arrays) hashes to; -1 when there is no
   * key or they hash to more than one.
   */
  public static int common(List<?> keys) {
    int slot = keys.isEmpty() ? -1 : of(keys.get(0));
    for (int k = 1; k < keys.size() && slot >= 0; k++) {
      if (of(keys.get(k)) != slot) {
        slot = -1;
      }
    }
    return slot;
  }

  private static int of(Object key) {
    return key instanceof byte[] bytes ? JedisClusterCRC16.getSlot(bytes) : JedisClusterCRC16.getSlot(key.toString());
  }
}
