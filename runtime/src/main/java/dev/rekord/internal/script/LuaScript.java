package dev.rekord.internal.script;

import dev.rekord.exception.InsufficientReplicasException;
import dev.rekord.internal.connection.Attempts;
import dev.rekord.internal.connection.RedisCalls;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.RedisConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A server-side Lua script, run by its SHA-1 ({@code EVALSHA}) and loaded on demand when a node
 * answers {@code NOSCRIPT} (after a restart or {@code SCRIPT FLUSH}). Keys go in {@code KEYS},
 * values only in {@code ARGV}: nothing user-supplied is ever part of the script's source.
 * Immutable and thread-safe.
 */
public final class LuaScript {

  private final String name;
  private final String source;
  private final String sha;
  private final boolean writes;

  /**
   * A script that only reads (or writes nothing that must survive a failover, like a query's
   * snapshot).
   *
   * @param name what the script does, for error messages ({@code save-hash})
   */
  public LuaScript(String name, String source) {
    this(name, source, false);
  }

  /**
   * @param name what the script does, for error messages ({@code save-hash})
   * @param writes whether it writes data, so waits for replicas when the connection asks for it
   *     ({@link ReplicaWait})
   */
  public LuaScript(String name, String source, boolean writes) {
    this.name = name;
    this.source = source;
    this.sha = sha1Hex(source);
    this.writes = writes;
  }

  public String name() {
    return name;
  }

  public String source() {
    return source;
  }

  /** The SHA-1 Redis knows the script by. */
  public String sha() {
    return sha;
  }

  /** Whether the script writes data ({@link ReplicaWait} applies to it). */
  public boolean writes() {
    return writes;
  }

  /**
   * Runs the script once, retrying transient failures as the connection's {@link
   * dev.rekord.connection.RetryPolicy} says (every Rekord script is idempotent: it
   * replaces, removes or reads, so running it twice leaves what running it once does).
   *
   * @throws dev.rekord.exception.RedisCommandException when the script fails
   * @throws dev.rekord.exception.RekordConnectionException when Redis cannot be reached
   * @throws dev.rekord.exception.InsufficientReplicasException when the script writes, the connection
   *     waits for replicas and too few acknowledged
   */
  public Object eval(RedisConnection connection, List<String> keys, List<String> args) {
    if (writes && connection.replicaWait().enabled()) {
      return evalAll(connection, List.of(new ScriptCall(keys, args))).get(0); // WAIT on its connection
    }
    return RedisCalls.retrying(connection, () -> {
      try {
        return connection.commands().evalsha(sha, keys, args);
      } catch (JedisException e) {
        if (!RedisCalls.isNoScript(e)) {
          throw e;
        }
      }
      load(connection, keys.isEmpty() ? null : keys.get(0));
      return connection.commands().evalsha(sha, keys, args);
    });
  }

  /**
   * Runs the script once per call in one pipeline (Jedis sends each node its calls on one
   * connection, the nodes in parallel). Calls whose node answered {@code NOSCRIPT} run again
   * after the script is loaded there; calls that failed transiently (a failed node, {@code
   * MOVED}, {@code TRYAGAIN}, …) run again in a new pipeline after a topology refresh and backoff,
   * as the connection's {@link dev.rekord.connection.RetryPolicy} says. With {@link ReplicaWait}
   * on, a writing script's pipeline ends with one {@code WAIT} per node.
   *
   * @return the results, in the order of {@code calls}
   * @throws dev.rekord.exception.RedisCommandException for the first call that failed otherwise (the script
   *     ran for the others)
   * @throws dev.rekord.exception.RekordConnectionException when retries ran out
   * @throws dev.rekord.exception.InsufficientReplicasException when too few replicas acknowledged
   */
  public List<Object> evalAll(RedisConnection connection, List<ScriptCall> calls) {
    ReplicaWait wait = writes ? connection.replicaWait() : ReplicaWait.NONE;
    Object[] results = new Object[calls.size()];
    List<Integer> pending = new ArrayList<>(calls.size());
    for (int i = 0; i < calls.size(); i++) {
      pending.add(i);
    }
    Attempts attempts = new Attempts(connection);
    while (!pending.isEmpty()) {
      Round round = new Round(connection, calls, pending, wait);
      round.run();
      List<Integer> notLoaded = new ArrayList<>();
      List<Integer> again = new ArrayList<>();
      Throwable transientFailure = round.failure;
      for (int index : pending) {
        Throwable failure = round.failure;
        if (failure == null) {
          try {
            results[index] = round.responses.get(index).get();
            continue;
          } catch (JedisException | IllegalStateException e) {
            failure = e;
          }
        }
        if (RedisCalls.isNoScript(failure)) {
          notLoaded.add(index);
        } else if (RedisCalls.isTransient(failure)) {
          again.add(index);
          transientFailure = failure;
        } else {
          throw RedisCalls.translate(failure);
        }
      }
      if (round.failure == null && wait.enabled()) {
        long fewest = Long.MAX_VALUE;
        for (Map.Entry<String, Response<Long>> ack : round.acks.entrySet()) {
          try {
            fewest = Math.min(fewest, ack.getValue().get());
          } catch (JedisException | IllegalStateException e) {
            if (!RedisCalls.isTransient(e)) {
              throw RedisCalls.translate(e);
            }
            // The node's connection broke after the writes: run them again, and WAIT again.
            for (int index : round.byNode.get(ack.getKey())) {
              if (!again.contains(index) && !notLoaded.contains(index)) {
                again.add(index);
              }
            }
            transientFailure = e;
          }
        }
        if (fewest < wait.replicas() && again.isEmpty() && notLoaded.isEmpty()) {
          throw new InsufficientReplicasException("Only " + fewest + " of " + wait.replicas()
              + " required replica(s) acknowledged a write (" + name + ") within "
              + wait.timeout().toMillis() + " ms; the primary applied it, a failover may lose it",
              wait.replicas(), fewest);
        }
      }
      if (!again.isEmpty() && !attempts.retryAfter(transientFailure)) {
        throw attempts.failure(transientFailure);
      }
      if (!notLoaded.isEmpty()) {
        List<ScriptCall> load = new ArrayList<>(notLoaded.size());
        for (int index : notLoaded) {
          load.add(calls.get(index));
        }
        try {
          loadForKeys(connection, load);
        } catch (JedisException e) {
          if (!attempts.retryAfter(e)) {
            throw attempts.failure(e);
          }
        }
      }
      again.addAll(notLoaded);
      Collections.sort(again);
      pending = again;
    }
    attempts.succeeded();
    return java.util.Arrays.asList(results);
  }

