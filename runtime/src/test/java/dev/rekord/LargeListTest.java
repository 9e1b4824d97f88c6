package dev.rekord;

import static dev.rekord.ReadChecks.byAge;
import static dev.rekord.ReadChecks.byId;
import static dev.rekord.ReadChecks.commandCalls;
import static dev.rekord.ReadChecks.data;
import static dev.rekord.ReadChecks.evaluate;
import static dev.rekord.ReadChecks.reads;
import static dev.rekord.ReadChecks.resetCommandStats;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.exception.QueryException;
import dev.rekord.internal.connection.ConfiguredConnection;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * A large result of one bucket (more than a page of 1,000, or every match) is read in chunks of
 * documents: a result of more than one chunk (5,000) from a server-side snapshot of its ids, which
 * never come to the client on their own; a smaller one from its ids, which the query returns. A
 * document gone since the query (deleted, expired) is never returned.
 */
@ExtendWith(RedisExtension.class)
class LargeListTest {

  /** Documents of a large list: more than one chunk (5,000) of ids or documents. */
  private static final int LARGE = 10_500;

  private RedisServer server;
  private final List<Rekord> opened = new ArrayList<>();

  @BeforeEach
  void server(RedisServer server) {
    this.server = server;
  }

  @AfterEach
  void close() {
    opened.forEach(Rekord::close);
  }

  private RekordRepository<Member, String> members(int buckets, Storage storage) {
    Rekord rekord = Rekord.builder().url(server.url()).buckets(buckets).build();
    opened.add(rekord);
    return TestModel.repository(rekord, TestModel.stringIds("member", storage, Duration.ZERO));
  }

  /** A Rekord of one bucket connected as {@code user}, made anew (by {@code jedis}) with the ACL {@code rules}. */
  private Rekord connectAs(UnifiedJedis jedis, String user, String... rules) {
    List<String> acl = new ArrayList<>(List.of("SETUSER", user, "reset", "on", ">secret", "&*"));
    acl.addAll(List.of(rules));
    jedis.sendCommand(Protocol.Command.ACL, acl.toArray(String[]::new));
    Rekord rekord = Rekord.builder().url(server.url().replace("redis://", "redis://" + user + ":secret@")).buckets(1).build();
    opened.add(rekord);
    return rekord;
  }

  private static RekordRepository<Member, String> repository(Rekord rekord, String prefix) {
    return TestModel.repository(rekord, TestModel.stringIds(prefix, Storage.HASH, Duration.ZERO));
  }

  private static UnifiedJedis jedis(RekordRepository<?, ?> repository) {
    return repository.rekord().connection().unwrap(UnifiedJedis.class);
  }

  /**
   * A list of 10,500 documents that the query script answers (a range in id order): the query
   * writes a snapshot and answers its size, then pipelines of the next 5,000 ids ({@code LRANGE})
   * and the documents of the ids before them ({@code HGETALL}/{@code GET}), the last one dropping
   * the snapshot ({@code UNLINK}) — a round trip per chunk after the first. No reply carries every
   * id, and no document is read by a script or by {@code SORT} patterns.
   */
  @ParameterizedTest
  @EnumSource(Storage.class)
  void aLargeListIsASnapshotAndItsDocumentsInChunks(Storage storage) {
    RekordRepository<Member, String> members = members(1, storage);
    List<Member> data = data(LARGE, 17);
    members.saveAll(data);
    UnifiedJedis jedis = jedis(members);
    members.find(Member_.age.gte(0)).list(); // warm: the schema record, the scripts loaded

    resetCommandStats(jedis);
    assertEquals(data, members.find(Member_.age.gte(0)).list());
    Map<String, Long> calls = commandCalls(jedis);
    assertEquals(1L, calls.get("evalsha"), "the query: " + calls);
    assertEquals(3L, calls.get("lrange"), "3 chunks of at most 5,000 ids: " + calls);
    assertEquals((long) LARGE, calls.get(storage == Storage.HASH ? "hgetall" : "get"), "one read per document: " + calls);
    assertFalse(calls.containsKey("sort_ro") || calls.containsKey("sort"), calls.toString());
    assertEquals(1L, calls.get("unlink"), "the last id pipeline drops the snapshot: " + calls);
    assertEquals(Set.of(), snapshots(jedis));
  }

