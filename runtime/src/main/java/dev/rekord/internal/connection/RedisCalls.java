package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.exception.RekordException;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.exception.WrongTypeException;
import java.util.List;
import java.util.function.Supplier;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisClusterException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;

/**
 * The edge between Jedis' exceptions and Rekord's: every call into Jedis goes through here, so
 * callers only ever see {@link RekordConnectionException} (Redis unreachable, connection broken,
 * authentication failed) or {@link RedisCommandException} (Redis answered with an error; {@link
 * WrongTypeException} for {@code WRONGTYPE}). The one place that maps errors, and that tells
 * transient failures (retried) from the others.
 */
public final class RedisCalls {
  private RedisCalls() {}

  /** Reads the batch this thread sent ahead on {@code connection} first ({@link ConfiguredConnection#settleSentAhead}). */
  private static void settleSentAhead(RedisConnection connection) {
    if (connection instanceof ConfiguredConnection configured) {
      configured.settleSentAhead(null);
    }
  }

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

  /**
   * Runs the idempotent {@code command}, retrying transient failures as the connection's {@link
   * RetryPolicy} says, and translating Jedis' exceptions.
   */
  public static <T> T retrying(RedisConnection connection, Supplier<T> command) {
    settleSentAhead(connection);
    Attempts attempts = new Attempts(connection);
    while (true) {
      try {
        T result = command.get();
        attempts.succeeded();
        return result;
      } catch (JedisException | IllegalStateException e) {
        if (e instanceof IllegalStateException && !isMissingReply(e)) {
          throw e;
        }
        if (!attempts.retryAfter(e)) {
          throw attempts.failure(e);
        }
      }
    }
  }

  /**
   * Runs the non-idempotent {@code command} (it must send one command once, with no retry of its
   * own: {@link ConfiguredConnection#sendOnce}), retrying only failures that prove it did not run
   * ({@link #certainlyNotRun}), as the connection's {@link RetryPolicy} says. Any other failure
   * (a connection that broke after the command was sent) is thrown at once: the command may or may
   * not have run.
   */
  public static <T> T retryingUnsent(RedisConnection connection, Supplier<T> command) {
    settleSentAhead(connection);
    Attempts attempts = new Attempts(connection);
    while (true) {
      try {
        T result = command.get();
        attempts.succeeded();
        return result;
      } catch (JedisException e) {
        if (RedisCalls.isTransient(e) && !certainlyNotRun(e)) {
          throw attempts.mayHaveRun(e);
        }
        if (!attempts.retryAfter(e)) {
          throw attempts.failure(e);
        }
      }
    }
  }

  /**
   * Whether {@code e} proves that the command was not run: no connection could be opened (nothing
   * was sent, {@link CommandNotSentException}), or the node refused it with a redirection ({@code
   * MOVED}, {@code ASK}) or an error it answers before running anything ({@code CLUSTERDOWN},
   * {@code TRYAGAIN}, {@code LOADING}, {@code MASTERDOWN}, {@code READONLY}, {@code BUSY}). A
   * broken connection or a timeout after sending proves nothing.
   */
  public static boolean certainlyNotRun(Throwable e) {
    if (e instanceof CommandNotSentException || e instanceof JedisRedirectionException
        || e instanceof JedisClusterException) {
      return true;
    }
    return isRefusal(e);
  }

  /**
   * Whether {@code e} may go away if the same idempotent call is made again, perhaps after a
   * topology refresh: a broken connection or unreachable node, a redirection Jedis did not follow
   * (pipelines), {@code CLUSTERDOWN}, {@code TRYAGAIN} (keys of one script split by a slot
   * migration), {@code READONLY} (a primary demoted meanwhile), {@code LOADING}, {@code
   * MASTERDOWN}, {@code BUSY} (another client's script runs past {@code busy-reply-threshold}), or
   * a pipeline reply that never came because its node's connection broke.
   */
  public static boolean isTransient(Throwable e) {
    if (e instanceof JedisConnectionException
        || e instanceof JedisRedirectionException
        || e instanceof JedisClusterException
        || e instanceof JedisClusterOperationException
        || isMissingReply(e)) {
      return true;
    }
    // A script met a key of its slot that a migration has already moved to another node.
    return isRefusal(e) || (e instanceof JedisDataException d && d.getMessage() != null
        && d.getMessage().contains("non local key"));
  }

  /**
   * Error replies by which a node refuses a command before running it, for a reason that may pass:
   * the cluster or a replica is not ready, the slot is elsewhere, the data is still loading.
   */
  private static final List<String> REFUSALS =
      List.of("CLUSTERDOWN", "TRYAGAIN", "LOADING", "MASTERDOWN", "READONLY", "MOVED", "ASK");

