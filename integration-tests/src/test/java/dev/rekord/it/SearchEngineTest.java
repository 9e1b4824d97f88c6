package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.Engine;
import dev.rekord.Rekord;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.it.model.Address;
import dev.rekord.it.model.ItemHash;
import dev.rekord.it.model.ItemHashModel;
import dev.rekord.it.model.ItemHashRepository;
import dev.rekord.it.model.ItemHash_;
import dev.rekord.it.model.ItemJson;
import dev.rekord.it.model.ItemJsonModel;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberIndex;
import dev.rekord.it.model.MemberModel;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.it.model.TicketModel;
import dev.rekord.schema.MigrationReport.ModelMigration;
import dev.rekord.schema.MigrationReport.Outcome;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import dev.rekord.model.GeoPoint;
import dev.rekord.query.DistanceUnit;
import dev.rekord.update.Update;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * The search engine against a server with the Redis Query Engine: the choice of engine, the stored
 * form, expiry, paging without hidden caps, and migrations behind the alias. Skipped, saying how to
 * enable it, where the module is not found.
 */
class SearchEngineTest {

  /** A server without the module, for the choices that depend on it. */
  @RegisterExtension static RedisExtension plain = RedisExtension.create();

  private static RedisServer server;
  private static final String ALIAS = "rekord:member-idx";

  @BeforeAll
  static void startServerWithModule() {
    server = RedisModules.startSearchServer("--enable-debug-command", "yes");
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void flush() {
    server.flushAll();
  }

  /** A Rekord where {@code Member} runs on {@code engine} (every other model on AUTO). */
  private static Rekord rekord(Engine engine) {
    return Rekord.builder().url(server.url()).engine(Member.class, engine).build();
  }

  private static UnifiedJedis raw() {
    return new RedisTarget(server).raw();
  }

  private static Member member(String id, String city, LocalDate joined, int age) {
    return new Member(id, city, joined, age, List.of("t"), null);
  }

  // ------------------------------------------------------------------ the choice of engine

  @Test
  void autoChoosesTheSearchEngineForHashesOnAServerWithTheModule() {
    try (Rekord rekord = rekord(Engine.AUTO)) {
      assertEquals(Engine.SEARCH, rekord.engineOf(MemberModel.INSTANCE));
      assertEquals(Engine.PORTABLE, rekord.engineOf(ItemJsonModel.INSTANCE)); // JSON as plain strings
      // the search engine's write script checks @Version too (VersionTest runs on it)
      assertEquals(Engine.SEARCH, rekord.engineOf(TicketModel.INSTANCE));
    }
    try (Rekord rekord = Rekord.connect(server.url())) { // AUTO is the default
      assertEquals(Engine.SEARCH, rekord.engineOf(MemberModel.INSTANCE));
    }
    try (Rekord rekord = rekord(Engine.PORTABLE)) {
      assertEquals(Engine.PORTABLE, rekord.engineOf(MemberModel.INSTANCE));
    }
  }

  /** Partial updates run on the search engine (PartialUpdateTest covers every operation on it). */
  @Test
  void aPartialUpdateOnTheSearchEngineMovesTheDocumentInTheIndex() {
    try (Rekord rekord = rekord(Engine.SEARCH)) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      members.save(member("m1", "Oslo", LocalDate.of(2024, 1, 1), 30));
      assertEquals(31, members.update("m1", Update.increment(Member_.age, 1)).age());
      assertEquals(31, members.findById("m1").orElseThrow().age());
      assertEquals(List.of("m1"), members.find(Member_.age.eq(31)).ids());
      assertEquals(0, members.find(Member_.age.eq(30)).count());
    }
  }

  @Test
  void autoChoosesThePortableEngineWithoutTheModule() {
    try (Rekord rekord = Rekord.connect(plain.server().url())) {
      assertEquals(Engine.PORTABLE, rekord.engineOf(MemberModel.INSTANCE));
    }
  }

