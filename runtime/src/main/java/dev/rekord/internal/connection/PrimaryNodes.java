package dev.rekord.internal.connection;

import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.RekordException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;

/**
 * Commands for a node rather than for a key: what only sees the node it runs on (the Redis Query
 * Engine's {@code FT.*} commands on an open-source cluster, where each shard indexes its own keys)
 * runs on every primary node and the caller merges the answers. A standalone server is one node,
 * reached through the connection as every other command is. On a cluster the commands go to the
 * node's own pool, once each; {@link #eachPrimary} retries the whole round on a transient failure
 * (a killed master, {@code CLUSTERDOWN}) with the primaries asked anew, so a failover is one more
 * attempt. Jedis' redirections are not followed: a {@code MOVED} is the node's answer, for the
 * caller to act on.
 */
public final class PrimaryNodes {
  private PrimaryNodes() {}

  /** One primary node, to send commands to. */
  public interface Node {
    /** {@code host:port}, or {@code standalone}. */
    String name();

    /**
     * Sends {@code command} to this node. Redis' error replies are {@link
     * dev.rekord.exception.RedisCommandException}s (a {@code MOVED} too); inside {@link
     * #eachPrimary} a broken connection ends the round, which is retried.
     */
    <T> T execute(Command<T> command);
  }

  /**
   * Runs {@code work} on every primary node, in the order of their names, and returns the answers
   * in that order; a transient failure on any node runs the whole round again (the retry policy of
   * {@code connection} decides how often), on the primaries as the slot map then says.
   */
  public static <T> List<T> eachPrimary(RedisConnection connection, Function<Node, T> work) {
    return eachPrimary(connection, null, work);
  }

  /**
   * Runs {@code work} on every primary node as {@link #eachPrimary(RedisConnection, Function)} does,
   * in the order {@code expected} gives ({@link SlotMigrations#readOrder}: each migration's source
   * before its target), each command followed in its round trip by the node's report of itself
   * ({@code CLUSTER NODES}). A report that differs from {@code expected} ends the round with a
   * {@link SlotMigrations.Changed}. The first node read is not asked: a key that moves between the
   * reads of two nodes is in a migration that the later one reports (or, ended, in the slots it
   * reports), so only later reads can notice it. On a standalone server {@code work} runs once,
   * unwatched.
   *
   * @param expected the view the caller chose its reads by; {@code null}: none, nothing watched
   */
  public static <T> List<T> eachPrimary(RedisConnection connection, SlotMigrations expected, Function<Node, T> work) {
    if (!connection.isCluster()) {
      return List.of(work.apply(standalone(connection)));
    }
    ConfiguredConnection configured = connection.unwrap(ConfiguredConnection.class);
    return RedisCalls.retrying(configured, () -> {
      Map<String, ? extends Pool<Connection>> pools = configured.primaryPools();
      List<String> order = expected == null ? new ArrayList<>(new TreeMap<>(pools).keySet()) : expected.readOrder(pools.keySet());
      List<T> answers = new ArrayList<>();
      for (String name : order) {
        answers.add(work.apply(new PooledNode(name, pools.get(name), true, answers.isEmpty() ? null : expected)));
      }
      return answers;
    });
  }

  /**
   * What every primary reports of itself now: the slots it serves and the migrations in flight
   * ({@code CLUSTER NODES} on each, one round); {@link SlotMigrations#NONE} on a standalone server.
   */
  public static SlotMigrations slotMigrations(RedisConnection connection) {
    if (!connection.isCluster()) {
      return SlotMigrations.NONE;
    }
    return SlotMigrations.of(eachPrimary(connection, node -> SlotMigrations.Report.parse(node.name(),
        String.valueOf(node.execute(CLUSTER_NODES)))));
  }

  /** The command that has a node report itself (its own line is the one marked {@code myself}). */
  private static final Command<Object> CLUSTER_NODES = Command.of("CLUSTER", List.of(), List.of("NODES"));

