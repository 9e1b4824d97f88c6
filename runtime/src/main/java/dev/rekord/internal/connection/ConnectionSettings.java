package dev.rekord.internal.connection;

import java.time.Duration;
import java.util.List;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.SslOptions;

/**
 * Everything needed to open a {@link RedisConnection}; built by {@code Rekord.Builder}. {@code
 * null} (or 0 for {@code poolSize}) keeps Jedis' default.
 *
 * @param nodes the server, or the seed nodes of a cluster
 */
public record ConnectionSettings(
    List<HostAndPort> nodes,
    String user,
    String password,
    int database,
    boolean ssl,
    Duration connectTimeout,
    Duration socketTimeout,
    int poolSize,
    String clientName) {

  public ConnectionSettings {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no Redis node to connect to");
    }
    nodes = List.copyOf(nodes);
  }

  /** The per-connection settings Jedis takes. */
  JedisClientConfig clientConfig() {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .user(user)
            .password(password)
            .database(database)
            .clientName(clientName);
    if (ssl) {
      // The JVM's trust store, with host name verification.
      config.sslOptions(SslOptions.defaults());
    }
    if (connectTimeout != null) {
      config.connectionTimeoutMillis(toMillis(connectTimeout));
    }
    if (socketTimeout != null) {
      config.socketTimeoutMillis(toMillis(socketTimeout));
    }
    return config.build();
  }

  /** The pool settings; per node on a cluster. */
  ConnectionPoolConfig poolConfig() {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    if (poolSize > 0) {
      pool.setMaxTotal(poolSize);
      pool.setMaxIdle(poolSize);
    }
    return pool;
  }

  private static int toMillis(Duration timeout) {
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }
}
