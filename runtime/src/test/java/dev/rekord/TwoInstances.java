package dev.rekord;

import dev.rekord.test.RedisServer;
import redis.clients.jedis.UnifiedJedis;

/**
 * Two instances of one application on one server, as two processes have them: each its own pool of
 * connections, both in one namespace. For toolkit tests of what must hold across processes.
 *
 * @param server the server
 * @param here the first instance
 * @param there the second instance
 * @param redis the first instance's Jedis client, to look at keys or plant values
 */
public record TwoInstances(RedisServer server, Rekord here, Rekord there, UnifiedJedis redis) implements AutoCloseable {

  /** Connects two instances to {@code server}, keys in {@code namespace}. */
  public static TwoInstances on(RedisServer server, String namespace) {
    Rekord here = Rekord.builder().url(server.url()).namespace(namespace).build();
    Rekord there = Rekord.builder().url(server.url()).namespace(namespace).build();
    return new TwoInstances(server, here, there, here.connection().unwrap(UnifiedJedis.class));
  }

  @Override
  public void close() {
    here.close();
    there.close();
  }
}
