package dev.rekord.script;

import dev.rekord.connection.RedisCalls;
import dev.rekord.connection.RedisConnection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
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

  /**
   * @param name what the script does, for error messages ({@code save-hash})
   */
  public LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha = sha1Hex(source);
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

  /**
   * Runs the script once.
   *
   * @throws dev.rekord.RedisCommandException when the script fails
   * @throws dev.rekord.RekordConnectionException when Redis cannot be reached
   */
  public Object eval(RedisConnection connection, List<String> keys, List<String> args) {
    try {
      return connection.commands().evalsha(sha, keys, args);
    } catch (JedisException e) {
      if (!RedisCalls.isNoScript(e)) {
        throw RedisCalls.translate(e);
      }
    }
    return RedisCalls.call(() -> {
      load(connection, keys.isEmpty() ? null : keys.get(0));
      return connection.commands().evalsha(sha, keys, args);
    });
  }

  /**
   * Runs the script once per call in one pipeline; calls whose node answered {@code NOSCRIPT} are
   * retried in a second pipeline after loading the script.
   *
   * @return the results, in the order of {@code calls}
   * @throws dev.rekord.RedisCommandException for the first call that failed otherwise (the script
   *     ran for the others)
   */
  public List<Object> evalAll(RedisConnection connection, List<ScriptCall> calls) {
    List<Object> results = new ArrayList<>(calls.size());
    List<Integer> notLoaded = new ArrayList<>();
    List<Response<Object>> responses = pipelined(connection, calls);
    for (int i = 0; i < calls.size(); i++) {
      try {
        results.add(responses.get(i).get());
      } catch (JedisException e) {
        if (!RedisCalls.isNoScript(e)) {
          throw RedisCalls.translate(e);
        }
        notLoaded.add(i);
        results.add(null);
      }
    }
    if (!notLoaded.isEmpty()) {
      retry(connection, calls, notLoaded, results);
    }
    return results;
  }

  private void retry(
      RedisConnection connection, List<ScriptCall> calls, List<Integer> indexes, List<Object> results) {
    List<ScriptCall> again = new ArrayList<>(indexes.size());
    for (int index : indexes) {
      again.add(calls.get(index));
    }
    loadForKeys(connection, again);
    List<Response<Object>> responses = pipelined(connection, again);
    for (int i = 0; i < indexes.size(); i++) {
      Response<Object> response = responses.get(i);
      results.set(indexes.get(i), RedisCalls.call(response::get));
    }
  }

  private List<Response<Object>> pipelined(RedisConnection connection, List<ScriptCall> calls) {
    return RedisCalls.call(() -> {
      List<Response<Object>> responses = new ArrayList<>(calls.size());
      try (AbstractPipeline pipeline = connection.pipeline()) {
        for (ScriptCall call : calls) {
          responses.add(pipeline.evalsha(sha, call.keys(), call.args()));
        }
        pipeline.sync();
      }
      return responses;
    });
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

  private void load(RedisConnection connection, String sampleKey) {
    RedisCalls.run(() -> {
      if (sampleKey == null) {
        connection.commands().scriptLoad(source);
      } else {
        connection.commands().scriptLoad(source, sampleKey); // routed to the key's node
      }
    });
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
