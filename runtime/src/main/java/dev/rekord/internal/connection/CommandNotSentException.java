package dev.rekord.internal.connection;

import java.util.function.Supplier;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * No connection to the command's node could be had (refused, unreachable, the pool's new
 * connection failed its handshake, the pool was closed by a topology refresh or had none to lend
 * in time), so the command was never sent: safe to retry even when it is not idempotent.
 */
public final class CommandNotSentException extends JedisConnectionException {
  private static final long serialVersionUID = 1L;

  private CommandNotSentException(JedisException cause) {
    super("Command not sent, no connection: " + cause.getMessage(), cause);
  }

  /**
   * The connection {@code borrow} lends. Any failure to lend one is this exception: Jedis' pools
   * throw a plain {@link JedisException} ("Could not get a resource from the pool"), not a
   * connection exception, when the pool is closed (its node left the slot map) or exhausted, and
   * that failure is as transient as a refused connection.
   */
  static Connection borrow(Supplier<Connection> borrow) {
    try {
      return borrow.get();
    } catch (JedisException e) {
      throw new CommandNotSentException(e);
    }
  }
}