  /** One pipeline of the pending calls, then one {@code WAIT} per node when asked for. */
  private final class Round {
    private final RedisConnection connection;
    private final List<ScriptCall> calls;
    private final List<Integer> pending;
    private final ReplicaWait wait;
    private final Map<Integer, Response<Object>> responses = new HashMap<>();
    private final Map<String, List<Integer>> byNode = new LinkedHashMap<>();
    private final Map<String, Response<Long>> acks = new LinkedHashMap<>();
    private Throwable failure;

    Round(RedisConnection connection, List<ScriptCall> calls, List<Integer> pending, ReplicaWait wait) {
      this.connection = connection;
      this.calls = calls;
      this.pending = pending;
      this.wait = wait;
    }

    void run() {
      try (AbstractPipeline pipeline = connection.pipeline()) {
        Map<String, String> sampleKeys = new LinkedHashMap<>();
        for (int index : pending) {
          ScriptCall call = calls.get(index);
          responses.put(index, pipeline.evalsha(sha, call.keys(), call.args()));
          if (wait.enabled()) {
            String key = call.keys().get(0);
            String node = connection.nodeOf(key);
            byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(index);
            sampleKeys.putIfAbsent(node, key);
          }
        }
        // WAIT after the node's writes, on the same connection: it covers exactly those writes.
        sampleKeys.forEach((node, key) ->
            acks.put(node, pipeline.waitReplicas(key, wait.replicas(), wait.timeout().toMillis())));
        pipeline.sync();
      } catch (JedisException | IllegalStateException e) {
        if (!RedisCalls.isTransient(e)) {
          throw RedisCalls.translate(e);
        }
        failure = e; // the whole round failed (a node unreachable): every call runs again
      } catch (dev.rekord.exception.RekordException e) {
        if (!RedisCalls.isTransient(e.getCause())) {
          throw e;
        }
        failure = e.getCause();
      }
    }
  }

  /** Loads the script on every node that serves one of the calls' keys (one node standalone). */
  private void loadForKeys(RedisConnection connection, List<ScriptCall> calls) {
    if (!connection.isCluster()) {
      load(connection, null);
      return;
    }
    Set<Integer> slots = new HashSet<>();
    for (ScriptCall call : calls) {
      String key = call.keys().get(0);
      if (slots.add(JedisClusterCRC16.getSlot(key))) {
        load(connection, key);
      }
    }
  }

  /** SCRIPT LOAD on the node of {@code sampleKey} (any node standalone); Jedis' exceptions pass. */
  private void load(RedisConnection connection, String sampleKey) {
    if (sampleKey == null) {
      connection.commands().scriptLoad(source);
    } else {
      connection.commands().scriptLoad(source, sampleKey); // routed to the key's node
    }
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(40);
      for (byte b : digest) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-1", e);
    }
  }

  @Override
  public String toString() {
    return "LuaScript[" + name + ", " + sha + "]";
  }
}
