package dev.rekord.connection;

import java.util.List;
import java.util.function.Consumer;

/**
 * Rekord's connection to Redis, standalone or cluster: the one path every Redis call of the
 * runtime takes, so retries, error mapping and cluster routing are decided in one place. Commands
 * are data ({@link Command}, built by {@link Commands}); this interface runs them alone, in a
 * {@link Batch}, or as script calls.
 *
 * <p><b>Errors.</b> Whatever the client library throws becomes a {@link
 * dev.rekord.exception.RekordException}: {@link dev.rekord.exception.RekordConnectionException}
 * when Redis cannot be reached, the connection broke or the credentials were refused, {@link
 * dev.rekord.exception.RedisCommandException} when Redis answered with an error — {@link
 * dev.rekord.exception.WrongTypeException} for {@code WRONGTYPE}. Transient failures (a failed
 * node, {@code MOVED}/{@code ASK} in a pipeline, {@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code
 * READONLY}, {@code LOADING}, {@code BUSY}) are retried as {@link #retryPolicy()} says, where the command is
 * idempotent.
 *
 * <p><b>Raw access.</b> For a command Rekord does not build, make one with {@link Command#of} and
 * run it here (with Rekord's routing, retries and errors), or {@link #unwrap} the Jedis client:
 *
 * <pre>{@code
 * long visits = (Long) rekord.connection().executeOnce(Command.of("INCR", List.of("visits"), List.of()));
 * UnifiedJedis jedis = rekord.connection().unwrap(UnifiedJedis.class); // Jedis' own API and exceptions
 * }</pre>
 */
public interface RedisConnection extends AutoCloseable {

  /**
   * Runs the idempotent {@code command}, retrying transient failures as {@link #retryPolicy()}
   * says (on a cluster the client also follows {@code MOVED} and {@code ASK}).
   *
   * @throws dev.rekord.exception.RedisCommandException when Redis answers with an error
   * @throws dev.rekord.exception.RekordConnectionException when Redis cannot be reached, or
   *     retries ran out
   * @throws IllegalArgumentException on a cluster, when the command's keys are in several slots
   */
  <T> T execute(Command<T> command);

  /**
   * Runs {@code command}, which is not idempotent ({@code INCRBY}), at most once: it is sent on one
   * connection to the node serving its key, with no retry by the client, and sent again only when
   * the failure proves it did not run (no connection could be opened; {@code MOVED}, {@code ASK},
   * {@code CLUSTERDOWN}, {@code TRYAGAIN}, {@code LOADING}, {@code MASTERDOWN}, {@code READONLY},
   * {@code BUSY}).
   * A connection that breaks after sending is thrown at once: the command may or may not have
   * run.
   *
   * @throws dev.rekord.exception.RedisCommandException when Redis answers with an error
   * @throws dev.rekord.exception.RekordConnectionException when it failed
   * @throws IllegalArgumentException on a cluster, when the command's keys are in several slots
   */
  <T> T executeOnce(Command<T> command);

  /** A new, empty batch of idempotent commands and script calls, sent in one pipeline. */
  Batch batch();

  /**
   * Runs {@code script} once ({@code EVALSHA}, loading it first where the node answers {@code
   * NOSCRIPT}), retrying transient failures as {@link #retryPolicy()} says; a writing script waits
   * for replicas as {@link #replicaWait()} says.
   *
   * @param keys the script's {@code KEYS}; the first routes the call on a cluster
   * @return the script's reply: strings, {@code Long}s and lists of them
   * @throws dev.rekord.exception.RedisCommandException when the script fails
   * @throws dev.rekord.exception.InsufficientReplicasException when too few replicas acknowledged
   *     a writing script
   */
  Object eval(LuaScript script, List<String> keys, List<String> args);

  /**
   * Runs {@code script} once per call, all in one {@link Batch}.
   *
   * @return the replies, in the order of {@code calls}
   * @throws dev.rekord.exception.RedisCommandException for the first call that failed (the others
   *     ran)
   */
  List<Object> evalAll(LuaScript script, List<ScriptCall> calls);

  /**
   * Visits, in batches, every key matching the glob {@code match} whose Redis type is {@code type}
   * ({@code hash}, {@code string}, …; {@code null} for any), on every primary of a cluster. An
   * O(N) scan of the keyspace with {@code SCAN … COUNT 1000}; with SCAN's guarantees (a key
   * present throughout is visited at least once).
   *
   * @throws dev.rekord.exception.RekordConnectionException when Redis cannot be reached
   */
  void scanKeys(String match, String type, Consumer<List<String>> onBatch);

  /** Whether the server is a Redis Cluster (detected from the server, not configured). */
  boolean isCluster();

  /** How transient failures of idempotent calls are retried. */
  RetryPolicy retryPolicy();

  /** Whether writes wait for replicas ({@code WAIT}) before they are acknowledged. */
  ReplicaWait replicaWait();

  /**
   * Re-reads the cluster topology (which node serves which slot) after a redirection, a failover
   * or a broken connection; nothing on a standalone server. Never throws.
   */
  void refreshTopology();

  /**
   * The node currently serving {@code key} as far as the client knows ({@code host:port}); one
   * name for every key on a standalone server. For grouping work per node.
   */
  String nodeOf(String key);

  /**
   * The client underneath, for what Rekord does not offer, in the style of JDBC's {@code
   * Wrapper}: {@code unwrap(UnifiedJedis.class)} returns the Jedis client ({@code RedisClient} or
   * {@code RedisClusterClient}, by the server's mode). Calls made through it are plain Jedis:
   * Jedis' exceptions, no Rekord retries. Do not close it; close the connection.
   *
   * @throws IllegalArgumentException when neither this connection nor its client is a {@code type}
   */
  <T> T unwrap(Class<T> type);

  /** Whether {@link #unwrap} can return a {@code type}. */
  boolean isWrapperFor(Class<?> type);

  /** Closes the connection pool. */
  @Override
  void close();
}