  /**
   * The node named {@code name} (from {@link Node#name()}), for a command that must reach the
   * node that answered before (a server-side cursor lives there). Its failures are thrown, never
   * retried: the node may be gone.
   *
   * @throws RekordException when {@code name} is no longer a primary node
   */
  public static Node named(RedisConnection connection, String name) {
    return named(connection, name, null);
  }

  /**
   * The node named {@code name}, as {@link #named(RedisConnection, String)}, each command followed
   * in its round trip by the node's report of itself: one that differs from {@code expected} is a
   * {@link SlotMigrations.Changed}.
   */
  public static Node named(RedisConnection connection, String name, SlotMigrations expected) {
    if (!connection.isCluster()) {
      return standalone(connection);
    }
    ConfiguredConnection configured = connection.unwrap(ConfiguredConnection.class);
    Pool<Connection> pool = RedisCalls.call(() -> configured.primaryPools().get(name));
    if (pool == null) {
      throw new dev.rekord.exception.RekordConnectionException(name + " is no longer a primary node of the cluster", null);
    }
    return new PooledNode(name, pool, false, expected);
  }

  /**
   * The failure to end a round of {@link #eachPrimary} with, so the round is run again after the
   * retry policy's pause and a fresh slot map: for an error reply a node gave in the round that a
   * topology change explains (a {@code MOVED} while slots move or a replica takes over).
   */
  public static RuntimeException retryRound(RuntimeException reply) {
    return reply.getCause() instanceof JedisException jedis && RedisCalls.isTransient(jedis) ? jedis : reply;
  }

  /** Whether the slot of {@code key} is served by the primary {@code node}, as the client's slot map says. */
  public static boolean serves(RedisConnection connection, String node, String key) {
    return !connection.isCluster() || connection.nodeOf(key).equals(node);
  }

  private static Node standalone(RedisConnection connection) {
    return new Node() {
      @Override
      public String name() {
        return "standalone";
      }

      @Override
      public <T> T execute(Command<T> command) {
        return connection.execute(command);
      }
    };
  }

  /**
   * A node reached through its pool. In a round ({@code inRound}) a transient failure stays a
   * Jedis exception, for the round's retry; everything else is translated here. Watched ({@code
   * expected} given), each command is pipelined with {@code CLUSTER NODES}, and the node's report
   * checked against {@code expected} after the command ran (so a key that moved before the command
   * finished is in a report of a migration, or of the slots it left).
   */
  private record PooledNode(String name, Pool<Connection> pool, boolean inRound, SlotMigrations expected) implements Node {
    @Override
    public <T> T execute(Command<T> command) {
      CommandObject<T> jedisCommand = JedisCommands.of(command);
      try (Connection connection = CommandNotSentException.borrow(pool::getResource)) {
        if (expected == null) {
          return connection.executeCommand(jedisCommand);
        }
        connection.sendCommand(jedisCommand.getArguments());
        connection.sendCommand(JedisCommands.of(CLUSTER_NODES).getArguments());
        List<Object> replies = connection.getMany(2); // both read, so the connection goes back clean
        if (replies.get(1) instanceof JedisException refused) { // e.g. an ACL without +cluster|nodes
          throw replies.get(0) instanceof JedisException failed ? failed : refused;
        }
        SlotMigrations.Report report = SlotMigrations.Report.parse(name,
            String.valueOf(BuilderFactory.ENCODED_OBJECT.build(replies.get(1))));
        if (!expected.agrees(report)) {
          throw new SlotMigrations.Changed(report);
        }
        if (replies.get(0) instanceof JedisException failed) {
          throw failed;
        }
        return jedisCommand.getBuilder().build(replies.get(0));
      } catch (JedisException e) {
        boolean moved = String.valueOf(e.getMessage()).startsWith("MOVED");
        if (inRound && !moved && (e instanceof JedisConnectionException || RedisCalls.isTransient(e))) {
          throw e;
        }
        throw RedisCalls.translate(e);
      }
    }
  }
}
