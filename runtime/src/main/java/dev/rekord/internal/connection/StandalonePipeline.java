package dev.rekord.internal.connection;

import redis.clients.jedis.Connection;
import redis.clients.jedis.Pipeline;

/**
 * A Jedis pipeline on one pooled connection of a standalone server that can {@link #send} ahead
 * (Jedis' own flushes only as it reads); closing it returns the connection.
 */
final class StandalonePipeline extends Pipeline implements SendsAhead {

  StandalonePipeline(Connection connection) {
    super(connection, true);
  }

  @Override
  public void send() {
    connection.getMany(0); // flushes what the connection holds, reads nothing
  }
}
