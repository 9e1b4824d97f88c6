package dev.rekord.internal.connection;

import java.time.Duration;
import java.util.List;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.JedisClientConfig;

/**
 * Everything needed to open a {@link RedisConnection}; built by {@code Rekord.Builder}. {@code
 * null} (or 0 for {@code poolSize}) keeps Jedis' default.
 *
 * @param nodes the server, or the seed nodes of a cluster
 * @param tls how a TLS connection ({@code ssl}) trusts the server and presents a client
 *     certificate; {@link TlsOptions#DEFAULT} when {@code null}
 */
public record ConnectionSettings(
    List<RedisNode> nodes,
    String user,
    String password,
    int database,
    boolean ssl,
    Duration connectTimeout,
    Duration socketTimeout,
    int poolSize,
    String clientName,
    TlsOptions tls) {

  public ConnectionSettings {
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("no Redis node to connect to");
    }
    nodes = List.copyOf(nodes);
    tls = tls == null ? TlsOptions.DEFAULT : tls;
    tls.validate();
  }

  /** Settings with the JVM's TLS defaults. */
  public ConnectionSettings(List<RedisNode> nodes, String user, String password, int database, boolean ssl,
      Duration connectTimeout, Duration socketTimeout, int poolSize, String clientName) {
    this(nodes, user, password, database, ssl, connectTimeout, socketTimeout, poolSize, clientName, null);
  }

  /** Whether credentials were given (a password, with or without a user). */
  boolean hasCredentials() {
    return password != null;
  }

  /** The socket timeout in force: the one set, else Jedis' default. */
  Duration effectiveSocketTimeout() {
    return socketTimeout != null ? socketTimeout : Duration.ofMillis(redis.clients.jedis.Protocol.DEFAULT_TIMEOUT);
  }

  /**
   * The per-connection settings Jedis takes. RESP2 on every connection (Jedis would negotiate
   * RESP3): the Query Engine answers {@code FT.SEARCH}/{@code FT.AGGREGATE} in the shape Rekord
   * reads only in RESP2 (from RediSearch 2.8, in Redis Stack 7.2 and Redis 8, it answers maps in
   * RESP3), and a RESP2 array is also the cheaper reply to decode for a document's {@code HGETALL}.
   */
  JedisClientConfig clientConfig() {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder()
            .protocol(RedisProtocol.RESP2)
            .user(user)
            .password(password)
            .database(database)
            .clientName(clientName);
    if (ssl) {
      config.ssl(true).sslSocketFactory(tls.context().getSocketFactory()).sslParameters(tls.parameters());
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