  private static boolean isRefusal(Throwable e) {
    if (isBusy(e)) {
      return true;
    }
    String message = e instanceof JedisDataException ? e.getMessage() : null;
    if (message != null) {
      for (String refusal : REFUSALS) {
        if (message.startsWith(refusal)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code e} is a node's {@code BUSY} refusal: a script (or function) has run past {@code
   * busy-reply-threshold} and the node answers every other command with it, running none; in a
   * transaction, {@code EXEC} answers {@code EXECABORT} naming it, having run nothing. Not {@code
   * BUSYKEY} or {@code BUSYGROUP}, which are answers of commands that ran.
   */
  public static boolean isBusy(Throwable e) {
    String message = e instanceof JedisDataException ? e.getMessage() : null;
    return message != null && (message.startsWith("BUSY ")
        || message.startsWith("EXECABORT") && message.contains("BUSY "));
  }

  /** Whether the client's slot map is probably stale after {@code e}. */
  static boolean needsTopologyRefresh(Throwable e) {
    if (e instanceof JedisDataException && !(e instanceof JedisRedirectionException)
        && !(e instanceof JedisClusterException)) {
      String message = e.getMessage();
      return message != null && (message.startsWith("READONLY") || message.startsWith("MOVED"));
    }
    return !(e instanceof JedisAskDataException); // ASK: the slot is migrating, the map is right
  }

  /** A pipeline's {@code Response.get()} for a reply that never arrived (its connection broke). */
  public static boolean isMissingReply(Throwable e) {
    return e instanceof IllegalStateException
        && e.getMessage() != null
        && e.getMessage().startsWith("Please close pipeline");
  }

  /** The Rekord exception for a Jedis exception (or a pipeline's missing reply). */
  public static RekordException translate(Throwable e) {
    if (e instanceof RekordException rekord) {
      return rekord;
    }
    if (e instanceof JedisException jedis) {
      return translate(jedis);
    }
    if (isMissingReply(e)) {
      return new RekordConnectionException("Redis connection failed: no reply in a pipeline", e);
    }
    return new RekordException("Redis call failed: " + e, e);
  }

  /** The Rekord exception for a Jedis exception. */
  public static RekordException translate(JedisException e) {
    return translate(e, true);
  }

  /**
   * The Rekord exception for a Jedis exception; {@code credentialsGiven} tells a {@code NOAUTH}
   * reply (a password is required) apart from refused credentials.
   */
  static RekordException translate(JedisException e, boolean credentialsGiven) {
    if (e instanceof JedisConnectionException) {
      return new RekordConnectionException("Redis connection failed: " + ConnectionFailures.describe(e), e);
    }
    String message = e.getMessage();
    if (e instanceof JedisDataException && message != null && message.startsWith("NOAUTH")) {
      return new RekordConnectionException("Redis requires authentication" + (credentialsGiven ? "" : " and no"
          + " credentials were given") + ": pass them in the URL, redis://user:password@host:port (or"
          + " redis://:password@host:port for the default user), or with Rekord.builder().user(...).password(...)."
          + " Redis said: " + message, e);
    }
    if (e instanceof JedisDataException && isAuthenticationError(message)) {
      return new RekordConnectionException("Redis refused the credentials: " + message, e);
    }
    if (e instanceof JedisDataException && message != null && message.startsWith(SCHEMA)) {
      // a script's refusal of an index another definition or layout built (the error code SCHEMA)
      int trailer = message.indexOf(" script: ");
      return new SchemaMismatchException(message.substring(SCHEMA.length(), trailer < 0 ? message.length() : trailer));
    }
    if (e instanceof JedisDataException && e.getMessage() != null && e.getMessage().startsWith("WRONGTYPE")) {
      return new WrongTypeException("Redis replied with an error: " + e.getMessage(), e);
    }
    if (e instanceof JedisDataException) {
      return new RedisCommandException("Redis replied with an error: " + message, e);
    }
    // Pool exhaustion, cluster redirections out of attempts and the like.
    return new RekordConnectionException("Redis call failed: " + ConnectionFailures.describe(e), e);
  }

  /**
   * The error code of a script's refusal to touch an index built for another definition or index
   * layout than the model's ({@code manifest.lua}): a {@link SchemaMismatchException}.
   */
  static final String SCHEMA = "SCHEMA ";

  /** Whether a Redis error reply is {@code NOSCRIPT} (a script not loaded on that node). */
  public static boolean isNoScript(Throwable e) {
    return e instanceof JedisDataException
        && e.getMessage() != null
        && e.getMessage().startsWith("NOSCRIPT");
  }

  static boolean isAuthenticationError(String message) {
    return message != null
        && (message.startsWith("WRONGPASS")
            || message.startsWith("NOAUTH")
            || message.contains("invalid password")
            || message.contains("invalid username-password"));
  }
}
