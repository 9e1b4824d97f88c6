package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.exception.RekordConnectionException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.providers.ClusterConnectionProvider;

/**
 * Opens a {@link RedisConnection}, detecting cluster mode from the server ({@link ServerProbe}:
 * the {@code HELLO} reply's {@code mode}) instead of trusting configuration. The probe
 * authenticates too, so wrong credentials, TLS trouble or an unreachable server fail here, not at
 * the first command.
 */
public final class Connections {
  private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

  /**
   * Redirections ({@code MOVED}, {@code ASK}) Jedis' cluster router follows within one of Rekord's
   * attempts; Jedis' default.
   */
  private static final int CLUSTER_HOPS = 5;

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
    ServerProbe.Answer server = ServerProbe.ask(settings, config);
    LOG.info("Rekord: connected to Redis {} at {} ({}, mode from {}{}); retries: {}",
        server.version(), server.node(), server.cluster() ? "cluster" : "standalone", server.source(),
        settings.ssl() ? ", TLS" : "", retry);
    if (!server.cluster()) {
      RedisClient client =
          RedisClient.builder()
              .hostAndPort(server.node())
              .clientConfig(config)
              .poolConfig(settings.poolConfig())
              .build();
      return new StandaloneConnection(client, retry, replicaWait);
    }
    Set<HostAndPort> seeds = new LinkedHashSet<>();
    for (RedisNode node : settings.nodes()) {
      seeds.add(node.hostAndPort());
    }
    ClusterConnectionProvider provider =
        RedisCalls.call(
            () -> new ClusterConnectionProvider(seeds, config, settings.poolConfig()));
    RedisClusterClient client =
        RedisClusterClient.builder()
            .nodes(seeds)
            .clientConfig(config)
            .connectionProvider(provider)
            .maxAttempts(CLUSTER_HOPS)
            // Jedis' own retries of a broken connection stay within one socket timeout (its default
            // is five): Rekord's RetryPolicy is the one budget a caller sets.
            .maxTotalRetriesDuration(settings.effectiveSocketTimeout())
            .build();
    return new ClusterConnection(client, provider, retry, replicaWait);
  }
}
