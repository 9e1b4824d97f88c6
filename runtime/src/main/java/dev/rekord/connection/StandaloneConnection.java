package dev.rekord.connection;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/** A pooled connection to one standalone Redis server. */
public final class StandaloneConnection implements RedisConnection {

  private final RedisClient client;

  public StandaloneConnection(RedisClient client) {
    this.client = client;
  }

  @Override
  public UnifiedJedis commands() {
    return client;
  }

  @Override
  public AbstractPipeline pipeline() {
    return RedisCalls.call(client::pipelined);
  }

  @Override
  public boolean isCluster() {
    return false;
  }

  @Override
  public void close() {
    client.close();
  }
}
