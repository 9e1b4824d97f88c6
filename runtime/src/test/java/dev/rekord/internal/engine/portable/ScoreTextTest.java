package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.test.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.resps.Tuple;

/**
 * {@link PortableQueries#score}, which reads the sort values a merge compares (whole numbers without
 * {@link Double#parseDouble}), against the scores Redis holds: random scores of every shape —
 * whole, negative, of 15 digits and more, fractional, huge, tiny, infinite, zero of either sign —
 * written with {@code ZADD} and read back as the text a page's rows carry.
 */
class ScoreTextTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  @Test
  void scoresReadAsRedisHoldsThem() {
    try (Jedis jedis = new Jedis(redis.server().host(), redis.server().port())) {
      jedis.del("scores");
      Random random = new Random(20261204);
      for (int i = 0; i < 3000; i++) {
        double score = switch (i % 8) {
          case 0 -> random.nextInt(200) - 100;
          case 1 -> random.nextLong() >> random.nextInt(64);
          case 2 -> (double) (random.nextLong() % 1_000_000_000_000_000L); // 15 to 18 digits
          case 3 -> random.nextDouble() * 1000 - 500;
          case 4 -> random.nextGaussian() * 1e300;
          case 5 -> random.nextGaussian() * 1e-300;
          case 6 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
          default -> random.nextBoolean() ? 0.0 : -0.0;
        };
        jedis.zadd("scores", score, "m" + i);
      }
      for (Tuple member : jedis.zrangeWithScores("scores", 0, -1)) {
        String text = new String((byte[]) jedis.sendCommand(Protocol.Command.ZSCORE, "scores", member.getElement()),
            StandardCharsets.UTF_8);
        assertEquals(member.getScore(), PortableQueries.score(text), 0.0, text);
      }
    }
  }
}
