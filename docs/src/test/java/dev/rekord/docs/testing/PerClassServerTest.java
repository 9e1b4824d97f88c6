package dev.rekord.docs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rekord.test.RedisDeployment;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** What testing.md says of {@code @ExtendWith(RedisExtension.class)}, checked. */
@ExtendWith(RedisExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassServerTest {

  private static RedisServer started;

  private final RedisServer server;

  PerClassServerTest(RedisServer server) {
    this.server = server;
  }

  @BeforeAll
  static void start(RedisServer server) {
    started = server;
  }

  @Test
  @Order(1)
  void resolvesConstructorLifecycleAndTestParameters(RedisServer redis, RedisDeployment deployment) {
    assertSame(started, server);
    assertSame(started, redis);
    assertSame(started, deployment);
    try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
      jedis.set("left", "behind");
    }
  }

  @Test
  @Order(2)
  void flushesBeforeEachTest(RedisServer redis) {
    try (Jedis jedis = new Jedis(redis.host(), redis.port())) {
      assertNull(jedis.get("left"));
      assertEquals(0, jedis.dbSize());
    }
  }

  @Nested
  class Inner {

    @Test
    void usesTheOuterClassServer(RedisServer redis) {
      assertSame(started, redis);
    }
  }
}
