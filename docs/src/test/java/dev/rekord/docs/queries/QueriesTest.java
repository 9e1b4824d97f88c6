package dev.rekord.docs.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import dev.rekord.exception.QueryException;
import dev.rekord.Rekord;
import dev.rekord.exception.DeserializationException;
import dev.rekord.DocumentRead;
import dev.rekord.BatchRead;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.exception.SerializationException;
import dev.rekord.metamodel.SortableField;
import dev.rekord.query.Condition;
import dev.rekord.query.DistanceUnit;
import dev.rekord.Query;
import dev.rekord.schema.MigrationReport;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/** The snippets of queries.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class QueriesTest {

  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  private static final Instant NOW = Instant.now();

  private Rekord rekord;
  private MemberRepository members;
  private UnifiedJedis redis;

  @BeforeEach
  void connect(RedisServer server) {
    rekord = Rekord.connect(server.url());
    members = new MemberRepository(rekord);
    redis = rekord.connection().unwrap(UnifiedJedis.class);
    members.saveAll(List.of(
        new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1), 36, Set.of("maths", "chess"),
            "Writes programs for the Analytical Engine", GeoPoint.of(10.7461, 59.9127),
            NOW.minusSeconds(3600), "ada@example.org"),
        new Member("bob", "bob", "Bergen", LocalDate.of(2023, 1, 9), 41, Set.of("chess"),
            "Plays chess, writes poetry", GeoPoint.of(5.3221, 60.3913),
            Instant.parse("2024-01-01T00:00:00Z"), null),
        new Member("cleo", "Cleo", "Oslo", TODAY.minusDays(3), 24, Set.of("go"), null, null, NOW, null),
        new Member("dag", "Dag", "Lima", LocalDate.of(2022, 6, 15), 29, Set.of(),
            "Programmer in Lima", GeoPoint.of(-77.0428, -12.0464),
            Instant.parse("2023-06-01T00:00:00Z"), null),
        new Member("eve", "Eve", null, TODAY.minusDays(20), 30, Set.of("maths"), "Prog rock fan",
            GeoPoint.of(10.52, 59.83), null, null),
        new Member("finn", "Finn", "Oslo", null, 20, null, null, null, null, null)));
  }

  @AfterEach
  void close() {
    rekord.close();
  }

  private static List<String> ids(List<Member> found) {
    return found.stream().map(Member::id).toList();
  }

  private List<String> ids(Condition<Member> condition) {
    return members.find(condition).ids();
  }

  @Test
  void recentMembers() {
    // tag::recent[]
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    List<Member> recent = members.find(Member_.joinDate.gte(today.minusDays(30)))
        .sortBy(Member_.joinDate.desc())
        .list(); // Cleo (3 days ago), then Eve (20 days ago)
    // end::recent[]
    assertEquals(List.of("cleo", "eve"), ids(recent));
  }

  @Test
  void equality() {
    // tag::equality[]
    members.find(Member_.city.eq("Oslo")).list();           // ada, cleo, finn
    members.find(Member_.city.ne("Oslo")).list();           // bob, dag, eve (Eve has no city)
    members.find(Member_.city.in("Oslo", "Bergen")).list(); // ada, bob, cleo, finn
    members.find(Member_.name.eq("ADA")).list();            // ada: name is case-insensitive
    // end::equality[]
    assertEquals(List.of("ada", "cleo", "finn"), ids(Member_.city.eq("Oslo")));
    assertEquals(List.of("bob", "dag", "eve"), ids(Member_.city.ne("Oslo")));
    assertEquals(List.of("ada", "bob", "cleo", "finn"), ids(Member_.city.in("Oslo", "Bergen")));
    assertEquals(List.of(), ids(Member_.city.eq("oslo")));
    assertEquals(List.of("ada"), ids(Member_.name.eq("ADA")));
  }

  @Test
  void ranges() {
    // tag::ranges[]
    members.find(Member_.joinDate.gte(LocalDate.of(2024, 1, 1))).list(); // ada, cleo, eve
    members.find(Member_.age.between(20, 30)).list();                     // cleo, dag, eve, finn
    members.find(Member_.age.between(20, false, 30, false)).list();       // cleo, dag
    members.find(Member_.age.gt(40)).list();                              // bob
    members.find(Member_.age.lte(24)).list();                             // cleo, finn
    members.find(Member_.lastSeen.lt(Instant.parse("2024-06-01T00:00:00Z"))).list(); // bob, dag
    // end::ranges[]
    assertEquals(List.of("ada", "cleo", "eve"), ids(Member_.joinDate.gte(LocalDate.of(2024, 1, 1))));
    assertEquals(List.of("cleo", "dag", "eve", "finn"), ids(Member_.age.between(20, 30)));
    assertEquals(List.of("cleo", "dag"), ids(Member_.age.between(20, false, 30, false)));
    assertEquals(List.of("bob"), ids(Member_.age.gt(40)));
    assertEquals(List.of("cleo", "finn"), ids(Member_.age.lte(24)));
    assertEquals(List.of("bob", "dag"), ids(Member_.lastSeen.lt(Instant.parse("2024-06-01T00:00:00Z"))));
    assertEquals(List.of("ada"), ids(Member_.age.eq(36)));
    assertEquals(List.of("ada", "bob", "cleo", "dag", "finn"), ids(Member_.age.ne(30)));
  }

  @Test
  void datePrecision() {
    Instant seen = Instant.parse("2024-05-01T10:15:30.123456789Z");
    members.save(new Member("gus", "Gus", null, null, 50, null, null, null, seen, null));
    // tag::precision[]
    // Saved with lastSeen 2024-05-01T10:15:30.123456789Z: the index keeps microseconds.
    members.find(Member_.lastSeen.eq(Instant.parse("2024-05-01T10:15:30.123456Z"))).list(); // gus
    members.find(Member_.lastSeen.gt(Instant.parse("2024-05-01T10:15:30.123456Z"))).list(); // not gus
    // end::precision[]
    assertEquals(List.of("gus"), ids(Member_.lastSeen.eq(Instant.parse("2024-05-01T10:15:30.123456Z"))));
    assertFalse(ids(Member_.lastSeen.gt(Instant.parse("2024-05-01T10:15:30.123456Z"))).contains("gus"));
    assertEquals(seen, members.findById("gus").orElseThrow().lastSeen()); // the document keeps nanos
  }

  @Test
  void prefixes() {
    // tag::prefix[]
    members.find(Member_.name.startsWith("b")).list(); // bob
    members.find(Member_.name.startsWith("C")).list(); // cleo: folded, as the tag is case-insensitive
    // end::prefix[]
    assertEquals(List.of("bob"), ids(Member_.name.startsWith("b")));
    assertEquals(List.of("cleo"), ids(Member_.name.startsWith("C")));
    assertEquals(List.of("bob"), ids(Member_.name.startsWith("BO")));
  }

  @Test
  void nulls() {
    // tag::nulls[]
    members.find(Member_.city.isNull()).list();    // eve
    members.find(Member_.bio.isNotNull()).list();  // ada, bob, dag, eve
    members.find(Member_.skills.isNull()).list();  // dag (an empty set), finn
    // end::nulls[]
    assertEquals(List.of("eve"), ids(Member_.city.isNull()));
    assertEquals(List.of("ada", "bob", "dag", "eve"), ids(Member_.bio.isNotNull()));
    assertEquals(List.of("dag", "finn"), ids(Member_.skills.isNull()));
  }

  @Test
  void collections() {
    // tag::collections[]
    members.find(Member_.skills.contains("chess")).list();            // ada, bob
    members.find(Member_.skills.containsAny("go", "maths")).list();   // ada, cleo, eve
    members.find(Member_.skills.containsAll("maths", "chess")).list(); // ada
    // end::collections[]
    assertEquals(List.of("ada", "bob"), ids(Member_.skills.contains("chess")));
    assertEquals(List.of("ada", "cleo", "eve"), ids(Member_.skills.containsAny("go", "maths")));
    assertEquals(List.of("ada"), ids(Member_.skills.containsAll("maths", "chess")));
  }

  @Test
  void text() {
    // tag::text[]
    members.find(Member_.bio.matches("writes PROGRAMS")).list(); // ada: every word, any case
    members.find(Member_.bio.matchesAny("poetry engine")).list(); // ada, bob: any word
    members.find(Member_.bio.matchesPrefix("prog")).list();       // ada, dag, eve: a word starts so
    members.find(Member_.bio.matches("program")).list();          // nobody: no stemming
    // end::text[]
    assertEquals(List.of("ada"), ids(Member_.bio.matches("writes PROGRAMS")));
    assertEquals(List.of("ada", "bob"), ids(Member_.bio.matchesAny("poetry engine")));
    assertEquals(List.of("ada", "dag", "eve"), ids(Member_.bio.matchesPrefix("prog")));
    assertEquals(List.of(), ids(Member_.bio.matches("program")));
    assertEquals(List.of("bob"), ids(Member_.bio.matches("chess,")));
  }

  @Test
  void geo() {
    // tag::geo[]
    GeoPoint oslo = GeoPoint.of(10.75, 59.91); // longitude, latitude
    members.find(Member_.home.within(oslo, 50, DistanceUnit.KM)).list(); // ada, eve
    members.find(Member_.home.withinBox(GeoPoint.of(4, 58), GeoPoint.of(12, 62))).list(); // ada, bob, eve
    // end::geo[]
    assertEquals(List.of("ada", "eve"), ids(Member_.home.within(oslo, 50, DistanceUnit.KM)));
    assertEquals(List.of("ada", "bob", "eve"),
        ids(Member_.home.withinBox(GeoPoint.of(4, 58), GeoPoint.of(12, 62))));
    assertEquals(List.of("ada", "eve"), ids(Member_.home.within(oslo, 31, DistanceUnit.MI)));
  }

  @Test
  void combinations() {
    // tag::combine[]
    members.find(Member_.city.eq("Oslo").and(Member_.age.lt(30))).list();            // cleo, finn
    members.find(Member_.city.eq("Oslo").or(Member_.skills.contains("chess"))).list(); // ada, bob, cleo, finn
    members.find(Member_.city.eq("Oslo").not()).list();                               // bob, dag, eve
    members.find(Condition.allOf(
        Member_.city.in("Oslo", "Bergen"),
        Member_.age.gte(30),
        Member_.skills.contains("chess").not())).list();                              // nobody
    members.find(Condition.anyOf(
        Member_.name.startsWith("d"),
        Member_.home.within(GeoPoint.of(5.32, 60.39), 10, DistanceUnit.KM))).list();  // bob, dag
    // end::combine[]
    assertEquals(List.of("cleo", "finn"), ids(Member_.city.eq("Oslo").and(Member_.age.lt(30))));
    assertEquals(List.of("ada", "bob", "cleo", "finn"),
        ids(Member_.city.eq("Oslo").or(Member_.skills.contains("chess"))));
    assertEquals(List.of("bob", "dag", "eve"), ids(Member_.city.eq("Oslo").not()));
    assertEquals(List.of(), ids(Condition.allOf(Member_.city.in("Oslo", "Bergen"), Member_.age.gte(30),
        Member_.skills.contains("chess").not())));
    assertEquals(List.of("bob", "dag"), ids(Condition.anyOf(Member_.name.startsWith("d"),
        Member_.home.within(GeoPoint.of(5.32, 60.39), 10, DistanceUnit.KM))));
  }

  @Test
  void sorting() {
    // tag::sort[]
    members.findAll().sortBy(Member_.age.desc()).list();      // bob 41, ada 36, eve 30, dag 29, cleo 24, finn 20
    members.findAll().sortBy(Member_.joinDate.asc()).list();  // dag, bob, ada, eve, cleo, then finn (no date)
    members.findAll().sortBy(Member_.joinDate.desc()).list(); // cleo, eve, ada, bob, dag, then finn
    members.find(Member_.city.eq("Oslo"))
        .sortBy(Member_.name.asc(), Member_.age.desc()).list(); // ada, cleo, finn
    // end::sort[]
    assertEquals(List.of("bob", "ada", "eve", "dag", "cleo", "finn"),
        members.findAll().sortBy(Member_.age.desc()).ids());
    assertEquals(List.of("dag", "bob", "ada", "eve", "cleo", "finn"),
        members.findAll().sortBy(Member_.joinDate.asc()).ids());
    assertEquals(List.of("cleo", "eve", "ada", "bob", "dag", "finn"),
        members.findAll().sortBy(Member_.joinDate.desc()).ids());
    assertEquals(List.of("ada", "cleo", "finn"),
        members.find(Member_.city.eq("Oslo")).sortBy(Member_.name.asc(), Member_.age.desc()).ids());
  }

  @Test
  void paging() {
    // tag::paging[]
    Query<Member, String> byAge = members.findAll().sortBy(Member_.age.desc());
    List<Member> firstPage = byAge.limit(2).list();            // bob, ada
    List<Member> secondPage = byAge.offset(2).limit(2).list(); // eve, dag
    List<Member> everyone = byAge.list();                      // all six: no hidden default limit
    // end::paging[]
    assertEquals(List.of("bob", "ada"), ids(firstPage));
    assertEquals(List.of("eve", "dag"), ids(secondPage));
    assertEquals(6, everyone.size());
  }

  @Test
  void terminals() {
    // tag::terminals[]
    Query<Member, String> inOslo = members.find(Member_.city.eq("Oslo"));
    Optional<Member> youngest = inOslo.sortBy(Member_.age.asc()).first(); // finn
    boolean anyInParis = members.find(Member_.city.eq("Paris")).exists(); // false
    List<String> ids = inOslo.ids();                                      // [ada, cleo, finn]
    long howMany = inOslo.count();                                        // 3
    long everyone = members.count();                                      // 6
    // end::terminals[]
    assertEquals("finn", youngest.orElseThrow().id());
    assertFalse(anyInParis);
    assertEquals(List.of("ada", "cleo", "finn"), ids);
    assertEquals(3, howMany);
    assertEquals(6, everyone);
  }

  @Test
  void cursor() {
    List<String> seen = new ArrayList<>();
    // tag::cursor[]
    try (Stream<Member> all = members.findAll().sortBy(Member_.name.asc()).pageSize(2).stream()) {
      all.forEach(member -> seen.add(member.name())); // three round trips of two documents
    }
    try (Query.Cursor<Member> cursor = members.find(Member_.age.gte(30)).iterator()) {
      while (cursor.hasNext()) {
        Member member = cursor.next();
        if (member.age() > 40) {
          break; // closing the cursor drops its server-side snapshot
        }
      }
    }
    // end::cursor[]
    assertEquals(List.of("Ada", "bob", "Cleo", "Dag", "Eve", "Finn"), seen);
  }

  @Test
  void undecodableDocuments() {
    redis.hset(members.keyOf("cleo"), "joinDate", "yesterday"); // changed by hand: not a LocalDate
    Query<Member, String> inOslo = members.find(Member_.city.eq("Oslo")).sortBy(Member_.name.asc());
    assertThrows(DeserializationException.class, inOslo::list);
    List<String> logged = new ArrayList<>();
    List<String> names = new ArrayList<>();
    // tag::readFailures[]
    BatchRead<String, Member> page = inOslo.read();
    List<Member> readable = page.values(); // Ada and Finn; Cleo's document is in page.failures()
    page.failures().forEach((id, failure) -> logged.add(failure.getMessage()));

    try (Query.Cursor<DocumentRead<String, Member>> cursor = inOslo.readIterator()) {
      while (cursor.hasNext()) {
        DocumentRead<String, Member> read = cursor.next();
        if (read.failed()) {
          logged.add(read.id() + ": " + read.failure().problem()); // cleo: cannot parse 'yesterday' …
        } else {
          names.add(read.value().name());
        }
      }
    }
    // end::readFailures[]
    assertEquals(List.of("Ada", "Finn"), readable.stream().map(Member::name).toList());
    assertEquals(List.of("cleo"), List.copyOf(page.failures().keySet()));
    assertEquals(List.of("Ada", "Finn"), names);
    assertEquals(2, logged.size());
    assertTrue(logged.get(0).startsWith("Cannot read Member.joinDate from key '" + members.keyOf("cleo") + "'"), logged.get(0));
    assertTrue(logged.get(1).startsWith("cleo: cannot parse 'yesterday'"), logged.get(1));
  }

  @Test
  void explicitScan() {
    // tag::scan[]
    List<Member> atExampleOrg;
    try (Stream<Member> everyone = members.findAll().stream()) { // every document, page by page
      atExampleOrg = everyone
          .filter(member -> member.email() != null && member.email().endsWith("@example.org"))
          .toList();
    }
    // end::scan[]
    assertEquals(List.of("ada"), atExampleOrg.stream().map(Member::id).toList());
  }

  @Test
  void deleteMatches() {
    // tag::delete[]
    long deleted = members.find(Member_.lastSeen.lt(Instant.parse("2024-06-01T00:00:00Z"))).deleteAll(); // 2
    long left = members.count(); // 4
    // end::delete[]
    assertEquals(2, deleted);
    assertEquals(4, left);
    assertFalse(members.existsById("bob"));
    assertEquals(List.of(), ids(Member_.skills.contains("chess").and(Member_.name.eq("bob"))));
  }

  @Test
  void expiredDocumentsAreNotCounted() throws InterruptedException {
    members.save(new Member("tmp", "Tim", "Oslo", null, 33, null, null, null, null, null), Duration.ofMillis(50));
    assertEquals(4, members.find(Member_.city.eq("Oslo")).count());
    Thread.sleep(120);
    assertEquals(3, members.find(Member_.city.eq("Oslo")).count());
    assertEquals(6, members.count());
  }

  @Test
  void queryExceptions() {
    // tag::queryException[]
    Query<Member, String> query = members.find(Member_.bio.matches("  ,  "));
    QueryException e = assertThrows(QueryException.class, query::list);
    // a text match on bio needs at least one word: [,]
    // end::queryException[]
    assertEquals("a text match on bio needs at least one word: [,]", e.getMessage());
    assertThrows(QueryException.class, () -> members.find(Member_.city.eq(null)).list());
    // A sort by city does not compile: only the fields that keep a sort order offer asc().
    assertFalse(SortableField.class.isInstance(Member_.city));
    assertTrue(SortableField.class.isInstance(Member_.name));
  }

  @Test
  void unindexable() {
    // tag::unindexable[]
    Member nord = new Member("nord", "Nord", null, null, 40, null, null, GeoPoint.of(15.0, 86.0), null, null);
    SerializationException e = assertThrows(SerializationException.class, () -> members.save(nord));
    e.field(); // "home": Redis GEO indexes latitudes within ±85.05112878 only, not 86.0
    // end::unindexable[]
    assertEquals("home", e.field());
    assertEquals("Member", e.model());
    assertFalse(members.existsById("nord"));
  }

  @Test
  void migrates(RedisServer server) {
    String redisUrl = server.url();
    // tag::migrate[]
    try (Rekord rekord = Rekord.connect(redisUrl)) {
      MigrationReport report = rekord.migrate((model, done, total) ->
          System.out.printf("rebuilding %s: %,d of %,d%n", model, done, total));
      for (MigrationReport.ModelMigration model : report.models()) {
        System.out.printf("%s (%s, %d bucket(s)): %s, %,d reindexed%n", model.model(),
            model.keyPrefix(), model.buckets(), model.outcome(), model.reindexed());
      }
    }
    // end::migrate[]
    try (Rekord rekord = Rekord.connect(redisUrl)) {
      MigrationReport.ModelMigration again = rekord.migrate().model("members");
      assertEquals(MigrationReport.Outcome.VERIFIED, again.outcome());
      assertEquals(1, again.buckets());
    }
  }

  @Test
  void rebuildsAChangedIndex(RedisServer server) {
    // A changed definition, simulated: the schema record names another fingerprint.
    redis.hset("rekord:schema:members", "fingerprint", "0123456789abcdef");
    try (Rekord rekord = Rekord.connect(server.url())) {
      MemberRepository members = new MemberRepository(rekord);
      // tag::mismatch[]
      assertThrows(SchemaMismatchException.class, () -> members.find(Member_.city.eq("Oslo")).list());
      members.findById("ada"); // reads by id work throughout
      MigrationReport report = rekord.migrate(); // rebuilds the index: REBUILT, 6 reindexed
      members.find(Member_.city.eq("Oslo")).list(); // ada, cleo, finn
      // end::mismatch[]
      assertTrue(members.findById("ada").isPresent());
      assertEquals(MigrationReport.Outcome.REBUILT, report.model("members").outcome());
      assertEquals(6, report.model("members").reindexed());
      assertEquals(List.of("ada", "cleo", "finn"), members.find(Member_.city.eq("Oslo")).ids());
    }
  }

  @Test
  void bucketsAreFixedAtCreation(RedisServer server) {
    redis.flushAll();
    String redisUrl = server.url();
    // tag::buckets[]
    try (Rekord rekord = Rekord.builder().url(redisUrl).buckets(4).build()) {
      rekord.migrate(); // new models get 4 buckets: keys {members:0}:<id> … {members:3}:<id>
      MemberRepository members = new MemberRepository(rekord);
      members.save(new Member("ada", "Ada", "Oslo", null, 36, null, null, null, null, null));
      members.keyOf("ada"); // "{members:<b>}:ada", b = CRC32("ada") mod 4
    }
    // end::buckets[]
    try (Rekord rekord = Rekord.connect(server.url())) {
      MemberRepository members = new MemberRepository(rekord);
      assertEquals(4, members.buckets());
      assertTrue(members.keyOf("ada").matches("\\{members:[0-3]}:ada"), members.keyOf("ada"));
      assertEquals(List.of("ada"), members.find(Member_.city.eq("Oslo")).ids());
    }
  }

  @Test
  void keepsTheIndexCommandForReview() throws IOException {
    try (InputStream in = QueriesTest.class.getResourceAsStream(
        "/META-INF/rekord/dev.rekord.docs.queries.Member.redis")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      System.out.println(text);
      assertTrue(text.contains("FT.CREATE"), text);
      assertTrue(text.contains("Rekord does not run this command"), text);
    }
  }
}
