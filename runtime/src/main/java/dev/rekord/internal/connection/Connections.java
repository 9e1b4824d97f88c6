package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.exception.RekordConnectionException;
import java.util.LinkedHashSet;
import java.util.Set;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Opens a {@link RedisConnection}, detecting cluster mode from the server ({@code INFO cluster} →
 * {@code cluster_enabled:1}) instead of trusting configuration. The probe authenticates too, so
 * wrong credentials or an unreachable server fail here, not at the first command.
 */
public final class Connections {
  private Connections() {}

  /**
   * Connects to the first reachable node of {@code settings}.
   *
   * @throws RekordConnectionException when no node can be reached or the credentials are refused
   */
  public static RedisConnection open(ConnectionSettings settings) {
    return open(settings, RetryPolicy.DEFAULT, ReplicaWait.NONE);
  }

  /**
   * Connects to the first reachable node of {@code settings}, retrying transient failures of
   * idempotent calls as {@code retry} says and waiting for replicas after writes as {@code
   * replicaWait} says.
   *
   * @throws RekordConnectionException when no node can be reached or the credentials are refused
   */
  public static RedisConnection open(ConnectionSettings settings, RetryPolicy retry, ReplicaWait replicaWait) {
    JedisClientConfig config = settings.clientConfig();
    boolean cluster = isCluster(settings, config);
    if (!cluster) {
      HostAndPort node = settings.nodes().get(0);
      RedisClient client =
          RedisClient.builder()
              .hostAndPort(node)
              .clientConfig(config)
              .poolConfig(settings.poolConfig())
              .build();
      return new StandaloneConnection(client, retry, replicaWait);
    }
    Set<HostAndPort> seeds = new LinkedHashSet<>(settings.nodes());
    ClusterConnectionProvider provider =
        RedisCalls.call(
            () -> new ClusterConnectionProvider(seeds, config, settings.poolConfig()));
    RedisClusterClient client =
        RedisClusterClient.builder()
            .nodes(seeds)
            .clientConfig(config)
            .connectionProvider(provider)
            .build();
    return new ClusterConnection(client, provider, retry, replicaWait);
  }

  /** Asks the first node that answers whether it is part of a cluster. */
  private static boolean isCluster(ConnectionSettings settings, JedisClientConfig config) {
    JedisConnectionException last = null;
    for (HostAndPort node : settings.nodes()) {
      try (Connection probe = new Connection(node, config)) {
        probe.sendCommand(Protocol.Command.INFO, "cluster");
        String info = probe.getBulkReply();
        return info != null && info.contains("cluster_enabled:1");
      } catch (JedisConnectionException e) {
        last = e; // try the next seed
      } catch (JedisException e) {
        throw RedisCalls.translate(e); // refused credentials, a bad database: no seed will do better
      }
    }
    throw new RekordConnectionException(
        "Cannot reach Redis at " + settings.nodes() + ": " + last.getMessage(), last);
  }
}
