package dev.rekord.internal.connection;

import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * A connection to a Redis Cluster. Jedis routes single-key commands and pipelines by slot; what
 * spans the whole keyspace ({@link #scanKeys}) runs on every primary node, since {@code SCAN} only
 * sees the keys of the node it runs on (and Jedis' own cluster scan iteration would visit
 * replicas too, counting keys twice).
 */
public final class ClusterConnection extends ConfiguredConnection {

  private final RedisClusterClient client;
  private final ClusterConnectionProvider provider;
  public ClusterConnection(RedisClusterClient client, ClusterConnectionProvider provider) {
    this(client, provider, RetryPolicy.NONE, ReplicaWait.NONE);
  }

  public ClusterConnection(RedisClusterClient client, ClusterConnectionProvider provider,
      RetryPolicy retry, ReplicaWait replicaWait) {
    super(retry, replicaWait, "cluster");
    this.client = client;
    this.provider = provider;
  }

  /**
   * Asks a reachable node for the slot map ({@code CLUSTER SLOTS}). Jedis refreshes it itself for
   * single commands, but not when a pipeline's reply is {@code MOVED} or a node in it is gone.
   */
  @Override
  public void refreshTopology() {
    try {
      provider.renewSlotCache();
    } catch (RuntimeException e) {
      // No node answered: the next attempt fails and is retried, or gives up, as its policy says.
    }
  }

  @Override
  public String nodeOf(String key) {
    HostAndPort node = provider.getNode(KeySlot.of(key));
    return node == null ? "?" : node.toString();
  }

  @Override
  void checkRoutable(String name, List<String> keys, boolean batched) {
    if (keys.isEmpty()) {
      if (batched) {
        throw new IllegalArgumentException("a batch on a cluster sends each command to the node of its"
            + " keys, and " + name + " names none: run it alone with execute");
      }
      return;
    }
    if (KeySlot.common(keys) < 0) {
      throw new IllegalArgumentException("the keys of one command must be in one hash slot on a cluster"
          + " (give them a common hash tag, {tag}): " + name + " " + keys);
    }
  }

  @Override
  UnifiedJedis client() {
    return client;
  }

  @Override
  Map<String, ConnectionPool> primaryPools() {
    return provider.getPrimaryNodesConnectionMap();
  }

  @Override
  Map<String, ConnectionPool> allPools() {
    return provider.getConnectionMap();
  }

  @Override
  AbstractPipeline pipeline() {
    return new ClusterPipelineInOneThread(provider);
  }

  @Override
  AbstractPipeline pipelineSendingAhead() {
    return pipeline(); // sends ahead already
  }

  @Override
  AbstractPipeline pipelineTo(HostAndPort node) {
    return new Pipeline(CommandNotSentException.borrow(() -> provider.getConnection(node)), true);
  }

  @Override
  Connection connectionFor(CommandObject<?> command) {
    return provider.getConnection(command.getArguments()); // the slot's node, as last known
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
          KeyScan.run(node::executeCommand, match, type, onBatch);
        }
      }
    });
  }

  @Override
  public void close() {
    client.close();
  }
}
