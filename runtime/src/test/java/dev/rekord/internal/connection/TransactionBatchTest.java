package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.connection.Command;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ReplyType;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.test.RedisServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.UnifiedJedis;

/** Transactions ({@code MULTI}, a script loaded by its source, commands, {@code EXEC}) in a batch's pipeline. */
class TransactionBatchTest {

  private static final LuaScript MARK = new LuaScript("mark",
      "redis.call('SET', KEYS[1], ARGV[1]) return #ARGV", true);

  private static RedisServer server;

  @BeforeAll
  static void start() {
    server = RedisServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static StandaloneConnection open(RedisProtocol protocol) {
    RedisClient client = RedisClient.builder()
        .hostAndPort(server.host(), server.port())
        .clientConfig(DefaultJedisClientConfig.builder().protocol(protocol).build())
        .build();
    return new StandaloneConnection(client, RetryPolicy.DEFAULT, ReplicaWait.NONE);
  }

  @ParameterizedTest
  @EnumSource(value = RedisProtocol.class)
  void aTransactionRunsItsScriptThenItsCommandsAndAnswersWithEachReply(RedisProtocol protocol) {
    try (StandaloneConnection connection = open(protocol)) {
      UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
      jedis.flushAll();
      jedis.scriptFlush(); // the script travels by its source: a server that never saw it runs it
      jedis.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("RESETSTAT"));
      TransactionBatch batch = (TransactionBatch) connection.batch();
      assertTrue(batch.transactions());
      Reply<String> before = batch.add(new Command<>("GET", List.of("mark"), List.of(), ReplyType.STRING));
      Reply<List<Object>> transaction = batch.transaction(MARK, new ScriptCall(List.of("mark"), List.of("on", "x")),
          List.of(new Command<>("HSET", List.of("doc"), List.of("a", "1", "b", "2"), ReplyType.LONG),
              new Command<>("ZADD", List.of("index"), List.of("3", "doc"), ReplyType.LONG)));
      batch.execute();
      assertEquals(null, before.get());
      assertEquals(List.of(2L, 2L, 1L), transaction.get());
      assertEquals("on", jedis.get("mark"));
      assertEquals(Map.of("a", "1", "b", "2"), jedis.hgetAll("doc"));
      assertEquals(3.0, jedis.zscore("index", "doc"));
      // loaded inside the transaction, then run by its SHA: the server hashes the source once, not
      // twice as for EVAL (as it is queued, and as it runs)
      String stats = jedis.info("commandstats");
      assertTrue(stats.contains("cmdstat_script|load:calls=1,"), stats);
      assertTrue(stats.contains("cmdstat_evalsha:calls=1,"), stats);
      assertFalse(stats.contains("cmdstat_eval:"), stats);
    }
  }

