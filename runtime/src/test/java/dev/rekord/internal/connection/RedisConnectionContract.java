package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScanPage;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.exception.WrongTypeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import redis.clients.jedis.UnifiedJedis;

/**
 * What every {@link RedisConnection} does, against a real server: commands read their replies as
 * typed, errors become typed exceptions, batches and scripts keep order and per-command errors
 * (across nodes on a cluster), scripts are loaded where a node forgot them, raw commands and the
 * client underneath are reachable. Subclasses supply the connection (standalone in RESP2 and
 * RESP3, cluster).
 */
public abstract class RedisConnectionContract {

  /** The connection under test, open for the whole class. */
  protected abstract RedisConnection connection();

  /** {@code SCRIPT FLUSH} on every node. */
  protected abstract void flushScripts();

  /** A key of its own for one test, in a slot of its own ({@code tag} groups keys in one slot). */
  private static String key(String tag, String name) {
    return "{" + tag + "}:" + name;
  }

  private static String tag() {
    return "c" + UUID.randomUUID();
  }

  private <T> T run(String name, List<String> keys, String... args) {
    @SuppressWarnings("unchecked")
    T reply = (T) connection().execute(Command.of(name, keys, List.of(args)));
    return reply;
  }

  @Test
  void commandsReadTheirRepliesAsTheirTypes() {
    String tag = tag();
    String hash = key(tag, "hash");
    String text = key(tag, "text");
    String zset = key(tag, "zset");
    String list = key(tag, "list");
    RedisConnection redis = connection();

    assertEquals(2L, redis.execute(Commands.hset(hash, Map.of("a", "1", "b", "\u00e6\u2603"))));
    assertEquals(Map.of("a", "1", "b", "\u00e6\u2603"), redis.execute(Commands.hgetAll(hash)));
    assertEquals(1L, redis.execute(Commands.hdel(hash, List.of("a", "missing"))));
    assertEquals(Map.of(), redis.execute(Commands.hgetAll(key(tag, "none"))), "no hash: empty");
    assertEquals("hash", redis.execute(Commands.type(hash)));
    assertEquals("none", redis.execute(Commands.type(key(tag, "none"))));

    assertEquals("OK", run("SET", List.of(text), "v"));
    assertEquals("v", redis.execute(Commands.get(text)));
    assertNull(redis.execute(Commands.get(key(tag, "none"))));
    assertEquals(1L, redis.execute(Commands.pexpire(text, 60_000)));
    assertTrue((Long) run("PTTL", List.of(text)) > 50_000);

    assertEquals(3L, (Long) run("ZADD", List.of(zset), "1", "x", "2", "y", "3", "z"));
    assertEquals(List.of("x", "y", "z"), redis.execute(Commands.zrange(zset, 0, -1)));
    assertEquals(List.of("y"), redis.execute(Commands.zrange(zset, 1, 1)));
    assertEquals(3L, redis.execute(Commands.zcard(zset)));

    assertEquals(3L, (Long) run("RPUSH", List.of(list), "a", "b", "c"));
    assertEquals(List.of("b", "c"), redis.execute(Commands.lrange(list, 1, -1)));

    assertEquals(1L, redis.execute(Commands.del(zset)));
    assertEquals(1L, redis.execute(Commands.unlink(list)));
    assertEquals(0L, redis.execute(Commands.del(list)));
  }

  @Test
  void scansPageThroughEveryElement() {
    String tag = tag();
    String zset = key(tag, "zset");
    String set = key(tag, "set");
    Set<String> members = new HashSet<>();
    Batch fill = connection().batch();
    for (int i = 0; i < 300; i++) {
      members.add("m" + i);
      fill.add(Command.of("ZADD", List.of(zset), List.of(Integer.toString(i), "m" + i)));
      fill.add(Command.of("SADD", List.of(set), List.of("m" + i)));
    }
    fill.execute();

    assertEquals(members, scanAll(cursor -> Commands.zscan(zset, cursor, 50)));
    assertEquals(members, scanAll(cursor -> Commands.sscan(set, cursor, 50)));
  }

  private Set<String> scanAll(java.util.function.Function<String, Command<ScanPage>> page) {
    Set<String> seen = new HashSet<>();
    String cursor = ScanPage.START;
    ScanPage current;
    int pages = 0;
    do {
      current = connection().execute(page.apply(cursor));
      seen.addAll(current.elements());
      cursor = current.cursor();
      pages++;
    } while (!current.last());
    assertTrue(pages > 1, "several pages of COUNT 50");
    return seen;
  }

