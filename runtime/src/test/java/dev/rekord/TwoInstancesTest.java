package dev.rekord;

import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/**
 * A base for toolkit tests of what must hold across processes: two instances of one application on
 * one real redis-server, each with its own pool of connections, both in the namespace {@code app};
 * the server is emptied before each test. (Lifecycle methods are public: the tests run inside the
 * module, and JUnit may call only what {@code dev.rekord} exports.)
 */
@ExtendWith(RedisExtension.class)
public abstract class TwoInstancesTest {

  protected static RedisServer server;
  /** The first instance. */
  protected static Rekord rekord;
  /** The second instance, as another process of the same application has it. */
  protected static Rekord otherInstance;
  /** The first instance's Jedis client, to look at keys or plant values. */
  protected static UnifiedJedis redis;

  @BeforeAll
  public static void connectTwoInstances(RedisServer redisServer) {
    server = redisServer;
    rekord = Rekord.builder().url(server.url()).namespace("app").build();
    otherInstance = Rekord.builder().url(server.url()).namespace("app").build();
    redis = rekord.connection().unwrap(UnifiedJedis.class);
  }

  @AfterAll
  public static void closeTwoInstances() {
    rekord.close();
    otherInstance.close();
  }

  @BeforeEach
  public void emptyTheServer() {
    server.flushAll();
  }
}
