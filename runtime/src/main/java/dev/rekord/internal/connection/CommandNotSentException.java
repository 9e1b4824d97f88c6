package dev.rekord.internal.connection;

import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * No connection to the command's node could be had (refused, unreachable, the pool's new
 * connection failed its handshake), so the command was never sent: safe to retry even when it is
 * not idempotent. Thrown by {@link ConfiguredConnection#sendOnce}.
 */
public final class CommandNotSentException extends JedisConnectionException {
  private static final long serialVersionUID = 1L;

  CommandNotSentException(JedisConnectionException cause) {
    super("Command not sent, no connection: " + cause.getMessage(), cause);
  }
}
