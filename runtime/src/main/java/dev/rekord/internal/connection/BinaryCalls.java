package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.RekordException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * {@code GET}/{@code SET} of raw bytes: Rekord's {@code Command}s carry text, so byte values take
 * Jedis' binary commands — with the connection's retries and error mapping, but outside the
 * instrumentation's round-trip timers.
 */
public final class BinaryCalls {
  private BinaryCalls() {}

  /** The bytes at {@code key}, or {@code null}. */
  public static byte[] get(RedisConnection connection, String key) {
    ConfiguredConnection configured = connection.unwrap(ConfiguredConnection.class);
    byte[] raw = bytes(key);
    return RedisCalls.retrying(configured, () -> configured.client().get(raw));
  }

  /** Sets {@code key} to {@code value}, expiring after {@code ttlMillis} (0: never). A plain SET: retried. */
  public static void set(RedisConnection connection, String key, byte[] value, long ttlMillis) {
    ConfiguredConnection configured = connection.unwrap(ConfiguredConnection.class);
    byte[] raw = bytes(key);
    RedisCalls.retrying(configured, () -> ttlMillis > 0
        ? configured.client().set(raw, value, SetParams.setParams().px(ttlMillis))
        : configured.client().set(raw, value));
  }

  /**
   * The bytes of each key, in order, in one pipeline (per node on a cluster): a {@code byte[]},
   * {@code null} when missing, or the {@link RekordException} of that key alone ({@code WRONGTYPE}).
   */
  public static List<Object> mget(RedisConnection connection, List<String> keys) {
    ConfiguredConnection configured = connection.unwrap(ConfiguredConnection.class);
    return RedisCalls.retrying(configured, () -> {
      List<Response<byte[]>> responses = new ArrayList<>(keys.size());
      try (AbstractPipeline pipeline = configured.pipeline()) {
        for (String key : keys) {
          responses.add(pipeline.get(bytes(key)));
        }
        pipeline.sync();
      }
      List<Object> values = new ArrayList<>(keys.size());
      for (Response<byte[]> response : responses) {
        try {
          values.add(response.get());
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
          values.add(RedisCalls.translate(e));
        }
      }
      return values;
    });
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