  /**
   * {@code findAll().list()} of 10,500 documents, a list of one index: no script; counted with its
   * first 1,000 ids, then read whole off the index ({@code ZRANGE}), each in a {@code MULTI} with
   * the count of expiring documents, then the documents 5,000 per pipeline.
   */
  @ParameterizedTest
  @EnumSource(Storage.class)
  void aListOfOneIndexReadsItsIdsOffTheIndex(Storage storage) {
    RekordRepository<Member, String> members = members(1, storage);
    List<Member> data = data(LARGE, 17);
    members.saveAll(data);
    UnifiedJedis jedis = jedis(members);
    members.findAll().list(); // warm: the schema record

    resetCommandStats(jedis);
    assertEquals(data, members.findAll().list());
    Map<String, Long> calls = commandCalls(jedis);
    assertFalse(calls.containsKey("evalsha") || calls.containsKey("eval"), "no script: " + calls);
    assertEquals(2L, calls.get("exec"), "counted with the first ids, then read: " + calls);
    assertEquals(2L, calls.get("zrange"), "the first ids, then every id in one reply: " + calls);
    assertEquals((long) LARGE, calls.get(storage == Storage.HASH ? "hgetall" : "get"), "one read per document: " + calls);
    assertEquals(Set.of(), snapshots(jedis));
  }

  /**
   * Results larger than a page, with and without a condition, sort, offset and limit, around the
   * chunk (1,000) and pipeline (5,000) sizes, equal an in-memory evaluation.
   */
  @Test
  void largeResultsEqualAnInMemoryEvaluation() {
    RekordRepository<Member, String> members = members(1, Storage.HASH);
    List<Member> data = data(6200, 17);
    members.saveAll(data);
    UnifiedJedis jedis = jedis(members);

    assertEquals(data, members.findAll().list());
    assertEquals(data.subList(0, 1001), members.findAll().limit(1001).list());
    assertEquals(data.subList(7, 5007), members.findAll().offset(7).limit(5000).list());
    assertEquals(data.subList(6000, 6200), members.findAll().offset(6000).limit(5000).list());
    assertEquals(List.of(), members.findAll().offset(7000).list());
    assertEquals(evaluate(data, m -> m.age() >= 5, byAge(true)), members.find(Member_.age.gte(5)).sortBy(Member_.age.desc()).list());
    assertEquals(evaluate(data, m -> !m.city().equals("Oslo"), byId()).subList(3, 4003),
        members.find(Member_.city.ne("Oslo")).offset(3).limit(4000).list());
    assertEquals(List.of(), members.find(Member_.city.eq("Reykjavík")).list());
    BatchRead<String, Member> read = members.find(Member_.age.lt(75)).sortBy(Member_.age.asc()).limit(5001).read();
    assertEquals(evaluate(data, m -> m.age() < 75, byAge(false)).subList(0, 5001), read.values());
    assertTrue(read.missing().isEmpty() && read.failures().isEmpty());
    assertEquals(Set.of(), snapshots(jedis));
  }

  /**
   * Documents deleted (through Rekord and behind its back) and expired after the snapshot, before
   * their chunk is read, come without a document (only they), are not returned, and are unindexed
   * (those gone behind Rekord's back too); the rest come once each, in order. The second chunk's
   * pipeline is sent before the first chunk is handed over (and read before the caller's next
   * command), so what the caller changes while it handles the first chunk shows from the third.
   */
  @Test
  void aDocumentGoneSinceTheSnapshotIsNeverReturned() {
    RekordRepository<Member, String> members = members(1, Storage.HASH);
    List<Member> data = data(12_000, 17);
    members.saveAll(data);
    UnifiedJedis jedis = jedis(members);
    Set<String> deleted = Set.of("m10000", "m10777", "m11999");
    Set<String> behindItsBack = Set.of("m10001", "m11000");
    Set<String> expired = Set.of("m10500", "m11998");
    Set<String> gone = new HashSet<>(deleted);
    gone.addAll(behindItsBack);
    gone.addAll(expired);
    List<Integer> batches = new ArrayList<>();
    Set<String> withoutDocument = new HashSet<>();
    List<String> ids = new ArrayList<>();
    members.engine().pages(null, List.of(), 0, -1, rows -> {
      batches.add(rows.size());
      for (QueryEngine.Row row : rows) {
        if (row.document() == null) {
          withoutDocument.add(row.id());
        }
      }
      ids.addAll(members.readPage(rows).found().keySet());
      if (batches.size() == 1) { // after the snapshot and the first 5,000, before the third chunk is sent
        deleted.forEach(members::deleteById);
        behindItsBack.forEach(id -> jedis.del(members.keyOf(id)));
        expired.forEach(id -> jedis.pexpire(members.keyOf(id), 1));
        sleep(20);
      }
    });
    assertEquals(List.of(5000, 5000, 2000), batches, "pipelines of 5,000");
    assertEquals(gone, withoutDocument);
    List<String> expected = data.stream().map(Member::id).filter(id -> !gone.contains(id)).toList();
    assertEquals(expected, ids);
    assertEquals(expected.size(), members.count(), "the documents gone behind Rekord's back were unindexed");
    assertEquals(Set.of(), snapshots(jedis));
  }

