package dev.rekord.connection;

import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * A connection to a Redis Cluster. Jedis routes single-key commands and pipelines by slot; what
 * spans the whole keyspace ({@link #scanKeys}) runs on every primary node, since {@code SCAN} only
 * sees the keys of the node it runs on (and Jedis' own cluster scan iteration would visit
 * replicas too, counting keys twice).
 */
public final class ClusterConnection implements RedisConnection {

  private final RedisClusterClient client;
  private final ClusterConnectionProvider provider;

  public ClusterConnection(RedisClusterClient client, ClusterConnectionProvider provider) {
    this.client = client;
    this.provider = provider;
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
    return true;
  }

  @Override
  public void scanKeys(String match, String type, Consumer<List<String>> onBatch) {
    RedisCalls.run(() -> {
      for (ConnectionPool primary : provider.getPrimaryNodesConnectionMap().values()) {
        try (Connection node = primary.getResource()) {
          KeyScan.run(args -> node.executeCommand(args), match, type, onBatch);
        }
      }
    });
  }

  @Override
  public void close() {
    client.close();
  }
}
