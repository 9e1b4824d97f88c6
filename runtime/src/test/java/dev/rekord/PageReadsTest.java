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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.exception.DeserializationException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * The read side of a query: a page of one bucket is one round trip (ids and documents from the same
 * script call), a deep page reads only its own rows, and expired documents never appear — checked
 * against an in-memory evaluation of the living documents.
 */
@ExtendWith(RedisExtension.class)
class PageReadsTest {

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

  private static UnifiedJedis jedis(RekordRepository<?, ?> repository) {
    return repository.rekord().connection().unwrap(UnifiedJedis.class);
  }

  /** How many round trips {@code run} took, and its result. */
  private static <R> R roundTrips(UnifiedJedis jedis, int expected, String what, Supplier<R> run) {
    run.get(); // warm: the schema record, the script loaded
    long before = reads(jedis);
    R result = run.get();
    long after = reads(jedis);
    assertEquals(expected, after - before - 1, what + ": round trips (less the INFO)"); // the second INFO is one read
    return result;
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void aPageOfOneBucketIsOneRoundTrip(Storage storage) {
    RekordRepository<Member, String> members = members(1, storage);
    List<Member> data = data(500, 11);
    members.saveAll(data);
    UnifiedJedis jedis = jedis(members);

    List<Member> oslo = roundTrips(jedis, 1, "tag equality",
        () -> members.find(Member_.city.eq("Oslo")).limit(20).list());
    assertEquals(evaluate(data, m -> m.city().equals("Oslo"), byId()).subList(0, 20), oslo);

    List<Member> range = roundTrips(jedis, 1, "range sorted by its own field",
        () -> members.find(Member_.age.between(20, 40)).sortBy(Member_.age.desc()).offset(5).limit(20).list());
    assertEquals(evaluate(data, m -> m.age() >= 20 && m.age() <= 40, byAge(true)).subList(5, 25), range);

    BatchRead<String, Member> all = roundTrips(jedis, 1, "read() of findAll",
        () -> members.findAll().offset(480).limit(50).read());
    assertEquals(data.subList(480, 500), all.values());
    assertTrue(all.missing().isEmpty() && all.failures().isEmpty());
  }

  /**
   * A first page that one index read answers is read straight off it ({@code query_direct.lua}); a
   * document deleted behind Rekord's back among its rows sends the call on to the whole query,
   * which skips that id, takes the next row and unindexes the id.
   */
  @ParameterizedTest
  @EnumSource(Storage.class)
  void aFirstPageSkipsADocumentGoneBehindRekordsBackAndUnindexesIt(Storage storage) {
    RekordRepository<Member, String> members = members(1, storage);
    List<Member> data = new ArrayList<>(data(200, 11));
    members.saveAll(data);
    Member goneFromOslo = evaluate(data, m -> m.city().equals("Oslo"), byId()).get(3);
    Member goneFromOldest = evaluate(data, m -> m.age() >= 30, byAge(true)).get(5);
    jedis(members).del(members.keyOf(goneFromOslo.id()), members.keyOf(goneFromOldest.id()));
    data.removeAll(List.of(goneFromOslo, goneFromOldest));

    assertEquals(evaluate(data, m -> m.city().equals("Oslo"), byId()).subList(0, 20),
        members.find(Member_.city.eq("Oslo")).limit(20).list());
    assertEquals(evaluate(data, m -> m.age() >= 30, byAge(true)).subList(0, 20),
        members.find(Member_.age.gte(30)).sortBy(Member_.age.desc()).limit(20).list());
    assertEquals(data.size(), members.findAll().count(), "both ids left the set of all ids");
    assertEquals(evaluate(data, m -> true, byId()).subList(0, 20), members.findAll().limit(20).list());
  }

  /**
   * A page of one index from an offset of at most 1,000 is read off it with {@code LIMIT}
   * ({@code query_direct.lua}: no sweep, which reads the bucket's expiring ids with {@code
   * ZRANGEBYSCORE}); a deeper one by {@code query.lua}'s ranks. Both equal the evaluation, at and
   * around the bound.
   */
  @Test
  void pagesOfOneIndexAtEveryOffsetEqualTheEvaluation() {
    RekordRepository<Member, String> members = members(1, Storage.HASH);
    List<Member> data = data(6_000, 11);
    members.saveAll(data);
    UnifiedJedis jedis = jedis(members);
    List<Member> oslo = evaluate(data, m -> m.city().equals("Oslo"), byId());
    List<Member> oldest = evaluate(data, m -> m.age() >= 10, byAge(true));
    List<Member> youngest = evaluate(data, m -> m.age() >= 10, byAge(false));
    List<Member> all = evaluate(data, m -> true, byId());
    for (int offset : new int[] {0, 1, 7, 999, 1000, 1001, 1490}) {
      String from = " from " + offset;
      resetCommandStats(jedis);
      assertEquals(window(oslo, offset), members.find(Member_.city.eq("Oslo")).offset(offset).limit(20).list(), "Oslo" + from);
      assertEquals(window(oldest, offset),
          members.find(Member_.age.gte(10)).sortBy(Member_.age.desc()).offset(offset).limit(20).list(), "oldest" + from);
      assertEquals(window(youngest, offset),
          members.find(Member_.age.gte(10)).sortBy(Member_.age.asc()).offset(offset).limit(20).list(), "youngest" + from);
      assertEquals(window(all, offset), members.findAll().offset(offset).limit(20).list(), "all" + from);
      long sweeps = commandCalls(jedis).getOrDefault("zrangebyscore", 0L);
      assertEquals(offset <= 1000 ? 0 : 4, sweeps, "pages that swept their bucket" + from);
    }
  }

  /**
   * A bucket with expiring documents, none of them due, still has its pages of one index read off
   * the index (its first expiring id lives and expires when its score says: nothing to sweep); once
   * some are due, the next page sweeps them first and leaves them out, and the one after is read off
   * the index again.
   */
  @Test
  void pagesOfABucketWhoseExpiringDocumentsAreNotDueAreReadOffTheIndex() throws InterruptedException {
    RekordRepository<Member, String> members = members(1, Storage.HASH);
    List<Member> data = data(300, 11);
    members.saveAll(data);
    List<Member> oslo = evaluate(data, m -> m.city().equals("Oslo"), byId());
    List<Member> soon = List.of(oslo.get(2), oslo.get(9), oslo.get(15));
    members.save(oslo.get(4), Duration.ofHours(1));
    members.save(oslo.get(6), Duration.ofHours(2));
    soon.forEach(m -> members.save(m, Duration.ofSeconds(2)));
    UnifiedJedis jedis = jedis(members);

    assertEquals(oslo.subList(0, 20), pageSweeping(jedis, members, 0), "nothing due: read off the index");
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (soon.stream().anyMatch(m -> jedis.exists(members.keyOf(m.id())))) {
      assertTrue(System.nanoTime() < deadline, "the 2-second documents expired");
      Thread.sleep(50);
    }
    List<Member> living = new ArrayList<>(oslo);
    living.removeAll(soon);
    assertEquals(living.subList(0, 20), pageSweeping(jedis, members, 1), "due: swept first");
    assertEquals(living.subList(0, 20), pageSweeping(jedis, members, 0), "swept: read off the index again");
    assertEquals(data.size() - soon.size(), members.findAll().count());
  }

  /** The first page of Oslo, checking how many sweeps ({@code ZRANGEBYSCORE} of the expiring ids) it ran. */
  private static List<Member> pageSweeping(UnifiedJedis jedis, RekordRepository<Member, String> members, long sweeps) {
    resetCommandStats(jedis);
    List<Member> page = members.find(Member_.city.eq("Oslo")).limit(20).list();
    assertEquals(sweeps, commandCalls(jedis).getOrDefault("zrangebyscore", 0L), "sweeps");
    return page;
  }

  private static List<Member> window(List<Member> list, int offset) {
    return list.subList(Math.min(offset, list.size()), Math.min(offset + 20, list.size()));
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void aFirstPageOverSeveralBucketsOfOneNodeIsOneRoundTrip(Storage storage) {
    RekordRepository<Member, String> members = members(4, storage);
    List<Member> data = data(300, 11);
    members.saveAll(data);
    UnifiedJedis jedis = jedis(members);

    List<Member> page = roundTrips(jedis, 1, "ids and documents of every bucket in one call",
        () -> members.find(Member_.age.lt(50)).sortBy(Member_.age.asc()).limit(20).list());
    assertEquals(evaluate(data, m -> m.age() < 50, byAge(false)).subList(0, 20), page);

    List<Member> oslo = roundTrips(jedis, 1, "tag equality",
        () -> members.find(Member_.city.eq("Oslo")).limit(20).list());
    assertEquals(evaluate(data, m -> m.city().equals("Oslo"), byId()).subList(0, 20), oslo);
  }

  /**
   * Each bucket is first asked for fewer rows than the page (8 of 20 over 4 buckets); when one
   * bucket holds the whole page, its node's call asks it again for all 20, in the same call.
   */
  @Test
  void aPageWhoseRowsAllComeFromOneBucketIsExact() {
    RekordRepository<Member, String> members = members(4, Storage.HASH);
    KeyLayout layout = RekordTesting.layout(members);
    List<Member> data = new ArrayList<>();
    for (int i = 0; data.size() < 200; i++) {
      String id = String.format("m%05d", i);
      boolean first = layout.bucketOf(id) == 0; // the youngest and the first by id all live in bucket 0
      data.add(new Member(id, first && i < 400 ? "Oslo" : "Bergen", first ? i % 10 : 20 + i % 50, null));
    }
    members.saveAll(data);
    UnifiedJedis jedis = jedis(members);

    List<Member> young = roundTrips(jedis, 1, "a sorted page from one bucket",
        () -> members.find(Member_.age.lt(60)).sortBy(Member_.age.asc()).limit(30).list());
    assertEquals(evaluate(data, m -> m.age() < 60, byAge(false)).subList(0, 30), young);
    assertTrue(young.stream().allMatch(m -> layout.bucketOf(m.id()) == 0));
    List<Member> oslo = members.find(Member_.city.eq("Oslo")).limit(20).list();
    assertEquals(evaluate(data, m -> m.city().equals("Oslo"), byId()).subList(0, 20), oslo);
    assertEquals(evaluate(data, m -> m.age() >= 0, byAge(true)).subList(0, 20),
        members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).limit(20).list());
  }

  /** A query reads; a server out of memory ({@code noeviction}) refuses writes, not queries. */
  @Test
  void pagesAndCountsOverSeveralBucketsRunWhenTheServerIsOutOfMemory() {
    RekordRepository<Member, String> members = members(4, Storage.HASH);
    List<Member> data = data(100, 11);
    members.saveAll(data);
    UnifiedJedis jedis = jedis(members);
    jedis.sendCommand(Protocol.Command.CONFIG, "SET", "maxmemory-policy", "noeviction");
    jedis.sendCommand(Protocol.Command.CONFIG, "SET", "maxmemory", "1");
    try {
      assertEquals(evaluate(data, m -> m.city().equals("Oslo"), byId()).subList(0, 10),
          members.find(Member_.city.eq("Oslo")).limit(10).list());
      assertEquals(data.stream().filter(m -> m.age() < 40).count(), members.find(Member_.age.lt(40)).count());
    } finally {
      jedis.sendCommand(Protocol.Command.CONFIG, "SET", "maxmemory", "0");
    }
  }

  @Test
  void aPageOverSeveralBucketsAtAnOffsetLoadsItsDocumentsAfterTheIds() {
    RekordRepository<Member, String> members = members(4, Storage.HASH);
    List<Member> data = data(300, 11);
    members.saveAll(data);
    List<Member> page = roundTrips(jedis(members), 2, "ids, then documents",
        () -> members.find(Member_.age.lt(50)).sortBy(Member_.age.asc()).offset(10).limit(20).list());
    assertEquals(evaluate(data, m -> m.age() < 50, byAge(false)).subList(10, 30), page);
  }

  @Test
  void aDocumentOfAnotherTypeInAPageOverSeveralBucketsIsReportedNotFatal() {
    RekordRepository<Member, String> members = members(4, Storage.HASH);
    members.saveAll(data(30, 11));
    UnifiedJedis jedis = jedis(members);
    jedis.del(members.keyOf("m00003"));
    jedis.set(members.keyOf("m00003"), "not a hash"); // behind Rekord's back; its index entries stay

    BatchRead<String, Member> read = members.findAll().limit(10).read();
    assertEquals(Set.of("m00003"), read.failures().keySet());
    assertEquals(9, read.found().size());
  }

  @Test
  void aDocumentOfAnotherTypeInAPageIsReportedNotFatal() {
    RekordRepository<Member, String> members = members(1, Storage.HASH);
    members.saveAll(data(30, 11));
    UnifiedJedis jedis = jedis(members);
    jedis.del(members.keyOf("m00003"));
    jedis.set(members.keyOf("m00003"), "not a hash"); // behind Rekord's back; its index entries stay

    BatchRead<String, Member> read = members.findAll().limit(10).read();
    assertEquals(Set.of("m00003"), read.failures().keySet());
    assertTrue(read.failures().get("m00003").getMessage().contains("expected a hash but found string"),
        read.failures().get("m00003").getMessage());
    assertEquals(9, read.found().size());
    assertThrowsDeserialization(() -> members.findAll().limit(10).list());
  }

  /**
   * {@code list()} collects records without a map by id: it must still return {@code read()}'s
   * records in query order across buckets and batches, and throw the first undecodable document in
   * that order with the others suppressed.
   */
  @Test
  void aListIsTheReadsRecordsInQueryOrderAndThrowsItsFirstBadDocument() {
    RekordRepository<Member, String> members = members(4, Storage.HASH);
    List<Member> data = data(6_000, 11); // more than one read batch (DocumentReads.READ_BATCH)
    members.saveAll(data);
    Supplier<Query<Member, String>> query = () -> members.find(Member_.age.gte(0)).sortBy(Member_.age.desc());
    List<Member> listed = query.get().list();
    assertEquals(query.get().read().values(), listed);
    assertEquals(data.size(), listed.size());

    List<Member> sorted = query.get().limit(40).list();
    UnifiedJedis jedis = jedis(members);
    for (Member bad : List.of(sorted.get(31), sorted.get(7))) { // behind Rekord's back; index entries stay
      jedis.del(members.keyOf(bad.id()));
      jedis.set(members.keyOf(bad.id()), "not a hash");
    }
    DeserializationException thrown = null;
    try {
      query.get().limit(40).list();
    } catch (DeserializationException e) {
      thrown = e;
    }
    assertTrue(thrown != null && thrown.getMessage().contains(members.keyOf(sorted.get(7).id())),
        String.valueOf(thrown));
    assertEquals(1, thrown.getSuppressed().length);
    assertTrue(thrown.getSuppressed()[0].getMessage().contains(members.keyOf(sorted.get(31).id())));
  }

  private static void assertThrowsDeserialization(Runnable run) {
    try {
      run.run();
    } catch (DeserializationException expected) {
      return;
    }
    throw new AssertionError("expected a DeserializationException");
  }

  /**
   * Deep pages with a fifth of the documents expired (mixed in by id, age and city) equal the same
   * rows of an in-memory evaluation of the living ones, on one bucket and on four.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void deepPagesWithExpiredDocumentsEqualAnInMemoryEvaluation(int buckets) throws InterruptedException {
    RekordRepository<Member, String> members = members(buckets, Storage.HASH);
    List<Member> data = data(3000, 11);
    List<Member> living = new ArrayList<>();
    List<Member> expiring = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      (i % 5 == 2 && i != 7 ? expiring : living).add(data.get(i));
    }
    members.saveAll(living);
    members.saveAll(expiring, Duration.ofMillis(40));
    members.save(data.get(7), Duration.ofHours(1)); // expires, but not yet: it stays
    Thread.sleep(150);

    for (int offset : new int[] {0, 13, 1000, 1190, 2390}) {
      assertEquals(page(evaluate(living, m -> m.age() >= 10 && m.age() <= 70, byAge(false)), offset),
          members.find(Member_.age.between(10, 70)).sortBy(Member_.age.asc()).offset(offset).limit(20).list(),
          "range sorted ascending, offset " + offset);
      assertEquals(page(evaluate(living, m -> m.age() >= 10, byAge(true)), offset),
          members.find(Member_.age.gte(10)).sortBy(Member_.age.desc()).offset(offset).limit(20).list(),
          "range sorted descending, offset " + offset);
      assertEquals(page(evaluate(living, m -> m.city().equals("Bergen"), byId()), offset / 4),
          members.find(Member_.city.eq("Bergen")).offset(offset / 4).limit(20).list(),
          "tag equality, offset " + offset / 4);
      assertEquals(page(evaluate(living, m -> true, byId()), offset),
          members.findAll().offset(offset).limit(20).list(), "all, offset " + offset);
    }
    assertEquals(living.size(), members.count());
  }

  /**
   * A deep page of a range sorted by its own field, of a tag equality and of every document reads
   * only its own rows: the offset is skipped by rank, with no EXISTS per skipped id.
   */
  @Test
  void aDeepPageReadsOnlyItsOwnRows() throws InterruptedException {
    RekordRepository<Member, String> members = members(1, Storage.HASH);
    List<Member> data = data(6000, 11);
    members.saveAll(data.subList(0, 5000));
    members.saveAll(data.subList(5000, 6000), Duration.ofMillis(30)); // expired before the query: swept
    Thread.sleep(100);
    UnifiedJedis jedis = jedis(members);
    List<Member> living = data.subList(0, 5000);
    Map<String, Supplier<List<Member>>> queries = Map.of(
        "range", () -> members.find(Member_.age.gte(0)).sortBy(Member_.age.asc()).offset(4000).limit(20).list(),
        "tag", () -> members.find(Member_.city.eq("Oslo")).offset(1000).limit(20).list(),
        "all", () -> members.findAll().offset(4000).limit(20).list());
    Map<String, List<Member>> expected = Map.of(
        "range", page(evaluate(living, m -> true, byAge(false)), 4000),
        "tag", page(evaluate(living, m -> m.city().equals("Oslo"), byId()), 1000),
        "all", page(living, 4000));
    for (String name : List.of("range", "tag", "all")) {
      queries.get(name).get(); // sweeps the expired ones once
      resetCommandStats(jedis);
      assertEquals(expected.get(name), queries.get(name).get(), name);
      Map<String, Long> calls = commandCalls(jedis);
      assertFalse(calls.containsKey("exists"), name + ": " + calls);
      assertEquals(20L, calls.get("hgetall"), name + ": " + calls);
      assertTrue(calls.getOrDefault("zrange", 0L) <= 2, name + ": " + calls);
    }
  }

  /**
   * A count over a bucket with expiring documents sweeps the expired ones, then counts from the
   * index: exact, and no EXISTS per matching id.
   */
  @Test
  void aCountWithExpiringDocumentsIsReadFromTheIndex() throws InterruptedException {
    RekordRepository<Member, String> members = members(1, Storage.HASH);
    List<Member> data = data(3000, 11);
    members.saveAll(data.subList(0, 2000));
    members.saveAll(data.subList(2000, 2500), Duration.ofHours(1));
    members.saveAll(data.subList(2500, 3000), Duration.ofMillis(30));
    Thread.sleep(100);
    UnifiedJedis jedis = jedis(members);
    resetCommandStats(jedis);
    assertEquals(2500, members.count());
    assertEquals(evaluate(data.subList(0, 2500), m -> m.age() < 30, byId()).size(),
        members.find(Member_.age.lt(30)).count());
    Map<String, Long> calls = commandCalls(jedis);
    assertFalse(calls.containsKey("exists"), calls.toString());
    // the first count's look at the first expiring id (expired: the query sweeps), the sweep's (500
    // expired, then the first living one), the second count's look (living: read off the index)
    assertEquals(3L, calls.get("pexpiretime") - 500, "500 expired documents swept, then one look each: " + calls);
  }

  /** A large result loads its documents in pipelines after the ids, and equals the evaluation. */
  @Test
  void aLargeListEqualsTheEvaluation() {
    RekordRepository<Member, String> members = members(1, Storage.JSON);
    List<Member> data = data(DocumentReads.READ_BATCH + 700, 11); // two pipelines
    members.saveAll(data);
    assertEquals(data, members.findAll().list());
    assertEquals(evaluate(data, m -> m.age() > 3, byAge(true)).subList(0, DocumentReads.READ_BATCH + 100),
        members.find(Member_.age.gt(3)).sortBy(Member_.age.desc()).limit(DocumentReads.READ_BATCH + 100).list());
    assertEquals(data.subList(0, 1500), members.findAllById(data.subList(0, 1500).stream().map(Member::id).toList()).values());
  }

  private static List<Member> page(List<Member> all, int offset) {
    return all.subList(Math.min(offset, all.size()), Math.min(offset + 20, all.size()));
  }

}
