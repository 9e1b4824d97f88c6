package dev.rekord.internal.connection;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ClusterCommandObjects;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.IOUtils;

/**
 * A pipeline over the nodes of a cluster, one connection per node, read by the calling thread:
 * every node's commands are sent before any reply is read, so the round trip is the slowest node's,
 * and the replies are read node after node (a node's replies wait in its output buffer meanwhile;
 * Redis never blocks on a client that reads late). Jedis' {@code ClusterPipeline} reads each node
 * on a thread of an executor instead: on this project's benchmark machine (client pinned to one
 * CPU) the hand-over to those threads cost as much as a round trip per node. A node whose
 * connection fails leaves its commands without a reply, as Jedis' does (read: the round failed).
 */
final class ClusterPipelineInOneThread extends AbstractPipeline implements SendsAhead {

  private final ClusterConnectionProvider provider;
  private final Map<HostAndPort, Connection> connections = new LinkedHashMap<>();
  private final Map<HostAndPort, Queue<Response<?>>> replies = new LinkedHashMap<>();
  private boolean synced;
  /** The slot every command goes to while a transaction is appended ({@link #pinTo}), else -1. */
  private int pinned = -1;

  ClusterPipelineInOneThread(ClusterConnectionProvider provider) {
    super(new ClusterCommandObjects(RedisProtocol.RESP2)); // as every connection speaks (ConnectionSettings)
    this.provider = provider;
  }

  /**
   * Sends every command appended until {@link #unpin} to the node of {@code key}'s slot, those
   * without keys ({@code MULTI}, {@code SCRIPT LOAD}, {@code EXEC}) too: a transaction of one slot's
   * keys, which Redis runs there whole or refuses whole. A command with a key of another slot is
   * refused.
   */
  void pinTo(String key) {
    pinned = KeySlot.of(key);
  }

  /** Ends {@link #pinTo}: each command goes by its own keys again. */
  void unpin() {
    pinned = -1;
  }

  @Override
  protected <T> Response<T> appendCommand(CommandObject<T> command) {
    CommandArguments arguments = command.getArguments();
    HostAndPort node = provider.getNode(pinned >= 0 ? pinnedSlotOf(arguments) : slotOf(arguments));
    Connection connection = connections.get(node);
    if (connection == null) {
      connection = provider.getConnection(node);
      connections.put(node, connection);
      replies.put(node, new ArrayDeque<>());
    }
    connection.sendCommand(command.getArguments());
    Response<T> response = new Response<>(command.getBuilder());
    replies.get(node).add(response);
    synced = false;
    return response;
  }

  /**
   * The one slot of the command's keys. (Jedis' {@code getKeyHashSlots} builds a set of boxed slots
   * per command: a tenth of a 16-bucket page's client time went to it.)
   */
  private static int slotOf(CommandArguments arguments) {
    int slot = KeySlot.common(arguments.getKeys());
    if (slot < 0) {
      throw new JedisClusterOperationException("a command in a cluster pipeline needs the keys of one slot: "
          + arguments.getCommand());
    }
    return slot;
  }

  /** {@link #pinned}, once the command's keys (if any) are found in it. */
  private int pinnedSlotOf(CommandArguments arguments) {
    if (!arguments.getKeys().isEmpty() && KeySlot.common(arguments.getKeys()) != pinned) {
      throw new JedisClusterOperationException("a command of a transaction on slot " + pinned
          + " names a key of another slot: " + arguments.getCommand());
    }
    return pinned;
  }

  /** Sends what every node's connection holds, reading nothing; a node that fails is dropped. */
  @Override
  public void send() {
    Iterator<Map.Entry<HostAndPort, Connection>> sending = connections.entrySet().iterator();
    while (sending.hasNext()) {
      Map.Entry<HostAndPort, Connection> node = sending.next();
      try {
        node.getValue().getMany(0); // sends what the connection holds, reads nothing
      } catch (JedisConnectionException e) {
        drop(node.getKey());
        sending.remove();
      }
    }
  }

  @Override
  public void sync() {
    if (synced) {
      return;
    }
    synced = true;
    send();
    Iterator<Map.Entry<HostAndPort, Connection>> reading = connections.entrySet().iterator();
    while (reading.hasNext()) {
      Map.Entry<HostAndPort, Connection> node = reading.next();
      Queue<Response<?>> waiting = replies.get(node.getKey());
      try {
        List<Object> read = node.getValue().getMany(waiting.size());
        for (Object reply : read) {
          waiting.poll().set(reply);
        }
      } catch (JedisConnectionException e) {
        drop(node.getKey());
        reading.remove();
      }
    }
  }

  /** Gives back a node's connection whose replies will not come (its commands keep no reply). */
  private void drop(HostAndPort node) {
    IOUtils.closeQuietly(connections.get(node));
    replies.remove(node);
  }

  @Override
  public void close() {
    try {
      sync();
    } finally {
      connections.values().forEach(IOUtils::closeQuietly);
      connections.clear();
    }
  }
}
