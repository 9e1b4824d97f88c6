package dev.rekord.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ReplyType;
import dev.rekord.connection.ScriptCall;
import dev.rekord.internal.connection.TransactionBatch;
import dev.rekord.internal.connection.RedisConnectionContract;
import dev.rekord.Rekord;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The connection contract on a 3-master cluster: routing by slot, batches and scripts per node. */
class ClusterConnectionTest extends RedisConnectionContract {

  private static RedisCluster cluster;
  private static Rekord rekord;

  @BeforeAll
  static void connect() {
    cluster = SharedCluster.get();
    rekord = Rekord.connect(cluster.seedUrl());
  }

  @AfterAll
  static void close() {
    rekord.close();
  }

  @Override
  protected RedisConnection connection() {
    return rekord.connection();
  }

  @Override
  protected void flushScripts() {
    for (RedisServer node : cluster.masters()) {
      node.command("SCRIPT", "FLUSH");
    }
  }

  @Test
  void commandsThatCannotBeRoutedAreRefusedBeforeSending() {
    Command<Object> crossSlot = Command.of("DEL", List.of("a", "b"), List.of()); // slots 15495 and 3300
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> connection().execute(crossSlot));
    assertTrue(e.getMessage().contains("hash tag"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> connection().executeOnce(crossSlot));
    assertThrows(IllegalArgumentException.class, () -> connection().batch().add(crossSlot));
    assertThrows(IllegalArgumentException.class, () -> connection().batch().add(Command.of("PING", List.of(), List.of())));
    LuaScript script = new LuaScript("noop", "return 1");
    assertThrows(IllegalArgumentException.class, () -> connection().eval(script, List.of("a", "b"), List.of()));
    assertThrows(IllegalArgumentException.class, () -> connection().batch().eval(script, List.of("a", "b"), List.of()));

    assertEquals(0L, connection().execute(Command.of("DEL", List.of("{t}a", "{t}b"), List.of())), "one slot: sent");
  }

  /**
   * A transaction (a script, then commands) goes whole to the node of its keys' one slot, {@code
   * MULTI}, {@code SCRIPT LOAD} and {@code EXEC} with it; one batch holds transactions for every
   * node. One that names keys of two slots is refused before anything is sent.
   */
  @Test
  void transactionsGoWholeToTheNodeOfTheirSlot() {
    LuaScript mark = new LuaScript("mark", "redis.call('SET', KEYS[1], ARGV[1]) return 1", true);
    TransactionBatch batch = (TransactionBatch) connection().batch();
    assertTrue(batch.slotTransactions());
    List<String> tags = List.of("{b}", "{c}", "{a}"); // one slot on each master
    List<Reply<List<Object>>> replies = new ArrayList<>();
    for (String tag : tags) {
      replies.add(batch.transaction(mark, new ScriptCall(List.of(tag + "mark"), List.of("on")),
          List.of(new Command<>("HSET", List.of(tag + "doc"), List.of("f", tag), ReplyType.LONG))));
    }
    assertThrows(IllegalArgumentException.class, () -> batch.transaction(mark,
        new ScriptCall(List.of("{a}mark"), List.of("on")),
        List.of(new Command<>("HSET", List.of("{b}doc"), List.of("f", "x"), ReplyType.LONG))));
    assertThrows(UnsupportedOperationException.class, () -> batch.readTransaction("read",
        List.of(new Command<>("GET", List.of("{a}mark"), List.of(), ReplyType.STRING))));
    List<Reply<List<Object>>> writes = new ArrayList<>();
    for (String tag : tags) { // plain writes, no script: the same routing
      writes.add(batch.writeTransaction("save", List.of(
          new Command<>("HSET", List.of(tag + "written"), List.of("f", tag), ReplyType.LONG),
          new Command<>("ZADD", List.of(tag + "index"), List.of("1", "m"), ReplyType.LONG))));
    }
    assertThrows(IllegalArgumentException.class, () -> batch.writeTransaction("save", List.of(
        new Command<>("HSET", List.of("{a}written"), List.of("f", "x"), ReplyType.LONG),
        new Command<>("HSET", List.of("{b}written"), List.of("f", "x"), ReplyType.LONG))));
    batch.execute();
    for (int i = 0; i < tags.size(); i++) {
      String tag = tags.get(i);
      assertEquals(List.of(1L, 1L), replies.get(i).get(), tag);
      assertEquals(List.of(1L, 1L), writes.get(i).get(), tag);
      RedisServer node = cluster.masterOf(redis.clients.jedis.util.JedisClusterCRC16.getSlot(tag + "written"));
      assertEquals(List.of("f", tag), node.command("HGETALL", tag + "written"), tag);
      connection().execute(Command.of("DEL", List.of(tag + "written", tag + "index"), List.of()));
      RedisServer master = cluster.masterOf(redis.clients.jedis.util.JedisClusterCRC16.getSlot(tag + "doc"));
      assertEquals("on", String.valueOf(master.command("GET", tag + "mark")), tag);
      assertEquals(List.of("f", tag), master.command("HGETALL", tag + "doc"), tag);
      connection().execute(Command.of("DEL", List.of(tag + "mark", tag + "doc"), List.of()));
    }
  }

  /**
   * Jedis' cluster pipeline reads each node on a thread of an executor (and starts a pool of three
   * for every pipeline unless given one); Rekord's reads every node on the calling thread, so a
   * page over every node starts no thread and hands nothing over.
   */
  @Test
  void batchesOverEveryNodeAreReadByTheCallingThread() {
    List<String> keys = List.of("b", "c", "a"); // slots 3300, 7365, 15495: one on each master
    for (String key : keys) {
      connection().execute(Command.of("SET", List.of(key), List.of("value-" + key)));
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long startedBefore = threads.getTotalStartedThreadCount();
    for (int round = 0; round < 50; round++) {
      Batch batch = connection().batch();
      List<Reply<Object>> replies = new ArrayList<>();
      for (String key : keys) {
        replies.add(batch.add(Command.of("GET", List.of(key), List.of())));
      }
      batch.execute();
      for (int i = 0; i < keys.size(); i++) {
        assertEquals("value-" + keys.get(i), replies.get(i).get());
      }
    }
    long started = threads.getTotalStartedThreadCount() - startedBefore;
    assertTrue(started < 10, started + " threads started for 50 batches over 3 nodes");
    for (String key : keys) {
      connection().execute(Command.of("DEL", List.of(key), List.of()));
    }
  }
}
