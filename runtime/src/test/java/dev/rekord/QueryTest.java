package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.exception.DeserializationException;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** Buckets and the query API against a real redis-server. */
@ExtendWith(RedisExtension.class)
class QueryTest {

  private static final String[] CITIES = {"Oslo", "Bergen", "Tromsø", "Ålesund", "oslo"};

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

  private RekordRepository<Member, String> members(int buckets) {
    Rekord rekord = Rekord.builder().url(server.url()).buckets(buckets).build();
    opened.add(rekord);
    return TestModel.repository(rekord, TestModel.stringIds("member", Storage.HASH, Duration.ZERO));
  }

  private static List<Member> randomMembers(long seed, int n) {
    Random random = new Random(seed);
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String city = random.nextInt(10) == 0 ? null : CITIES[random.nextInt(CITIES.length)];
      members.add(new Member("m" + random.nextInt(5 * n), city, random.nextInt(90), null));
    }
    return members;
  }

  @Test
  void fourBucketsGiveFourTagsAndOneSlotPerWrite() {
    RekordRepository<Member, String> members = members(4);
    KeyLayout layout = RekordTesting.layout(members);
    assertEquals(4, layout.buckets());
    assertEquals("{member:2}", layout.bucket(2).tag());
    assertEquals("{member:" + layout.bucketOf("ada") + "}:ada", members.keyOf("ada"));

    UnifiedJedis redis = members.rekord().connection().unwrap(UnifiedJedis.class);
    Set<String> tags = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      String id = "id-" + i;
      Set<String> before = redis.keys("{member*");
      members.save(new Member(id, "Oslo", i, List.of("x")));
      Set<String> written = new HashSet<>(redis.keys("{member*"));
      written.removeAll(before);
      written.add(members.keyOf(id));
      written.add(layout.bucketFor(id).manifest(id));
      Set<Integer> slots = new HashSet<>();
      for (String key : written) {
        slots.add(JedisClusterCRC16.getSlot(key));
      }
      assertEquals(1, slots.size(), "keys of one write: " + written);
      tags.add(members.keyOf(id).substring(0, members.keyOf(id).indexOf('}') + 1));
    }
    assertEquals(Set.of("{member:0}", "{member:1}", "{member:2}", "{member:3}"), tags);
    assertEquals("4", redis.hget("rekord:schema:member", "buckets"));
  }

  @Test
  void queriesOverFourBucketsEqualOneBucket() {
    RekordRepository<Member, String> one = members(1);
    List<Member> data = randomMembers(7, 3000);
    one.saveAll(data);
    List<List<String>> expected = new ArrayList<>();
    List<Query<Member, String>> queries = List.of(
        one.findAll(),
        one.find(Member_.age.gte(30)).sortBy(Member_.age.desc()),
        one.find(Member_.age.between(10, 60)).sortBy(Member_.city.asc(), Member_.age.desc()).offset(17).limit(55),
        one.find(Member_.city.in("Oslo", "Bergen")).sortBy(Member_.city.desc()).limit(300),
        one.find(Member_.city.isNull().or(Member_.age.lt(5))).sortBy(Member_.city.asc()).offset(3),
        one.find(Member_.city.ne("Oslo")).sortBy(Member_.age.asc(), Member_.city.asc()).offset(1000).limit(7));
    for (Query<Member, String> query : queries) {
      expected.add(query.ids());
    }
    long oneCount = one.count();

    one.rekord().connection().unwrap(UnifiedJedis.class).flushAll();
    RekordRepository<Member, String> four = members(4);
    four.saveAll(data);
    List<Query<Member, String>> again = List.of(
        four.findAll(),
        four.find(Member_.age.gte(30)).sortBy(Member_.age.desc()),
        four.find(Member_.age.between(10, 60)).sortBy(Member_.city.asc(), Member_.age.desc()).offset(17).limit(55),
        four.find(Member_.city.in("Oslo", "Bergen")).sortBy(Member_.city.desc()).limit(300),
        four.find(Member_.city.isNull().or(Member_.age.lt(5))).sortBy(Member_.city.asc()).offset(3),
        four.find(Member_.city.ne("Oslo")).sortBy(Member_.age.asc(), Member_.city.asc()).offset(1000).limit(7));
    for (int i = 0; i < again.size(); i++) {
      assertEquals(expected.get(i), again.get(i).ids(), again.get(i).toString());
      List<String> streamed = new ArrayList<>();
      again.get(i).pageSize(97).stream().forEach(m -> streamed.add(m.id()));
      assertEquals(expected.get(i), streamed, "cursor of " + again.get(i));
    }
    assertEquals(oneCount, four.count());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 4})
  void theQueryApi(int buckets) {
    RekordRepository<Member, String> members = members(buckets);
    List<Member> data = randomMembers(11, 500);
    members.saveAll(data);
    List<Member> stored = new ArrayList<>();
    for (String id : new HashSet<>(data.stream().map(Member::id).toList())) {
      stored.add(members.findById(id).orElseThrow());
    }
    List<Member> recent = stored.stream().filter(m -> m.age() >= 60)
        .sorted(Comparator.comparing(Member::age).reversed()
            .thenComparing(Member::id, Comparator.reverseOrder()))
        .toList();

    Query<Member, String> query = members.find(Member_.age.gte(60)).sortBy(Member_.age.desc());
    assertEquals(recent, query.list());
    assertEquals(recent.size(), query.count());
    assertEquals(recent.size(), query.limit(3).count(), "count ignores paging");
    assertEquals(recent.subList(5, 15), query.offset(5).limit(10).list());
    assertEquals(recent.get(0), query.first().orElseThrow());
    assertEquals(recent.stream().map(Member::id).toList(), query.ids());
    assertTrue(query.exists());
    assertFalse(members.find(Member_.age.gt(1000)).exists());
    assertEquals(List.of(), members.find(Member_.age.gt(1000)).list());
    assertEquals(stored.size(), members.findAll().list().size(), "no default limit");
    assertEquals(stored.size(), members.count());
  }

  @Test
  void vanishedAndExpiredDocumentsAreSkipped() throws InterruptedException {
    RekordRepository<Member, String> members = members(4);
    members.save(new Member("a", "Oslo", 1, null));
    members.save(new Member("b", "Oslo", 2, null), Duration.ofMillis(30));
    members.save(new Member("c", "Oslo", 3, null));
    Thread.sleep(80);
    members.rekord().connection().unwrap(UnifiedJedis.class).del(members.keyOf("c")); // gone behind Rekord's back

    assertEquals(List.of("a"), members.find(Member_.city.eq("Oslo")).list().stream().map(Member::id).toList());
    assertEquals(1, members.count());
  }

  @Test
  void cursorOverTenThousandDocumentsWithConcurrentWrites() throws Exception {
    RekordRepository<Member, String> members = members(4);
    List<Member> data = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      data.add(new Member("d" + i, CITIES[i % CITIES.length], i % 90, null));
    }
    members.saveAll(data);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger writes = new AtomicInteger();
    Thread writer = new Thread(() -> {
      Random random = new Random(3);
      while (!stop.get()) {
        int i = random.nextInt(10_000);
        members.save(new Member("d" + i, CITIES[random.nextInt(CITIES.length)], random.nextInt(90), null)); // moves in the sort order
        members.save(new Member("new" + writes.incrementAndGet(), "Oslo", random.nextInt(90), null));
      }
    });
    List<String> seen = new ArrayList<>();
    writer.start();
    try (Query.Cursor<Member> cursor = members.findAll().sortBy(Member_.age.asc()).pageSize(300).iterator()) {
      while (cursor.hasNext()) {
        seen.add(cursor.next().id());
      }
    } finally {
      stop.set(true);
      writer.join();
    }
    assertTrue(writes.get() > 0);
    assertEquals(new HashSet<>(seen).size(), seen.size(), "no id twice");
    Set<String> all = new HashSet<>(seen);
    for (int i = 0; i < 10_000; i++) {
      assertTrue(all.contains("d" + i), "d" + i);
    }
    assertEquals(Set.of(), members.rekord().connection().unwrap(UnifiedJedis.class).keys("*#snap:*"), "snapshot dropped");
  }

  @Test
  void deleteAllOfAQuery() {
    RekordRepository<Member, String> members = members(4);
    for (int i = 0; i < 1200; i++) {
      members.save(new Member("x" + i, i % 3 == 0 ? "Oslo" : "Bergen", i % 50, null));
    }
    assertEquals(400, members.find(Member_.city.eq("Oslo")).pageSize(128).deleteAll());
    assertEquals(0, members.find(Member_.city.eq("Oslo")).count());
    assertEquals(800, members.count());
    assertFalse(members.existsById("x0"));
    assertTrue(members.existsById("x1"));
    assertEquals(800, members.deleteAll());
    assertEquals(Set.of("rekord:schema:member"), members.rekord().connection().unwrap(UnifiedJedis.class).keys("*"),
        "no index keys left behind");
  }

  @Test
  void queryOnAnIndexBuiltForAnotherDefinitionFails() {
    RekordRepository<Member, String> members = members(1);
    members.save(new Member("a", "Oslo", 1, List.of("t")));
    RekordRepository<Member, String> changed = TestModel.repository(members.rekord(),
        TestModel.stringIds("member", Storage.HASH, Duration.ZERO).withTagsIndexed());

    SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
        () -> changed.find(Member_.tags.contains("t")).list());
    assertTrue(e.getMessage().contains("run rekord.migrate()"), e.getMessage());
    assertEquals(1, changed.findAll().count(), "an unsorted findAll needs no index field");
    assertEquals("Oslo", changed.findById("a").orElseThrow().city());
  }

  @ParameterizedTest
  @EnumSource(Storage.class)
  void anUndecodableDocumentFailsListButIsReportedPerIdByReadAndTheReadCursor(Storage storage) {
    Rekord rekord = Rekord.builder().url(server.url()).buckets(4).build();
    opened.add(rekord);
    RekordRepository<Member, String> members =
        TestModel.repository(rekord, TestModel.stringIds("member", storage, Duration.ZERO));
    for (String id : List.of("a", "b", "c", "d", "e")) {
      members.save(new Member(id, "Oslo", id.charAt(0) - 'a' + 1, null));
    }
    UnifiedJedis redis = rekord.connection().unwrap(UnifiedJedis.class);
    String key = members.keyOf("c");
    if (storage == Storage.HASH) {
      redis.hset(key, "age", "three"); // corrupted by hand; its index entries stay
    } else {
      redis.set(key, "{\"id\":\"c\",\"age\":");
    }
    Query<Member, String> oslo = members.find(Member_.city.eq("Oslo")).sortBy(Member_.age.asc());

    DeserializationException thrown = assertThrows(DeserializationException.class, oslo::list);
    assertEquals(key, thrown.key());
    assertThrows(DeserializationException.class, () -> oslo.stream().count());

    BatchRead<String, Member> read = oslo.read();
    assertEquals(List.of("a", "b", "d", "e"), new ArrayList<>(read.found().keySet()));
    assertEquals(List.of("c"), new ArrayList<>(read.failures().keySet()));
    assertEquals(key, read.failures().get("c").key());
    assertEquals(List.of("b", "d"), new ArrayList<>(oslo.offset(1).limit(3).read().found().keySet()));

    List<String> seen = new ArrayList<>();
    try (Query.Cursor<DocumentRead<String, Member>> cursor = oslo.pageSize(2).readIterator()) {
      while (cursor.hasNext()) {
        DocumentRead<String, Member> next = cursor.next();
        seen.add(next.failed() ? next.id() + " failed: " + next.failure().key() : next.value().id());
      }
    }
    assertEquals(List.of("a", "b", "c failed: " + key, "d", "e"), seen);
    try (Stream<DocumentRead<String, Member>> reads = oslo.readStream()) {
      assertEquals(List.of("a", "b", "d", "e"),
          reads.filter(r -> !r.failed()).map(r -> r.valueOrThrow().id()).toList());
    }
  }
}