  /**
   * Writes with no script: {@code MULTI}, the commands, {@code EXEC}, nothing loaded; a command
   * refused as it is queued runs none of them.
   */
  @ParameterizedTest
  @EnumSource(value = RedisProtocol.class)
  void aWriteTransactionRunsItsCommandsWholeOrNotAtAll(RedisProtocol protocol) {
    try (StandaloneConnection connection = open(protocol)) {
      UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
      jedis.flushAll();
      jedis.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("RESETSTAT"));
      TransactionBatch batch = (TransactionBatch) connection.batch();
      assertThrows(IllegalArgumentException.class, () -> batch.writeTransaction("save", List.of()));
      Reply<List<Object>> written = batch.writeTransaction("save",
          List.of(new Command<>("HSET", List.of("doc"), List.of("a", "1", "b", "2"), ReplyType.LONG),
              new Command<>("ZADD", List.of("index"), List.of("3", "doc"), ReplyType.LONG)));
      Reply<List<Object>> refused = batch.writeTransaction("save",
          List.of(new Command<>("HSET", List.of("other"), List.of("a", "1"), ReplyType.LONG),
              new Command<>("HSET", List.of("other"), List.of("lonely field"), ReplyType.LONG))); // wrong arity
      batch.execute();
      assertEquals(List.of(2L, 1L), written.get());
      assertEquals(Map.of("a", "1", "b", "2"), jedis.hgetAll("doc"));
      assertEquals(3.0, jedis.zscore("index", "doc"));
      RedisCommandException failure = assertThrows(RedisCommandException.class, refused::get);
      assertTrue(failure.getMessage().contains("EXECABORT"), failure.getMessage());
      assertFalse(jedis.exists("other"));
      String stats = jedis.info("commandstats");
      assertTrue(stats.contains("cmdstat_exec:calls=2,"), stats);
      assertFalse(stats.contains("cmdstat_script"), stats);
      assertFalse(stats.contains("cmdstat_evalsha"), stats);
    }
  }

  /**
   * A write transaction is a write: with replicas required, a server that has none fails the batch
   * after running it, naming the operation; a read transaction waits for no replica.
   */
  @org.junit.jupiter.api.Test
  void aWriteTransactionWaitsForTheRequiredReplicasAndAReadOneDoesNot() {
    RedisClient client = RedisClient.builder().hostAndPort(server.host(), server.port()).build();
    try (StandaloneConnection connection = new StandaloneConnection(client, RetryPolicy.DEFAULT,
        new ReplicaWait(1, java.time.Duration.ofMillis(50)))) {
      UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
      jedis.flushAll();
      TransactionBatch reads = (TransactionBatch) connection.batch();
      Reply<List<Object>> read = reads.readTransaction("query",
          List.of(new Command<>("EXISTS", List.of("doc"), List.of(), ReplyType.LONG)));
      reads.execute();
      assertEquals(List.of(0L), read.get());

      TransactionBatch writes = (TransactionBatch) connection.batch();
      writes.writeTransaction("save",
          List.of(new Command<>("HSET", List.of("doc"), List.of("a", "1"), ReplyType.LONG)));
      dev.rekord.exception.InsufficientReplicasException failure =
          assertThrows(dev.rekord.exception.InsufficientReplicasException.class, writes::execute);
      assertTrue(failure.getMessage().contains("(save)"), failure.getMessage());
      assertEquals(Map.of("a", "1"), jedis.hgetAll("doc")); // the primary applied it
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisProtocol.class)
  void aCommandRefusedAsItIsQueuedRunsNothingOfItsTransaction(RedisProtocol protocol) {
    try (StandaloneConnection connection = open(protocol)) {
      UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
      jedis.flushAll();
      TransactionBatch batch = (TransactionBatch) connection.batch();
      Reply<List<Object>> refused = batch.transaction(MARK, new ScriptCall(List.of("mark"), List.of("on")),
          List.of(new Command<>("HSET", List.of("doc"), List.of("a", "1"), ReplyType.LONG),
              new Command<>("HSET", List.of("doc"), List.of("lonely field"), ReplyType.LONG))); // wrong arity
      Reply<List<Object>> other = batch.transaction(MARK, new ScriptCall(List.of("other"), List.of("on")), List.of());
      batch.execute();
      RedisCommandException failure = assertThrows(RedisCommandException.class, refused::get);
      assertTrue(failure.getMessage().contains("EXECABORT"), failure.getMessage());
      assertFalse(jedis.exists("mark"));
      assertFalse(jedis.exists("doc"));
      assertEquals(List.of(1L), other.get()); // the batch's other entries ran
    }
  }

  @ParameterizedTest
  @EnumSource(value = RedisProtocol.class)
  void aFailureInsideExecIsThatElementsException(RedisProtocol protocol) {
    try (StandaloneConnection connection = open(protocol)) {
      UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
      jedis.flushAll();
      jedis.set("text", "not a hash");
      TransactionBatch batch = (TransactionBatch) connection.batch();
      Reply<List<Object>> transaction = batch.transaction(MARK, new ScriptCall(List.of("mark"), List.of("on")),
          List.of(new Command<>("HSET", List.of("text"), List.of("a", "1"), ReplyType.LONG)));
      batch.execute();
      List<Object> replies = transaction.get();
      assertEquals(1L, replies.get(0));
      assertInstanceOf(RedisCommandException.class, replies.get(1));
      assertTrue(((RedisCommandException) replies.get(1)).getMessage().contains("WRONGTYPE"));
    }
  }
}