  /**
   * A user with access to the model's keys only and without {@code +sort_ro} lists a large
   * result through its snapshot (no command needs access to every key), and the snapshot is
   * dropped.
   */
  @Test
  void aUserLimitedToTheModelsKeysListsThroughTheSnapshot() {
    RekordRepository<Member, String> owner = members(1, Storage.HASH);
    List<Member> data = data(LARGE, 17);
    owner.saveAll(data);
    UnifiedJedis jedis = jedis(owner);
    RekordRepository<Member, String> members = repository(
        connectAs(jedis, "lister", "~{member}*", "~rekord:*", "+@all", "-sort_ro", "-sort"), "member");
    resetCommandStats(jedis);
    assertEquals(ids(data), ids(members.find(Member_.age.gte(0)).list()));
    assertEquals(3L, commandCalls(jedis).get("lrange"), "the list read its snapshot, 5,000 ids at a time: "
        + commandCalls(jedis));
    assertEquals(ids(data), ids(members.findAll().list()));
    assertEquals(ids(data.subList(10, 2010)), ids(members.findAll().offset(10).limit(2000).list()));
    assertEquals(3L, commandCalls(jedis).get("lrange"), "a result read off the index comes as its ids, no snapshot: "
        + commandCalls(jedis));
    assertEquals(Set.of(), snapshots(jedis));
  }

