package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.script.ScriptResources;
import dev.rekord.test.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code before} ({@code query_common.lua}), the byte-wise order every query sorts and merges ids
 * and tag values by, against Java's unsigned byte comparison: random strings of a few byte values
 * (0, 1, 'a', 'b', 127, 128, 255) so that prefixes, equal strings and bytes on both sides of 127 are
 * common, of lengths around the 8 bytes it reads per call.
 */
class ByteOrderTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final byte[] ALPHABET = {0, 1, 'a', 'b', 127, (byte) 128, (byte) 255};

  @Test
  void beforeIsJavasUnsignedByteOrder() {
    String script = EngineProtocol.lua(ScriptResources.read(EngineScripts.class, "query_common.lua")
        + "\nlocal out = {}\nfor i = 1, #ARGV, 2 do out[#out + 1] = before(ARGV[i], ARGV[i + 1]) and 1 or 0 end\nreturn out\n");
    Random random = new Random(20261204);
    List<byte[]> args = new ArrayList<>();
    List<Long> expected = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      byte[] a = random(random, random.nextInt(20));
      byte[] b = random.nextInt(4) == 0 ? a.clone() : random(random, random.nextInt(20));
      if (random.nextInt(3) == 0 && a.length > 0) { // b shares a prefix of a
        byte[] prefix = Arrays.copyOf(a, random.nextInt(a.length + 1));
        b = concat(prefix, b);
      }
      args.add(a);
      args.add(b);
      expected.add(Arrays.compareUnsigned(a, b) < 0 ? 1L : 0L);
    }
    try (RedisConnection connection = IndexMaintenanceTest.open(redis.server().host(), redis.server().port())) {
      Object reply = connection.unwrap(UnifiedJedis.class).eval(script.getBytes(StandardCharsets.UTF_8), List.of(), args);
      assertEquals(expected, reply);
    }
  }

  private static byte[] random(Random random, int length) {
    byte[] bytes = new byte[length];
    for (int i = 0; i < length; i++) {
      bytes[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return bytes;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
