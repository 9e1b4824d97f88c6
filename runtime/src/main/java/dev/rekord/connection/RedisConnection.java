package dev.rekord.connection;

import dev.rekord.internal.connection.KeyScan;
import dev.rekord.internal.connection.RedisCalls;
import java.util.List;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
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

  /**
   * Sends {@code command} once, on one connection to the node that serves its key, with no retry
   * or redirection of any kind (Jedis' cluster executor would send it again after a broken
   * connection). For commands that are not idempotent; see {@link RedisCalls#retryingUnsent}.
   *
   * @throws redis.clients.jedis.exceptions.JedisException as Jedis throws it; a {@code
   *     CommandNotSentException} when no connection could be had
   */
  <T> T sendOnce(CommandObject<T> command);

  /** Whether the server is a Redis Cluster (detected from the server, not configured). */
  boolean isCluster();

  /**
   * Visits, in batches, every key matching the glob {@code match} whose Redis type is {@code type}
   * ({@code hash}, {@code string}, …; {@code null} for any), on every primary of a cluster. An
   * O(N) scan of the keyspace with {@code SCAN … COUNT 1000}; with SCAN's guarantees (a key
   * present throughout is visited at least once).
   *
   * @throws dev.rekord.exception.RekordConnectionException when Redis cannot be reached
   */
  default void scanKeys(String match, String type, Consumer<List<String>> onBatch) {
    UnifiedJedis commands = commands();
    RedisCalls.run(
        () -> KeyScan.run((CommandArguments args) -> commands.executeCommand(args), match, type, onBatch));
  }

  /** How transient failures of idempotent calls are retried ({@link RedisCalls#retrying}). */
  default RetryPolicy retryPolicy() {
    return RetryPolicy.NONE;
  }

  /** Whether writes wait for replicas ({@code WAIT}) before they are acknowledged. */
  default ReplicaWait replicaWait() {
    return ReplicaWait.NONE;
  }

  /**
   * Re-reads the cluster topology (which node serves which slot) after a redirection, a failover
   * or a broken connection; nothing on a standalone server. Never throws.
   */
  default void refreshTopology() {}

  /**
   * The node currently serving {@code key} as far as the client knows ({@code host:port}); one
   * name for every key on a standalone server. For grouping work per node.
   */
  default String nodeOf(String key) {
    return "standalone";
  }

  /** Closes the connection pool. */
  @Override
  void close();
}
