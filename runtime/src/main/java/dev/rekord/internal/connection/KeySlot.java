package dev.rekord.internal.connection;

import java.util.List;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The cluster hash slot of a key (hash tags respected), for grouping keys that can share a command.
 *
 * <p>Computed over the key's characters where they are ASCII (their UTF-8 bytes), without
 * encoding the key: a cluster page routes some fifty commands, each key's slot found when the
 * command is checked and again when it is sent, and Jedis' {@code getSlot(String)} encodes each key
 * to a new byte array to hash it (a tenth of such a page's client time). A key with other
 * characters is left to Jedis.
 */
public final class KeySlot {
  private static final int SLOTS = 16_384;
  /** CRC16-CCITT (XMODEM: polynomial 0x1021, initial 0), the checksum Redis Cluster hashes keys with. */
  private static final int[] CRC16 = new int[256];

  static {
    for (int b = 0; b < 256; b++) {
      int crc = b << 8;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
      }
      CRC16[b] = crc & 0xffff;
    }
  }

  private KeySlot() {}

  public static int of(String key) {
    int from = 0;
    int to = key.length();
    int open = key.indexOf('{');
    if (open >= 0) {
      int close = key.indexOf('}', open + 1);
      if (close > open + 1) { // "{}" or no '}' after the '{': the whole key is hashed
        from = open + 1;
        to = close;
      }
    }
    int crc = 0;
    for (int i = from; i < to; i++) {
      char c = key.charAt(i);
      if (c >= 0x80) {
        return JedisClusterCRC16.getSlot(key);
      }
      crc = ((crc << 8) ^ CRC16[((crc >>> 8) ^ c) & 0xff]) & 0xffff;
    }
    return crc & (SLOTS - 1);
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
    return key instanceof byte[] bytes ? JedisClusterCRC16.getSlot(bytes) : of(key.toString());
  }
}