  @Test
  void searchOnAJsonModelIsAConfigurationErrorNamingIt() {
    try (Rekord rekord = Rekord.builder().url(server.url()).engine(Engine.PORTABLE)
        .engine(ItemJson.class, Engine.SEARCH).engine(Member.class, Engine.SEARCH).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> rekord.engineOf(ItemJsonModel.INSTANCE));
      assertTrue(e.getMessage().contains("ItemJson is stored as JSON"), e.getMessage());
      assertThrows(IllegalStateException.class, rekord::migrate);
      assertEquals(Engine.SEARCH, rekord.engineOf(MemberModel.INSTANCE));
      assertEquals(Engine.PORTABLE, rekord.engineOf(ItemHashModel.INSTANCE));
    }
  }

  @Test
  void searchWithoutTheModuleIsAConfigurationErrorNamingTheModel() {
    try (Rekord rekord = Rekord.builder().url(plain.server().url()).engine(Member.class, Engine.SEARCH).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> new MemberRepository(rekord).save(member("m1", "Oslo", null, 1)));
      assertTrue(e.getMessage().contains("Member cannot run on the search engine"), e.getMessage());
    }
  }

  // ------------------------------------------------------------------ stored form

  @Test
  void aDateKeepsItsIsoTextAndGetsANumericIndexFieldBesideIt() {
    try (Rekord rekord = rekord(Engine.AUTO); UnifiedJedis raw = raw()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      Member ada = member("ada", "Oslo", LocalDate.of(2024, 5, 1), 36);
      members.save(ada);
      Map<String, String> stored = raw.hgetAll(members.keyOf("ada"));
      assertEquals("2024-05-01", stored.get("joinDate")); // as the codec writes it, unchanged
      assertEquals(Long.toString(LocalDate.of(2024, 5, 1).toEpochDay()), stored.get("__rk.n.joinDate"));
      assertEquals(ada, members.findById("ada").orElseThrow()); // index fields do not disturb decoding
      assertEquals(List.of("ada"), members.find(Member_.joinDate.between(LocalDate.of(2024, 5, 1),
          LocalDate.of(2024, 5, 1))).ids());
      assertEquals(List.of(), members.find(Member_.joinDate.gt(LocalDate.of(2024, 5, 1))).ids());
    }
  }

  /**
   * The stored layout keeps no copy the Query Engine can do without: one point is indexed from the
   * codec's own {@code lon,lat}, the id is stored as written (not as hex), the prefixes of a tag
   * leave out the whole value (stored once, as the tag), and a document that never expires has no
   * {@code __rk.exp}; every query still finds the document.
   */
  @Test
  void theStoredHashHoldsNoIndexFieldTheDocumentAlreadyHasInTheFormNeeded() {
    try (Rekord rekord = rekord(Engine.AUTO); UnifiedJedis raw = raw()) {
      rekord.migrate();
      ItemHashRepository items = new ItemHashRepository(rekord);
      GeoPoint oslo = new GeoPoint(10.75, 59.91);
      ItemHash item = new ItemHash("i\0d", "abc", null, null, null, null, null, null, null, oslo, null, null, null,
          null);
      items.save(item);
      Map<String, String> stored = raw.hgetAll(items.keyOf(item.id()));
      assertEquals("10.75,59.91", stored.get("where")); // the codec's form, which the index reads
      assertFalse(stored.containsKey("__rk.g.where"), stored.toString());
      assertEquals("i\1\1d", stored.get("__rk.id")); // as written, U+0000 escaped: no hex
      assertEquals("x616263", stored.get("__rk.t.sku"));
      assertEquals("x,x61,x6162", stored.get("__rk.p.sku")); // not x616263 again
      assertFalse(stored.containsKey("__rk.exp"), stored.toString()); // it never expires
      assertEquals(List.of(item.id()), items.find(ItemHash_.where.within(oslo, 1, DistanceUnit.M)).ids());
      assertEquals(List.of(item.id()), items.find(ItemHash_.sku.startsWith("abc")).ids());
      assertEquals(List.of(item.id()), items.find(ItemHash_.sku.startsWith("ab")).ids());
      assertEquals(List.of(item.id()), items.find(ItemHash_.sku.startsWith("")).ids());
      assertEquals(List.of(), items.find(ItemHash_.sku.startsWith("abcd")).ids());
      assertEquals(List.of(item), items.findAll().list());
    }
  }

  /**
   * A save writes over the stored hash (never deleting it first, which loses the document while its
   * slot migrates): a field the new document no longer has and an expiry it no longer has are gone,
   * and the index finds it by its new values only.
   */
  @Test
  void aSaveOverAStoredDocumentLeavesNoFieldOrExpiryOfTheOldOne() {
    try (Rekord rekord = rekord(Engine.SEARCH); UnifiedJedis raw = raw()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      members.save(new Member("ada", "Oslo", LocalDate.of(2024, 5, 1), 36, List.of("a", "b"),
          new Address("Main St", "Oslo", null)), Duration.ofHours(1));
      Map<String, String> before = raw.hgetAll(members.keyOf("ada"));
      assertTrue(before.containsKey("__rk.exp") && before.keySet().stream().anyMatch(f -> f.startsWith("address")),
          before.toString());

      Member plain = new Member("ada", "Rome", LocalDate.of(2024, 5, 1), 37, null, null);
      members.save(plain);

      Map<String, String> after = raw.hgetAll(members.keyOf("ada"));
      assertFalse(after.containsKey("__rk.exp"), after.toString());
      assertTrue(after.keySet().stream().noneMatch(f -> f.startsWith("address") || f.equals("tags")), after.toString());
      assertEquals(-1L, raw.pttl(members.keyOf("ada")), "no expiry left");
      assertEquals(plain, members.findById("ada").orElseThrow());
      assertEquals(List.of("ada"), members.find(Member_.city.eq("Rome")).ids());
      assertEquals(List.of(), members.find(Member_.city.eq("Oslo")).ids());
      assertEquals(List.of(), members.find(Member_.tags.contains("a")).ids());
      assertEquals(List.of("ada"), members.find(Member_.tags.isNull()).ids());
    }
  }

  /**
   * A page of documents is one round trip: one script runs {@code FT.AGGREGATE} and reads the
   * page's documents beside it (counted by the server's {@code INFO commandstats} and {@code
   * total_reads_processed}); no read follows.
   */
  @Test
  void aPageOfDocumentsIsOneRoundTrip() {
    try (Rekord rekord = rekord(Engine.SEARCH); UnifiedJedis raw = raw()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      List<Member> saved = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        saved.add(member("m" + (char) ('A' + i), i % 2 == 0 ? "Oslo" : "Rome", LocalDate.of(2024, 1, 1 + i), i % 5));
      }
      members.saveAll(saved);
      members.find(Member_.city.eq("Oslo")).limit(1).list(); // the clock and the scripts warmed up
      raw.executeCommand(new redis.clients.jedis.CommandArguments(redis.clients.jedis.Protocol.Command.CONFIG).add("RESETSTAT"));
      List<Member> page = members.find(Member_.city.eq("Oslo")).sortBy(Member_.age.desc()).offset(2).limit(5).list();
      long reads = statistic(raw, "total_reads_processed"); // the client's requests, this INFO's too
      Map<String, Long> calls = commandCalls(raw);
      // one call, which runs the query and reads the page's five documents (and the INFO stats above)
      assertEquals(Map.of("config|resetstat", 1L, "info", 1L, "evalsha", 1L, "ft.aggregate", 1L, "hgetall", 5L), calls);
      assertEquals(2, reads, "the page and the INFO asking for it");
      List<Member> expected = saved.stream().filter(m -> m.city().equals("Oslo"))
          // ties in id order, in the direction of the last sort key
          .sorted(java.util.Comparator.comparing(Member::age).thenComparing(Member::id).reversed())
          .skip(2).limit(5).toList();
      assertEquals(expected, page);
    }
  }

  /** A counter of {@code INFO stats}. */
  private static long statistic(UnifiedJedis raw, String name) {
    for (String line : raw.info("stats").split("\\r?\\n")) {
      if (line.startsWith(name + ":")) {
        return Long.parseLong(line.substring(name.length() + 1).trim());
      }
    }
    throw new IllegalStateException("no " + name + " in INFO stats");
  }

  /** The calls per command since the last {@code CONFIG RESETSTAT}, by lower-case name. */
  private static Map<String, Long> commandCalls(UnifiedJedis raw) {
    Map<String, Long> calls = new java.util.TreeMap<>();
    for (String line : raw.info("commandstats").split("\\r?\\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
        String count = line.substring(line.indexOf("calls=") + "calls=".length());
        calls.put(name, Long.parseLong(count.substring(0, count.indexOf(','))));
      }
    }
    return calls;
  }

  // ------------------------------------------------------------------ expiry, paging

  @Test
  void anExpiredDocumentRedisHasNotYetRemovedIsNeverReturned() throws InterruptedException {
    try (Rekord rekord = rekord(Engine.AUTO)) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      members.save(member("kept", "Oslo", null, 1));
      server.command("DEBUG", "SET-ACTIVE-EXPIRE", "0"); // expired keys stay until touched
      try {
        members.save(member("brief", "Oslo", null, 2), Duration.ofMillis(50));
        Thread.sleep(150);
        Object indexed = server.command("FT.SEARCH", ALIAS, "*", "LIMIT", "0", "0");
        assertEquals(2L, ((List<?>) indexed).get(0)); // the module still has it
        assertEquals(List.of("kept"), members.find(Member_.city.eq("Oslo")).ids());
        assertEquals(1, members.find(Member_.city.eq("Oslo")).count());
        assertEquals(List.of("kept"), members.findAll().stream().map(Member::id).toList());
      } finally {
        server.command("DEBUG", "SET-ACTIVE-EXPIRE", "1");
      }
    }
  }

  @Test
  void everyMatchWithoutALimitAndNoHiddenTenRowPage() {
    try (Rekord rekord = rekord(Engine.AUTO)) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      List<Member> saved = new ArrayList<>();
      for (int i = 0; i < 1234; i++) {
        saved.add(member(String.format("m%04d", i), i % 2 == 0 ? "Oslo" : "Rome", null, i % 50));
      }
      members.saveAll(saved);
      assertEquals(617, members.find(Member_.city.eq("Oslo")).ids().size());
      assertEquals(1234, members.findAll().ids().size());
      assertEquals(1234, members.findAll().limit(Long.MAX_VALUE).ids().size());
      assertEquals(List.of("m1233"), members.findAll().offset(1233).limit(Long.MAX_VALUE).ids());
      assertEquals(1234, members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).ids().size());
      assertEquals(List.of("m1230", "m1232"), members.find(Member_.city.eq("Oslo")).offset(615).limit(100).ids());
      assertEquals(List.of(), members.findAll().offset(2_000_000).limit(10).ids()); // past MAXSEARCHRESULTS
      server.command("FT.CONFIG", "SET", "MAXSEARCHRESULTS", "1000");
      try { // the server refuses an offset past it: the page is read through a cursor
        List<String> all = members.findAll().sortBy(Member_.age.asc()).ids();
        assertEquals(all.subList(1100, 1150), members.findAll().sortBy(Member_.age.asc()).offset(1100).limit(50).ids());
      } finally {
        server.command("FT.CONFIG", "SET", "MAXSEARCHRESULTS", "1000000");
      }
      assertEquals(1234, members.findAll().pageSize(100).stream().count());
      assertEquals(617, members.find(Member_.city.eq("Oslo")).deleteAll());
      assertEquals(617, members.count());
    }
  }

  @Test
  void startsWithPrefixesLongerThanTheStoredOnes() {
    try (Rekord rekord = rekord(Engine.AUTO)) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      String base = "ø".repeat(40); // 80 bytes: past the 64 stored
      members.save(member("a", base + "-alpha", null, 1));
      members.save(member("b", base + "-beta", null, 2));
      members.save(member("c", base, null, 3));
      members.save(member("d", "ø".repeat(39) + "x", null, 4));
      assertEquals(List.of("a", "b", "c"), members.find(Member_.city.startsWith(base)).ids());
      assertEquals(List.of("a"), members.find(Member_.city.startsWith(base + "-a")).ids());
      assertEquals(List.of("a", "b", "c", "d"), members.find(Member_.city.startsWith("ø".repeat(32))).ids());
      assertEquals(List.of("a", "b", "c", "d"), members.find(Member_.city.startsWith("")).ids());
      assertEquals(List.of(), members.find(Member_.city.startsWith(base + "-alphabet")).ids());
    }
  }

  /**
   * More values start with a long prefix than the module's prefix expansion reaches ({@code
   * MAXPREFIXEXPANSIONS}, 200): every one is found, in a count, a list and a sorted page, where
   * the expansion silently stopped at 200.
   */
  @Test
  void aLongPrefixFindsEveryValueBeyondTheModulesExpansionLimit() {
    try (Rekord rekord = rekord(Engine.SEARCH)) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      String base = "https://shop.example.com/catalog/electronics/phones/smartphones/refurbished/";
      List<Member> all = new ArrayList<>();
      for (int i = 0; i < 260; i++) {
        all.add(new Member("m" + i, base + "item-" + i, null, i, List.of("t"), null));
      }
      all.add(member("x", base.substring(0, 70) + "elsewhere", null, 1));
      members.saveAll(all);
      assertEquals(260, members.find(Member_.city.startsWith(base)).count());
      assertEquals(260, members.find(Member_.city.startsWith(base + "item-")).list().size());
      assertEquals(List.of("m250", "m251"), members.find(Member_.city.startsWith(base + "item-25"))
          .sortBy(Member_.age.asc()).offset(1).limit(2).ids());
      assertEquals(261, members.find(Member_.city.startsWith(base.substring(0, 70))).count());
      assertEquals(0, members.find(Member_.city.startsWith(base + "item-x")).count());
    }
  }

  @Test
  void verifyIndexNamesDocumentsWithoutIndexFields() {
    try (Rekord rekord = rekord(Engine.AUTO); UnifiedJedis raw = raw()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      members.save(member("a", "Oslo", null, 1));
      assertTrue(members.verifyIndex().consistent());
      raw.hset(members.keyOf("x"), Map.of("id", "x", "city", "Oslo", "age", "3")); // written by hand
      var report = members.verifyIndex();
      assertEquals(2, report.documents());
      assertEquals(List.of("x"), report.discrepancies().stream().map(d -> d.id()).toList());
    }
  }

  // ------------------------------------------------------------------ migrations

  @Test
  void firstMigrationCreatesTheIndexBehindTheAliasAndTheNextVerifiesIt() {
    try (Rekord rekord = rekord(Engine.AUTO); UnifiedJedis raw = raw()) {
      ModelMigration created = rekord.migrate().model("member");
      assertEquals(Outcome.CREATED, created.outcome());
      assertEquals(MemberIndex.DEFINITION.fingerprint(), created.fingerprint());
      assertEquals(indexName(), aliasTarget(raw));
      assertEquals(Outcome.VERIFIED, rekord.migrate().model("member").outcome());
    }
  }

  /**
   * A document of the former stored layout (format 1: the id as hex, an expiry stored for a
   * document that never expires) behind an index of that format: migrate() rebuilds the index
   * under the new format's name and rewrites the document's index fields.
   */
  @Test
  void anIndexOfTheFormerLayoutIsRebuiltAndItsDocumentsRewritten() throws InterruptedException {
    try (Rekord rekord = rekord(Engine.SEARCH); UnifiedJedis raw = raw()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      members.save(member("ada", "Oslo", null, 36));
      String key = members.keyOf("ada");
      raw.hset(key, Map.of("__rk.id", "x616461", "__rk.exp", "1e300"));
      String old = "rekord:member-idx:1:" + MemberIndex.DEFINITION.fingerprint();
      List<String> create = new ArrayList<>(List.of("FT.CREATE", old));
      create.addAll(createArguments(raw));
      server.command(create.toArray(String[]::new));
      awaitIndexed(raw, old);
      server.command("FT.ALIASUPDATE", ALIAS, old);
      server.command("FT.DROPINDEX", indexName());

      assertEquals(Outcome.REBUILT, rekord.migrate().model("member").outcome());
      assertEquals(indexName(), aliasTarget(raw));
      Map<String, String> stored = raw.hgetAll(key);
      assertEquals("ada", stored.get("__rk.id"));
      assertFalse(stored.containsKey("__rk.exp"), stored.toString());
      assertEquals(List.of("ada"), members.find(Member_.city.eq("Oslo")).ids());
      assertEquals(List.of(member("ada", "Oslo", null, 36)), members.find(Member_.city.eq("Oslo")).list());
    }
  }

  @Test
  void documentsWrittenByThePortableEngineGetIndexFieldsAndBackAgainThePortableIndexIsRebuilt() {
    try (Rekord portable = rekord(Engine.PORTABLE)) {
      portable.migrate();
      MemberRepository members = new MemberRepository(portable);
      members.save(member("a", "Oslo", LocalDate.of(2020, 1, 1), 1));
      members.save(member("b", "Rome", LocalDate.of(2021, 1, 1), 2));
      members.save(member("c", "Oslo", LocalDate.of(2022, 1, 1), 3), Duration.ofMinutes(5));
    }
    try (Rekord search = rekord(Engine.AUTO); UnifiedJedis raw = raw()) {
      ModelMigration migrated = search.migrate().model("member");
      assertEquals(Outcome.CREATED, migrated.outcome());
      assertEquals(3, migrated.reindexed());
      MemberRepository members = new MemberRepository(search);
      assertEquals(List.of("c", "a"), members.find(Member_.city.eq("Oslo")).sortBy(Member_.joinDate.desc()).ids());
      assertTrue(raw.pttl(members.keyOf("c")) > 0, "the expiry is kept");
      members.save(member("d", "Oslo", null, 4)); // only the search index learns of it
    }
    try (Rekord portable = rekord(Engine.PORTABLE)) {
      MemberRepository members = new MemberRepository(portable);
      assertThrows(SchemaMismatchException.class, () -> members.find(Member_.city.eq("Oslo")).ids());
      assertEquals(Outcome.REBUILT, portable.migrate().model("member").outcome());
      assertEquals(List.of("a", "c", "d"), members.find(Member_.city.eq("Oslo")).ids());
    }
  }

  @Test
  void aChangedDefinitionIsRebuiltBehindTheAliasWhileQueriesKeepAnswering() throws Exception {
    try (Rekord rekord = rekord(Engine.AUTO); UnifiedJedis raw = raw()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      List<Member> saved = new ArrayList<>();
      for (int i = 0; i < 3000; i++) {
        saved.add(member("m" + i, i % 3 == 0 ? "Oslo" : "Rome", null, i % 90));
      }
      members.saveAll(saved);
      // the index of an older definition: same fields, another fingerprint, behind the alias
      String old = "rekord:member-idx:1:0123456789abcdef";
      List<String> create = new ArrayList<>(List.of("FT.CREATE", old));
      create.addAll(createArguments(raw));
      server.command(create.toArray(String[]::new));
      awaitIndexed(raw, old);
      server.command("FT.ALIASUPDATE", ALIAS, old);
      server.command("FT.DROPINDEX", indexName());

      AtomicBoolean done = new AtomicBoolean();
      AtomicLong queries = new AtomicLong();
      List<String> failures = new CopyOnWriteArrayList<>();
      Thread reader = new Thread(() -> {
        while (!done.get()) {
          try {
            long count = members.find(Member_.city.eq("Oslo")).count();
            if (count != 1000) {
              failures.add("count " + count);
            }
            queries.incrementAndGet();
          } catch (RuntimeException e) {
            failures.add(e.toString());
          }
        }
      });
      reader.start();
      ModelMigration rebuilt;
      try {
        rebuilt = rekord.migrate().model("member");
        Thread.sleep(50);
      } finally {
        done.set(true);
        reader.join();
      }
      assertEquals(Outcome.REBUILT, rebuilt.outcome());
      assertEquals(3000, rebuilt.reindexed());
      assertEquals(List.of(), failures);
      assertTrue(queries.get() > 0, "queries ran during the rebuild");
      assertEquals(indexName(), aliasTarget(raw));
      List<?> indexes = (List<?>) server.command("FT._LIST");
      assertFalse(indexes.stream().map(SearchEngineTest::text).anyMatch(old::equals), "the old index is dropped");
      assertEquals(1000, members.find(Member_.city.eq("Oslo")).count());
    }
  }

  private static String indexName() {
    return ALIAS + ":3:" + MemberIndex.DEFINITION.fingerprint();
  }

  private static String aliasTarget(UnifiedJedis raw) {
    List<?> info = (List<?>) server.command("FT.INFO", ALIAS);
    return text(info.get(info.indexOf(info.stream().filter(o -> text(o).equals("index_name")).findFirst().orElseThrow()) + 1));
  }

  /** The FT.CREATE arguments of the current index, from its own FT.INFO attributes. */
  private static List<String> createArguments(UnifiedJedis raw) {
    List<String> args = new ArrayList<>(List.of("ON", "HASH", "PREFIX", "1", "{member}:", "STOPWORDS", "0", "SCHEMA"));
    List<?> info = (List<?>) server.command("FT.INFO", indexName());
    int at = info.stream().map(SearchEngineTest::text).toList().indexOf("attributes");
    for (Object attribute : (List<?>) info.get(at + 1)) {
      List<String> a = ((List<?>) attribute).stream().map(SearchEngineTest::text).toList();
      args.addAll(List.of(a.get(1), "AS", a.get(3), a.get(5)));
      if (a.get(5).equals("TAG")) {
        args.addAll(List.of("SEPARATOR", ","));
      }
      if (a.contains("SORTABLE")) {
        args.add("SORTABLE");
      }
    }
    return args;
  }

  private static void awaitIndexed(UnifiedJedis raw, String index) throws InterruptedException {
    while (true) {
      List<String> info = ((List<?>) server.command("FT.INFO", index)).stream()
          .map(SearchEngineTest::text).toList();
      if (info.get(info.indexOf("indexing") + 1).equals("0")) {
        return;
      }
      Thread.sleep(10);
    }
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(reply);
  }

}
