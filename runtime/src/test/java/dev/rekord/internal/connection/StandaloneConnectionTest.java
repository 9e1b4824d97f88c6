package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.Reply;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * The connection contract on a standalone server in both protocols, and retries of commands and
 * batches whose pooled connection the server closed.
 */
class StandaloneConnectionTest {

  private static RedisServer server;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A connection speaking {@code protocol}, with one pooled connection, retrying as {@code retry} says. */
  private static StandaloneConnection open(RedisProtocol protocol, RetryPolicy retry) {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(1);
    RedisClient client = RedisClient.builder()
        .hostAndPort(server.host(), server.port())
        .clientConfig(DefaultJedisClientConfig.builder().protocol(protocol).build())
        .poolConfig(pool)
        .build();
    return new StandaloneConnection(client, retry, ReplicaWait.NONE);
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Resp2 extends RedisConnectionContract {
    private final StandaloneConnection connection = open(RedisProtocol.RESP2, RetryPolicy.DEFAULT);

    @Override
    protected RedisConnection connection() {
      return connection;
    }

    @Override
    protected void flushScripts() {
      server.command("SCRIPT", "FLUSH");
    }

    @AfterAll
    void close() {
      connection.close();
    }
  }

  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class Resp3 extends RedisConnectionContract {
    private final StandaloneConnection connection = open(RedisProtocol.RESP3, RetryPolicy.DEFAULT);

    @Override
    protected RedisConnection connection() {
      return connection;
    }

    @Override
    protected void flushScripts() {
      server.command("SCRIPT", "FLUSH");
    }

    @AfterAll
    void close() {
      connection.close();
    }
  }

  @Test
  void aBrokenPooledConnectionIsRetriedForCommandsAndBatches() {
    RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5));
    try (StandaloneConnection connection = open(RedisProtocol.RESP2, retry)) {
      connection.execute(Commands.hset("broken:h", Map.of("f", "v"))); // the one pooled connection exists

      server.command("CLIENT", "KILL", "TYPE", "normal");
      assertEquals(Map.of("f", "v"), connection.execute(Commands.hgetAll("broken:h")));

      server.command("CLIENT", "KILL", "TYPE", "normal");
      Batch batch = connection.batch();
      Reply<Map<String, String>> read = batch.add(Commands.hgetAll("broken:h"));
      Reply<String> type = batch.add(Commands.type("broken:h"));
      batch.execute();
      assertEquals(Map.of("f", "v"), read.get());
      assertEquals("hash", type.get());
    }
  }

  /**
   * A batch sent ahead is on the server before its replies are read: another client sees its
   * write while it waits. Sent on a pooled connection the server has closed, it runs again, whole,
   * when executed.
   */
  @Test
  void aBatchSentAheadRunsBeforeItIsReadAndAgainWhenItsConnectionWasBroken() throws InterruptedException {
    RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ofSeconds(5));
    try (StandaloneConnection connection = open(RedisProtocol.RESP2, retry)) {
      TransactionBatch batch = (TransactionBatch) connection.batch();
      Reply<Object> set = batch.add(Command.of("SET", List.of("ahead:k"), List.of("v")));
      batch.send();
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!"v".equals(server.command("GET", "ahead:k"))) {
        assertTrue(System.nanoTime() < deadline, "not written 10 s after the batch was sent");
        Thread.sleep(5);
      }
      batch.execute();
      assertEquals("OK", set.get());

      server.command("CLIENT", "KILL", "TYPE", "normal"); // the one pooled connection
      TransactionBatch again = (TransactionBatch) connection.batch();
      Reply<String> get = again.add(Commands.get("ahead:k"));
      Reply<String> type = again.add(Commands.type("ahead:k"));
      again.send();
      again.execute();
      assertEquals("v", get.get());
      assertEquals("string", type.get());
    }
  }

  @Test
  void withoutRetriesABrokenConnectionIsAConnectionFailure() {
    try (StandaloneConnection connection = open(RedisProtocol.RESP2, RetryPolicy.NONE)) {
      connection.execute(Commands.get("broken:x"));

      server.command("CLIENT", "KILL", "TYPE", "normal");
      Batch batch = connection.batch();
      batch.add(Commands.get("broken:x"));
      RekordConnectionException e = assertThrows(RekordConnectionException.class, batch::execute);
      assertInstanceOf(JedisConnectionException.class, e.getCause(), "the broken connection");
    }
  }
}
