package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

class KeySlotTest {

  @Test
  void hashesAsRedisClusterDoes() {
    assertEquals(0x31C3, KeySlot.of("123456789")); // the CRC16 check value in Redis' cluster spec
    assertEquals(12182, KeySlot.of("foo")); // CLUSTER KEYSLOT foo
    assertEquals(KeySlot.of("user1000"), KeySlot.of("{user1000}.following"));
    assertEquals(KeySlot.of("{}x"), JedisClusterCRC16.getSlot("{}x")); // an empty tag: the whole key
    assertEquals(KeySlot.of("a{b"), JedisClusterCRC16.getSlot("a{b"));
  }

  @Test
  void agreesWithJedisOnRandomKeys() {
    Random random = new Random(7);
    String alphabet = "ab{}:#-_0Zé€\u00ff";
    for (int n = 0; n < 20_000; n++) {
      StringBuilder key = new StringBuilder();
      int length = random.nextInt(24);
      for (int i = 0; i < length; i++) {
        key.append(alphabet.charAt(random.nextInt(random.nextInt(4) == 0 ? alphabet.length() : 9)));
      }
      String k = key.toString();
      assertEquals(JedisClusterCRC16.getSlot(k), KeySlot.of(k), k);
      assertEquals(JedisClusterCRC16.getSlot(k), KeySlot.common(List.of(k.getBytes(StandardCharsets.UTF_8))), k);
    }
  }

  @Test
  void commonSlotOfKeysWithOneTag() {
    assertEquals(KeySlot.of("t"), KeySlot.common(List.of("{t}:1", "{t}#ids", "{t}".getBytes(StandardCharsets.UTF_8))));
    assertEquals(-1, KeySlot.common(List.of("{t}:1", "{u}:1")));
    assertEquals(-1, KeySlot.common(List.of()));
  }
}
