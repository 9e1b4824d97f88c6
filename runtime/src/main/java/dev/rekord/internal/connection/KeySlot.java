package dev.rekord.internal.connection;

import redis.clients.jedis.util.JedisClusterCRC16;

/** The cluster hash slot of a key (hash tags respected), for grouping keys that can share a command. */
public final class KeySlot {
  private KeySlot() {}

  public static int of(String key) {
    return JedisClusterCRC16.getSlot(key);
  }
}
