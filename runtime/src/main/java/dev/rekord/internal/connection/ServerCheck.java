package dev.rekord.internal.connection;

import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;

/**
 * One look at the server(s) behind a connection for a health check: every primary node pinged
 * once, on its own pooled connection, with no retry (a health check must answer within a
 * timeout, not wait out a {@code RetryPolicy}). Never throws: a failure is part of the answer.
 */
public final class ServerCheck {

  /**
   * What the check saw.
   *
   * @param reachable whether at least one primary answered {@code PING}
   * @param latency the round trip of the first {@code PING} that was answered; {@code null} when none was
   * @param version {@code redis_version} from {@code INFO server}; {@code null} when unknown
   * @param mode {@code standalone} or {@code cluster}
   * @param clusterState {@code cluster_state} from {@code CLUSTER INFO} ({@code ok}, {@code fail});
   *     {@code null} standalone or when no node answered
   * @param masters the primaries the client knows of (1 standalone)
   * @param mastersReached how many of them answered
   * @param error why the first unreachable primary failed; {@code null} when all answered
   */
  public record ServerStatus(boolean reachable, Duration latency, String version, String mode,
      String clusterState, int masters, int mastersReached, String error) {}

  private ServerCheck() {}

  public static ServerStatus check(RedisConnection connection) {
    if (!connection.isWrapperFor(ConfiguredConnection.class)) {
      return checkThrough(connection);
    }
    ConfiguredConnection configured = connection.unwrap(ConfiguredConnection.class);
    boolean cluster = configured.isCluster();
    Map<String, ? extends Pool<Connection>> primaries = configured.primaryPools();
    Duration latency = null;
    String version = null;
    String clusterState = null;
    String error = null;
    int reached = 0;
    for (Map.Entry<String, ? extends Pool<Connection>> node : primaries.entrySet()) {
      try (Connection conn = node.getValue().getResource()) {
        long start = System.nanoTime();
        conn.sendCommand(Protocol.Command.PING);
        conn.getStatusCodeReply();
        Duration roundTrip = Duration.ofNanos(System.nanoTime() - start);
        if (latency == null) {
          latency = roundTrip;
          conn.sendCommand(Protocol.Command.INFO, "server");
          version = infoField(conn.getBulkReply(), "redis_version");
          if (cluster) {
            conn.sendCommand(Protocol.Command.CLUSTER, "INFO");
            clusterState = infoField(conn.getBulkReply(), "cluster_state");
          }
        }
        reached++;
      } catch (JedisException e) {
        if (error == null) {
          error = node.getKey() + ": " + RedisCalls.translate(e).getMessage();
        }
      }
    }
    if (primaries.isEmpty()) {
      error = "the client knows no primary node";
    }
    return new ServerStatus(reached > 0, latency, version, cluster ? "cluster" : "standalone", clusterState,
        primaries.size(), reached, error);
  }

  /**
   * Runs the idempotent {@code command} once, without retries where the connection is Rekord's
   * own (a connection Rekord did not open runs it as it runs every command).
   */
  public static <T> T readOnce(RedisConnection connection, Command<T> command) {
    if (connection.isWrapperFor(ConfiguredConnection.class)) {
      return connection.unwrap(ConfiguredConnection.class).executeUnretried(command);
    }
    return connection.execute(command);
  }

  /** For a connection Rekord did not open: a {@code PING} through it, with its own retries. */
  private static ServerStatus checkThrough(RedisConnection connection) {
    String mode = connection.isCluster() ? "cluster" : "standalone";
    try {
      long start = System.nanoTime();
      connection.execute(Command.of("PING", List.of(), List.of()));
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      return new ServerStatus(true, latency, null, mode, null, 1, 1, null);
    } catch (RuntimeException e) {
      return new ServerStatus(false, null, null, mode, null, 1, 0, e.getMessage());
    }
  }

  /** The value of {@code name} in an {@code INFO}-style reply ({@code name:value} lines). */
  static String infoField(String info, String name) {
    if (info == null) {
      return null;
    }
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }
}