  @Test
  void scanKeysVisitsEveryKeyOfTheTypeOnEveryPrimary() {
    String prefix = tag();
    Batch batch = connection().batch();
    Set<String> hashes = new HashSet<>();
    for (int i = 0; i < 60; i++) { // no hash tag: spread over every node of a cluster
      hashes.add(prefix + ":h" + i);
      batch.add(Commands.hset(prefix + ":h" + i, Map.of("f", "v")));
      batch.add(Command.of("SET", List.of(prefix + ":s" + i), List.of("v")));
    }
    batch.execute();

    Set<String> seen = new HashSet<>();
    connection().scanKeys(prefix + ":*", "hash", seen::addAll);
    assertEquals(hashes, seen);
    Set<String> all = new HashSet<>();
    connection().scanKeys(prefix + ":*", null, all::addAll);
    assertEquals(120, all.size());
  }

  @Test
  void executeOnceRunsACommandThatIsNotIdempotentOnce() {
    String counter = key(tag(), "counter");
    assertEquals(5L, connection().executeOnce(Commands.incrBy(counter, 5)));
    assertEquals(12L, connection().executeOnce(Commands.incrBy(counter, 7)));
    assertEquals("12", connection().execute(Commands.get(counter)));
  }

  @Test
  void wrongTypeIsATypedExceptionAndOtherErrorsAreCommandExceptions() {
    String text = key(tag(), "text");
    run("SET", List.of(text), "abc");

    WrongTypeException wrongType =
        assertThrows(WrongTypeException.class, () -> connection().execute(Commands.hgetAll(text)));
    assertTrue(wrongType.getMessage().contains("WRONGTYPE"), wrongType.getMessage());
    assertInstanceOf(RedisCommandException.class, wrongType);

    RedisCommandException notANumber =
        assertThrows(RedisCommandException.class, () -> connection().executeOnce(Commands.incrBy(text, 1)));
    assertFalse(notANumber instanceof WrongTypeException);
    assertTrue(notANumber.getMessage().contains("not an integer"), notANumber.getMessage());

    RedisCommandException unknown = assertThrows(RedisCommandException.class,
        () -> connection().execute(Command.of("NOSUCHCOMMAND", List.of(text), List.of("x"))));
    assertTrue(unknown.getMessage().toLowerCase().contains("unknown command"), unknown.getMessage());
  }

