package dev.rekord.connection;

import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;

/**
 * The one adapter between Rekord and Jedis: standalone and cluster connections look the same to
 * repositories and generated code.
 */
public interface RedisConnection extends AutoCloseable {

  /** Jedis' command interface: a {@code RedisClient} or a {@code RedisClusterClient}. */
  UnifiedJedis commands();

  /** A new pipeline; on a cluster Jedis routes each command by slot. */
  AbstractPipeline pipeline();

  /** Whether the server is a Redis Cluster (detected from the server, not configured). */
  boolean isCluster();

  /** Closes the connection pool. */
  @Override
  void close();
}