  /**
   * {@code list()} while another client deletes documents and others expire: the result is in
   * order, holds no duplicate, no document deleted before the list started, and every document
   * that lived throughout. Run 3 times.
   */
  @Test
  void aListRacingDeletesAndExpiriesReturnsNoGoneDocumentAndNoDuplicate() throws InterruptedException {
    RekordRepository<Member, String> members = members(1, Storage.HASH);
    List<Member> data = data(9000, 17);
    List<Member> lasting = new ArrayList<>();
    List<Member> expiring = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      (i % 7 == 3 ? expiring : lasting).add(data.get(i));
    }
    members.saveAll(lasting);
    for (int round = 0; round < 3; round++) {
      members.saveAll(expiring, Duration.ofMillis(30 + 10 * round));
      List<String> victims = new ArrayList<>();
      for (int i = round; i < lasting.size(); i += 11) {
        victims.add(lasting.get(i).id());
      }
      Set<String> deletedBefore = new HashSet<>(victims.subList(0, 40));
      deletedBefore.forEach(members::deleteById);
      Thread deleter = new Thread(() -> victims.subList(40, victims.size()).forEach(members::deleteById));
      deleter.start();
      List<Member> listed = members.findAll().list();
      deleter.join();

      Set<String> seen = new LinkedHashSet<>();
      for (Member member : listed) {
        assertTrue(seen.add(member.id()), "no duplicate: " + member.id());
        assertFalse(deletedBefore.contains(member.id()), "deleted before the list: " + member.id());
      }
      List<String> order = new ArrayList<>(seen);
      assertEquals(order.stream().sorted().toList(), order, "in id order");
      Set<String> victimSet = new HashSet<>(victims);
      for (Member member : lasting) {
        if (!victimSet.contains(member.id())) {
          assertTrue(seen.contains(member.id()), "round " + round + ", lived throughout: " + member.id() + " of "
              + listed.size() + "; exists " + jedis(members).exists(members.keyOf(member.id())) + ", indexed "
              + jedis(members).zscore("{member}#ids", member.id()));
        }
      }
      members.saveAll(lasting.stream().filter(m -> victimSet.contains(m.id())).toList()); // back for the next round
      sleep(80); // the expiring ones are gone
      assertEquals(lasting.size(), members.count());
      assertEquals(Set.of(), snapshots(jedis(members)));
    }
  }

  /**
   * More expired documents than a query's sweep unindexes up front (1,000), interleaved with living
   * ones: the walk finds the rest gone one by one and unindexes them only once its result is known,
   * so no living id is skipped (removing one from the set of all ids mid-walk shifted the ranks the
   * walk reads by, and skipped the living id after it) — in a page of documents, a large list, the ids
   * alone and a count.
   */
  @ParameterizedTest
  @EnumSource(Storage.class)
  void aWalkMeetingManyExpiredDocumentsSkipsNoLivingOne(Storage storage) throws InterruptedException {
    List<Member> data = data(4000, 17);
    List<Member> living = new ArrayList<>();
    List<Member> expiring = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      (i % 2 == 1 || i >= 3000 ? living : expiring).add(data.get(i));
    }
    for (String shape : List.of("a page of documents", "a large list", "ids")) {
      RekordRepository<Member, String> members = members(1, storage);
      jedis(members).flushAll();
      members.saveAll(living);
      members.saveAll(expiring, Duration.ofMillis(1));
      awaitServerTimePast(jedis(members), "{member}#ttl");
      List<String> ids = switch (shape) {
        case "a page of documents" -> ids(members.findAll().limit(1000).list());
        case "a large list" -> ids(members.findAll().list());
        default -> members.findAll().ids();
      };
      List<String> expected = ids(living);
      assertEquals(shape.equals("a page of documents") ? expected.subList(0, 1000) : expected, ids, shape);
      if (!shape.equals("a page of documents")) { // a walk of every id meets every gone one
        assertEquals(living.size(), (long) jedis(members).zcard("{member}#ids"), shape + ": every gone id unindexed");
        assertEquals(living.size(), members.count(), shape);
      }
    }
  }

  /** A snapshot gone in the middle of a read fails the read, naming it; a failed read drops its snapshot. */
  @Test
  void aSnapshotGoneMidwayFailsTheReadAndAFailedReadDropsIt() {
    RekordRepository<Member, String> members = members(1, Storage.HASH);
    members.saveAll(data(16_000, 17));
    UnifiedJedis jedis = jedis(members);
    // a range in id order: the script snapshots it (a list of one index reads its ids off the index).
    // The pipeline of the ids from 10,000 is sent before the first chunk is handed over, so it may
    // still read them; the one of the ids from 15,000 is sent after: it finds the snapshot gone.
    QueryException gone = assertThrows(QueryException.class, () -> members.engine().pages(Member_.age.gte(0), List.of(),
        0, -1, rows -> snapshots(jedis).forEach(jedis::del)));
    assertTrue(gone.getMessage().contains("after 10000 of 16000 ids") || gone.getMessage().contains("after 15000 of 16000 ids"),
        gone.getMessage());

    IllegalStateException stop = assertThrows(IllegalStateException.class, () -> members.engine().pages(
        Member_.age.gte(0), List.of(), 0, -1, rows -> {
          assertEquals(1, snapshots(jedis).size());
          throw new IllegalStateException("the caller stops");
        }));
    assertEquals("the caller stops", stop.getMessage());
    assertEquals(Set.of(), snapshots(jedis));
    // the pipeline sent ahead of the chunk the caller refused was read: its connection is back
    assertEquals(0, members.rekord().connection().unwrap(ConfiguredConnection.class).poolStats().active());
  }

  private static List<String> ids(List<Member> members) {
    return members.stream().map(Member::id).toList();
  }

  private static Set<String> snapshots(UnifiedJedis jedis) {
    return jedis.keys("*#snap:*");
  }

  /**
   * An expiring id scored -2, as a save left it when its document was gone by the time its entries
   * were written (PEXPIRE of 1 ms can delete the key at once): the sweep, which stops at the first
   * living document expiring when its score says, took it for one (PEXPIRETIME -2 equals the score)
   * and every gone id after it was then listed as living.
   */
  @ParameterizedTest
  @EnumSource(Storage.class)
  void anExpiringIdScoredAsGoneDoesNotEndTheSweep(Storage storage) {
    RekordRepository<Member, String> members = members(1, storage);
    UnifiedJedis jedis = jedis(members);
    jedis.flushAll();
    List<Member> data = data(3, 17);
    members.save(data.get(0));
    members.save(data.get(1), Duration.ofHours(1));
    members.save(data.get(2), Duration.ofHours(1));
    String raced = data.get(1).id();
    jedis.del(members.keyOf(raced), members.keyOf(data.get(2).id())); // both gone
    jedis.zadd("{member}#ttl", -2, raced);
    assertEquals(List.of(data.get(0).id()), members.findAll().ids());
    assertEquals(1, members.count());
    assertEquals(List.of(data.get(0).id()), jedis.zrange("{member}#ids", 0, -1));
  }

  /**
   * Waits until the server's clock has passed every expiry the set of expiring ids {@code ttlKey}
   * records (without reading a document, which would remove it): each is then gone for the query.
   */
  private static void awaitServerTimePast(UnifiedJedis jedis, String ttlKey) throws InterruptedException {
    List<redis.clients.jedis.resps.Tuple> last = jedis.zrangeWithScores(ttlKey, -1, -1);
    assertFalse(last.isEmpty(), "the expiring documents are in " + ttlKey);
    long latest = (long) last.get(0).getScore();
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (true) {
      List<?> time = (List<?>) jedis.sendCommand(Protocol.Command.TIME);
      long now = Long.parseLong(text(time.get(0))) * 1000 + Long.parseLong(text(time.get(1))) / 1000;
      if (now > latest + 1) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, "the server's clock is still before " + latest + ": " + now);
      Thread.sleep(10);
    }
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(reply);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

}
