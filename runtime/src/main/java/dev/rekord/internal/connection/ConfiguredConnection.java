package dev.rekord.internal.connection;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.Reply;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.connection.ScriptCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;

/**
 * What standalone and cluster connections share: the retry policy, the replica wait, the health
 * that logs losing and regaining Redis, and running commands, batches and scripts through Jedis —
 * every Jedis call of the runtime, with its exceptions translated ({@link RedisCalls}) and its
 * retries ({@link Attempts}) decided here.
 */
public abstract class ConfiguredConnection implements RedisConnection {

  private final RetryPolicy retry;
  private final ReplicaWait replicaWait;
  private final ConnectionHealth health;
  /** The batch this thread sent ahead and has not read yet ({@link PipelinedBatch#send}), if any. */
  private final ThreadLocal<PipelinedBatch> sentAhead = new ThreadLocal<>();

  ConfiguredConnection(RetryPolicy retry, ReplicaWait replicaWait, String name) {
    this.retry = retry;
    this.replicaWait = replicaWait;
    this.health = new ConnectionHealth(name);
  }

  final ConnectionHealth health() {
    return health;
  }

  /** The Jedis client: a {@code RedisClient} or a {@code RedisClusterClient}. */
  abstract UnifiedJedis client();

  /**
   * The connection pools of the primary nodes as far as the client knows, by node ({@code
   * host:port}; {@code standalone} for a standalone server): what a health check pings.
   */
  abstract Map<String, ? extends Pool<Connection>> primaryPools();

  /** Every connection pool of the client (replicas included), summed up for pool gauges. */
  public final PoolStats poolStats() {
    return PoolStats.of(allPools().values());
  }

  /** Every connection pool of the client, by node. */
  abstract Map<String, ? extends Pool<Connection>> allPools();

  /**
   * Called before each retry of a transient failure (after the decision to retry, before the
   * pause), for metrics; replaces the previous listener.
   */
  public final void onRetry(Consumer<Throwable> listener) {
    health.onRetry(listener);
  }

  /** A new pipeline; on a cluster Jedis routes each command by slot. Jedis' exceptions pass. */
  abstract AbstractPipeline pipeline();

  /**
   * A new {@link #pipeline()} that can also send its commands before their replies are read: a
   * {@link SendsAhead}.
   */
  abstract AbstractPipeline pipelineSendingAhead();

  /**
   * A pipeline on one cluster node, whatever the slots of its keys ({@code ASK}'s target); closing
   * it returns the connection. A standalone server never redirects, so it has none.
   */
  AbstractPipeline pipelineTo(HostAndPort node) {
    throw new UnsupportedOperationException("a standalone server answers no ASK");
  }

  /**
   * Sends {@code command} once, on one connection to the node that serves its key, with no retry
   * or redirection of any kind (Jedis' cluster executor would send it again after a broken
   * connection).
   *
   * @throws JedisException as Jedis throws it; a {@link CommandNotSentException} when no
   *     connection could be had
   */
  final <T> T sendOnce(CommandObject<T> command) {
    try (Connection connection = CommandNotSentException.borrow(() -> connectionFor(command))) {
      return connection.executeCommand(command);
    }
  }

  /** Notes that this thread sent {@code batch} ahead: it holds the batch's connection until it reads it. */
  final void sentAhead(PipelinedBatch batch) {
    sentAhead.set(batch);
  }

  /**
   * Reads the replies of the batch this thread sent ahead, unless it is {@code batch}: whatever the
   * thread sends next runs after it, and never waits for a pooled connection that the thread itself
   * holds (a drained pool would make it wait for ever).
   */
  final void settleSentAhead(PipelinedBatch batch) {
    PipelinedBatch sent = sentAhead.get();
    if (sent != null) {
      sentAhead.remove();
      if (sent != batch) {
        sent.readSent();
      }
    }
  }

  /** A pooled connection to the node that serves {@code command}'s key, as far as the client knows. */
  abstract Connection connectionFor(CommandObject<?> command);

  /**
   * Checks that a command (or script call) named {@code name} with {@code keys} can be routed: on
   * a cluster its keys must share one slot, and a batched one needs a key. Jedis would fail such a
   * command with an exception that reads as transient, and it would be retried in vain.
   *
   * @throws IllegalArgumentException when it cannot be routed
   */
  void checkRoutable(String name, List<String> keys, boolean batched) {}

  @Override
  public final RetryPolicy retryPolicy() {
    return retry;
  }

  @Override
  public final ReplicaWait replicaWait() {
    return replicaWait;
  }

  @Override
  public <T> T execute(Command<T> command) {
    checkRoutable(command.name(), command.keys(), false);
    CommandObject<T> jedisCommand = JedisCommands.of(command);
    return RedisCalls.retrying(this, () -> client().executeCommand(jedisCommand));
  }

  @Override
  public <T> T executeOnce(Command<T> command) {
    checkRoutable(command.name(), command.keys(), false);
    CommandObject<T> jedisCommand = JedisCommands.of(command);
    return RedisCalls.retryingUnsent(this, () -> sendOnce(jedisCommand));
  }

  /**
   * Sends {@code command} once to the node serving its key, with no retry or redirection: for a
   * health check, which must answer now rather than wait out the retry policy.
   */
  public final <T> T executeUnretried(Command<T> command) {
    checkRoutable(command.name(), command.keys(), false);
    CommandObject<T> jedisCommand = JedisCommands.of(command);
    return RedisCalls.call(() -> sendOnce(jedisCommand));
  }

  @Override
  public Batch batch() {
    return new PipelinedBatch(this);
  }

  @Override
  public Object eval(LuaScript script, List<String> keys, List<String> args) {
    checkRoutable(script.name(), keys, false);
    if (script.writes() && replicaWait.enabled()) {
      return evalAll(script, List.of(new ScriptCall(keys, args))).get(0); // WAIT on its connection
    }
    return RedisCalls.retrying(this, () -> {
      try {
        return client().evalsha(script.sha(), keys, args);
      } catch (JedisException e) {
        if (!RedisCalls.isNoScript(e)) {
          throw e;
        }
      }
      loadScript(script, keys.isEmpty() ? null : keys.get(0));
      return client().evalsha(script.sha(), keys, args);
    });
  }

  @Override
  public List<Object> evalAll(LuaScript script, List<ScriptCall> calls) {
    Batch batch = batch();
    List<Reply<Object>> replies = new ArrayList<>(calls.size());
    for (ScriptCall call : calls) {
      replies.add(batch.eval(script, call.keys(), call.args()));
    }
    batch.execute();
    List<Object> results = new ArrayList<>(calls.size());
    for (Reply<Object> reply : replies) {
      results.add(reply.get()); // the first failed call throws
    }
    return results;
  }

  /** {@code SCRIPT LOAD} on the node of {@code sampleKey} (any node standalone); Jedis' exceptions pass. */
  void loadScript(LuaScript script, String sampleKey) {
    if (sampleKey == null) {
      client().scriptLoad(script.source());
    } else {
      client().scriptLoad(script.source(), sampleKey); // routed to the key's node
    }
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(client())) {
      return type.cast(client());
    }
    throw new IllegalArgumentException("a " + getClass().getSimpleName() + " wraps a "
        + client().getClass().getName() + " (a redis.clients.jedis.UnifiedJedis), not a " + type.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this) || type.isInstance(client());
  }

  @Override
  public void refreshTopology() {}

  @Override
  public String nodeOf(String key) {
    return "standalone";
  }
}
