package dev.rekord.internal.connection;

import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.RetryPolicy;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.Pool;

/** A pooled connection to one standalone Redis server. */
public final class StandaloneConnection extends ConfiguredConnection {

  private final RedisClient client;

  public StandaloneConnection(RedisClient client) {
    this(client, RetryPolicy.NONE, ReplicaWait.NONE);
  }

  public StandaloneConnection(RedisClient client, RetryPolicy retry, ReplicaWait replicaWait) {
    super(retry, replicaWait, "standalone");
    this.client = client;
  }

  @Override
  UnifiedJedis client() {
    return client;
  }

  @Override
  Map<String, Pool<Connection>> primaryPools() {
    return Map.of("standalone", client.getPool());
  }

  @Override
  Map<String, Pool<Connection>> allPools() {
    return primaryPools();
  }

  @Override
  AbstractPipeline pipeline() {
    return client.pipelined();
  }

  @Override
  AbstractPipeline pipelineSendingAhead() {
    return new StandalonePipeline(client.getPool().getResource());
  }

  @Override
  Connection connectionFor(CommandObject<?> command) {
    return client.getPool().getResource();
  }

  @Override
  public boolean isCluster() {
    return false;
  }

  @Override
  public void scanKeys(String match, String type, Consumer<List<String>> onBatch) {
    RedisCalls.run(() -> KeyScan.run(client::executeCommand, match, type, onBatch));
  }

  @Override
  public void close() {
    client.close();
  }
}
