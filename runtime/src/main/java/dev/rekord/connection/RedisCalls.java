package dev.rekord.connection;

import dev.rekord.RedisCommandException;
import dev.rekord.RekordConnectionException;
import dev.rekord.RekordException;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The edge between Jedis' exceptions and Rekord's: every call into Jedis goes through here, so
 * callers only ever see {@link RekordConnectionException} (Redis unreachable, connection broken,
 * authentication failed) or {@link RedisCommandException} (Redis answered with an error).
 */
public final class RedisCalls {
  private RedisCalls() {}

  /** Runs {@code command}, translating Jedis' exceptions. */
  public static <T> T call(Supplier<T> command) {
    try {
      return command.get();
    } catch (JedisException e) {
      throw translate(e);
    }
  }

  /** Runs {@code command}, translating Jedis' exceptions. */
  public static void run(Runnable command) {
    try {
      command.run();
    } catch (JedisException e) {
      throw translate(e);
    }
  }

  /** The Rekord exception for a Jedis exception. */
  public static RekordException translate(JedisException e) {
    if (e instanceof JedisConnectionException) {
      return new RekordConnectionException("Redis connection failed: " + e.getMessage(), e);
    }
    if (e instanceof JedisDataException && isAuthenticationError(e.getMessage())) {
      return new RekordConnectionException("Redis refused the credentials: " + e.getMessage(), e);
    }
    if (e instanceof JedisDataException) {
      return new RedisCommandException("Redis replied with an error: " + e.getMessage(), e);
    }
    // Pool exhaustion, cluster redirections out of attempts and the like.
    return new RekordConnectionException("Redis call failed: " + e.getMessage(), e);
  }

  /** Whether a Redis error reply is {@code NOSCRIPT} (a script not loaded on that node). */
  public static boolean isNoScript(Throwable e) {
    return e instanceof JedisDataException
        && e.getMessage() != null
        && e.getMessage().startsWith("NOSCRIPT");
  }

  private static boolean isAuthenticationError(String message) {
    return message != null
        && (message.startsWith("WRONGPASS")
            || message.startsWith("NOAUTH")
            || message.contains("invalid password")
            || message.contains("invalid username-password"));
  }
}