  @Test
  void batchRepliesComeInOrderFromEveryNode() {
    String prefix = tag();
    Batch writes = connection().batch();
    for (int i = 0; i < 200; i++) { // 200 slots: every node of a cluster
      writes.add(Command.of("SET", List.of(prefix + ":" + i), List.of("v" + i)));
    }
    writes.execute();

    Batch reads = connection().batch();
    List<Reply<String>> replies = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      replies.add(reads.add(Commands.get(prefix + ":" + i)));
    }
    reads.execute();
    for (int i = 0; i < 200; i++) {
      assertEquals("v" + i, replies.get(i).get());
    }
  }

  /**
   * A batch sent ahead ({@link TransactionBatch#send}) takes no more commands; {@code execute()}
   * reads its replies in order and gives its connections back. A command the same thread sends in
   * between runs after it (the batch is read first): it never waits for the connection the batch
   * holds, which with a pool of one connection (the standalone contract's) would be for ever.
   */
  @Test
  @Timeout(30) // a thread waiting for its own connection waits for ever: interrupted, it fails
  void aBatchSentAheadIsReadBeforeTheThreadsNextCommand() {
    String prefix = tag();
    int borrowed = borrowed();
    TransactionBatch batch = (TransactionBatch) connection().batch();
    List<Reply<Object>> replies = new ArrayList<>();
    for (int i = 0; i < 200; i++) { // 200 slots: every node of a cluster
      replies.add(batch.add(Command.of("SET", List.of(prefix + ":" + i), List.of("v" + i))));
    }
    Reply<String> last = batch.add(Commands.get(prefix + ":199"));
    batch.send();
    assertThrows(IllegalStateException.class, () -> batch.add(Commands.get(prefix + ":0")));
    assertThrows(IllegalStateException.class, batch::send);
    assertThrows(IllegalStateException.class, last::get);
    for (int i = 0; i < 200; i++) {
      assertEquals("v" + i, connection().execute(Commands.get(prefix + ":" + i)));
    }
    batch.execute();
    for (Reply<Object> reply : replies) {
      assertEquals("OK", reply.get());
    }
    assertEquals("v199", last.get());
    assertThrows(IllegalStateException.class, batch::execute);
    TransactionBatch empty = (TransactionBatch) connection().batch();
    empty.send(); // nothing queued: nothing sent
    empty.execute();
    assertEquals(borrowed, borrowed(), "every connection back");
  }

  /** Connections borrowed from the pools now. */
  private int borrowed() {
    return connection().unwrap(ConfiguredConnection.class).poolStats().active();
  }

  @Test
  void anErrorStaysWithItsCommandInABatch() {
    String tag = tag();
    String text = key(tag, "text");
    run("SET", List.of(text), "abc");

    Batch batch = connection().batch();
    Reply<String> before = batch.add(Commands.get(text));
    Reply<Map<String, String>> wrong = batch.add(Commands.hgetAll(text));
    Reply<Long> after = batch.add(Commands.hset(key(tag, "hash"), Map.of("f", "v")));
    batch.execute();

    assertEquals("abc", before.get());
    assertThrows(WrongTypeException.class, wrong::get);
    assertEquals(1L, after.get());
  }

  @Test
  void aBatchRunsOnceAndItsRepliesWaitForIt() {
    Batch batch = connection().batch();
    Reply<String> reply = batch.add(Commands.get(key(tag(), "x")));
    assertThrows(IllegalStateException.class, reply::get);
    batch.execute();
    assertNull(reply.get());
    assertThrows(IllegalStateException.class, batch::execute);
    assertThrows(IllegalStateException.class, () -> batch.add(Commands.get("y")));

    connection().batch().execute(); // nothing queued: nothing sent
  }

  @Test
  void scriptsRunByShaAndAreLoadedWhereANodeForgotThem() {
    // A script no node has seen: its own text.
    LuaScript script = new LuaScript("set-and-echo", "-- " + UUID.randomUUID() + "\n"
        + "redis.call('SET', KEYS[1], ARGV[1]) return {ARGV[1], redis.call('GET', KEYS[1])}");
    String prefix = tag();

    assertEquals(List.of("a", "a"), connection().eval(script, List.of(prefix + ":one"), List.of("a")));

    flushScripts();
    List<ScriptCall> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) { // 50 slots: every node of a cluster
      calls.add(new ScriptCall(List.of(prefix + ":" + i), List.of("v" + i)));
    }
    List<Object> results = connection().evalAll(script, calls);
    for (int i = 0; i < 50; i++) {
      assertEquals(List.of("v" + i, "v" + i), results.get(i));
    }

    flushScripts();
    assertEquals(List.of("b", "b"), connection().eval(script, List.of(prefix + ":one"), List.of("b")));
  }

  @Test
  void aFailingScriptCallFailsAloneAndTheOthersRun() {
    LuaScript script = new LuaScript("set-unless-bad", "-- " + UUID.randomUUID() + "\n"
        + "if ARGV[1] == 'bad' then return redis.error_reply('ERR bad value') end "
        + "redis.call('SET', KEYS[1], ARGV[1]) return 1", true);
    String prefix = tag();

    Batch batch = connection().batch();
    Map<String, Reply<Object>> replies = new LinkedHashMap<>();
    for (String value : List.of("x", "bad", "y")) {
      replies.put(value, batch.eval(script, List.of(prefix + ":" + value), List.of(value)));
    }
    batch.execute();
    assertEquals(1L, replies.get("x").get());
    RedisCommandException bad = assertThrows(RedisCommandException.class, () -> replies.get("bad").get());
    assertTrue(bad.getMessage().contains("bad value"), bad.getMessage());
    assertEquals(1L, replies.get("y").get());

    assertThrows(RedisCommandException.class, () -> connection().evalAll(script, List.of(
        new ScriptCall(List.of(prefix + ":p"), List.of("p")), new ScriptCall(List.of(prefix + ":q"), List.of("bad")))));
    assertEquals("p", connection().execute(Commands.get(prefix + ":p")), "the call before the failed one ran");
  }

  @Test
  void rawCommandsAndTheClientUnderneath() {
    String counter = key(tag(), "visits");
    assertEquals(1L, connection().executeOnce(Command.of("INCR", List.of(counter), List.of())));
    assertEquals("1", connection().execute(new Command<>("get", List.of(counter), List.of(),
        dev.rekord.connection.ReplyType.STRING)), "names are case-insensitive");

    UnifiedJedis jedis = connection().unwrap(UnifiedJedis.class);
    assertEquals(2L, jedis.incr(counter));
    assertTrue(connection().isWrapperFor(UnifiedJedis.class));
    assertSame(connection(), connection().unwrap(RedisConnection.class));
    assertFalse(connection().isWrapperFor(String.class));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> connection().unwrap(String.class));
    assertTrue(e.getMessage().contains("UnifiedJedis"), e.getMessage());
  }

  @Test
  void commandsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> Command.of("CLIENT LIST", List.of(), List.of()));
    assertThrows(NullPointerException.class, () -> Command.of("GET", java.util.Arrays.asList((String) null), List.of()));
    assertEquals("HSET {t}:k (2 arguments)", Commands.hset("{t}:k", Map.of("secret", "value")).toString(),
        "argument values, which may be user data, are not shown");
  }
}
