package dev.rekord.it;

import static dev.rekord.update.Update.add;
import static dev.rekord.update.Update.append;
import static dev.rekord.update.Update.decrement;
import static dev.rekord.update.Update.increment;
import static dev.rekord.update.Update.insert;
import static dev.rekord.update.Update.minus;
import static dev.rekord.update.Update.plus;
import static dev.rekord.update.Update.popFirst;
import static dev.rekord.update.Update.popLast;
import static dev.rekord.update.Update.prepend;
import static dev.rekord.update.Update.put;
import static dev.rekord.update.Update.remove;
import static dev.rekord.update.Update.removeKey;
import static dev.rekord.update.Update.set;
import static dev.rekord.update.Update.trim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.DocumentLock;
import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import dev.rekord.exception.DocumentNotFoundException;
import dev.rekord.exception.FencedWriteException;
import dev.rekord.it.model.Address;
import dev.rekord.it.model.Tally;
import dev.rekord.it.model.TallyJson;
import dev.rekord.it.model.TallyJsonRepository;
import dev.rekord.it.model.TallyJson_;
import dev.rekord.it.model.TallyModel;
import dev.rekord.it.model.TallyRepository;
import dev.rekord.it.model.Tally_;
import dev.rekord.metamodel.CollectionField;
import dev.rekord.model.Engine;
import dev.rekord.metamodel.DateField;
import dev.rekord.metamodel.NumericField;
import dev.rekord.metamodel.StringField;
import dev.rekord.query.Attribute;
import dev.rekord.query.Condition;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Partial updates ({@code repository.update(id, Update…)}) on a standalone server, on the cluster
 * and on the search engine (a standalone server with the Redis Query Engine: hash only), for a hash model ({@link Tally}) and a JSON one ({@link TallyJson}): each operation's
 * result and stored value, the index entries they move (tags, numbers, sort orders, a compound
 * index, {@code #ttl}), {@code updateIf}, and threads of two clients hammering the same documents
 * without losing an update.
 */
class PartialUpdateTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.builder().flushBeforeEach(false).build();

  /** One deployment (two independent clients) and one storage, with the model's fields. */
  record Case<R>(String name, Rekord first, Rekord second, Function<Rekord, RekordRepository<R, String>> repository,
      Fields<R> fields, Function<Tally, R> from, Function<R, Tally> to) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** The metamodel fields of Tally or TallyJson. */
  record Fields<R>(Attribute<R, String> id, StringField<R> name, NumericField<R, Integer> count, NumericField<R, Long> total,
      NumericField<R, BigDecimal> balance, Attribute<R, Double> ratio, Attribute<R, String> log,
      CollectionField<R, String, List<String>> events, CollectionField<R, String, Set<String>> labels,
      Attribute<R, Map<String, Long>> counters, DateField<R, LocalDate> day, DateField<R, Instant> at,
      StringField<R> city, Attribute<R, String> street) {}

  private static final Fields<Tally> HASH = new Fields<>(Tally_.id, Tally_.name, Tally_.count, Tally_.total,
      Tally_.balance, Tally_.ratio, Tally_.log, Tally_.events, Tally_.labels, Tally_.counters, Tally_.day, Tally_.at,
      Tally_.address.city, Tally_.address.street);
  private static final Fields<TallyJson> JSON = new Fields<>(TallyJson_.id, TallyJson_.name, TallyJson_.count,
      TallyJson_.total, TallyJson_.balance, TallyJson_.ratio, TallyJson_.log, TallyJson_.events, TallyJson_.labels,
      TallyJson_.counters, TallyJson_.day, TallyJson_.at, TallyJson_.address.city, TallyJson_.address.street);

  private static final List<Case<?>> cases = new ArrayList<>();
  private static final List<Rekord> clients = new ArrayList<>();
  /** A standalone server with the Redis Query Engine, for the search-engine case. */
  private static RedisServer searchServer;

  @BeforeAll
  static void connect() {
    connectTo("standalone", redis.server().url());
    connectTo("cluster", RedisTarget.cluster().url());
    searchServer = RedisModules.startSearchServerIfFound("PartialUpdateTest").orElse(null);
    if (searchServer != null) {
      // AUTO puts the hash model Tally on the search engine (TallyJson, JSON text, stays portable)
      Rekord search = connectTo("search", searchServer.url());
      assertEquals(Engine.SEARCH, search.engineOf(TallyModel.INSTANCE));
    }
  }

  private static Rekord connectTo(String deployment, String url) {
    Rekord first = Rekord.connect(url);
    Rekord second = Rekord.connect(url);
    clients.add(first);
    clients.add(second);
    first.migrate();
    cases.add(new Case<>(deployment + "/hash", first, second, TallyRepository::new, HASH, t -> t, t -> t));
    if (!deployment.equals("search")) {
      cases.add(new Case<>(deployment + "/json", first, second, TallyJsonRepository::new, JSON,
          PartialUpdateTest::json, PartialUpdateTest::hash));
    }
    return first;
  }

  @AfterAll
  static void disconnect() {
    clients.forEach(Rekord::close);
    if (searchServer != null) {
      searchServer.close();
    }
  }

  static Stream<Case<?>> cases() {
    return cases.stream();
  }

  private static Tally tally(String id) {
    return new Tally(id, "Ada", 5, 100L, new BigDecimal("10.50"), 0.5, "a", List.of("x", "y", "z"),
        Set.of("red"), Map.of("hits", 1L), LocalDate.of(2024, 1, 31), Instant.parse("2024-05-01T10:00:00Z"),
        new Address("Main St", "Oslo", null));
  }

  @ParameterizedTest
  @MethodSource("cases")
  <R> void everyOperationStoresAndReturnsTheNewValuesAndMovesTheIndexEntries(Case<R> c) {
    RekordRepository<R, String> repo = c.repository().apply(c.first());
    Fields<R> f = c.fields();
    String id = "ops-" + c.name().replace('/', '-');
    repo.save(c.from().apply(tally(id)));

    R updated = repo.update(id,
        set(f.name(), "Grace"),
        increment(f.count(), 3),
        decrement(f.total(), 40L),
        increment(f.balance(), new BigDecimal("0.25")),
        increment(f.ratio(), 1.25),
        append(f.log(), "b"),
        append(f.events(), "w"),
        prepend(f.events(), "v"),
        insert(f.events(), 2, "i"),
        remove(f.events(), "y"),
        add(f.labels(), "blue"),
        remove(f.labels(), "red"),
        put(f.counters(), "misses", 2L),
        removeKey(f.counters(), "hits"),
        plus(f.day(), Period.ofMonths(1)),
        minus(f.at(), Duration.ofHours(2)),
        set(f.city(), "Bergen"));

    Tally expected = new Tally(id, "Grace", 8, 60L, new BigDecimal("10.75"), 1.75, "ab",
        List.of("v", "x", "i", "z", "w"), Set.of("blue"), Map.of("misses", 2L), LocalDate.of(2024, 2, 29),
        Instant.parse("2024-05-01T08:00:00Z"), new Address("Main St", "Bergen", null));
    assertEquals(expected, c.to().apply(updated), "the returned document");
    assertEquals(expected, c.to().apply(repo.findById(id).orElseThrow()), "the stored document");

    // every kind of index entry moved: tags, numbers, sort orders, the compound index, the embedded tag
    assertEquals(List.of(id), ids(repo, id, f.name().eq("Grace")));
    assertEquals(List.of(), ids(repo, id, f.name().eq("Ada")));
    assertEquals(List.of(id), ids(repo, id, f.count().eq(8)));
    assertEquals(List.of(id), ids(repo, id, f.name().eq("Grace").and(f.count().eq(8)))); // the compound index
    assertEquals(List.of(), ids(repo, id, f.name().eq("Ada").and(f.count().eq(5))));
    assertEquals(List.of(id), ids(repo, id, f.total().eq(60L)));
    assertEquals(List.of(id), ids(repo, id, f.balance().gt(new BigDecimal("10.6"))));
    assertEquals(List.of(id), ids(repo, id, f.events().contains("w")));
    assertEquals(List.of(), ids(repo, id, f.events().contains("y")));
    assertEquals(List.of(id), ids(repo, id, f.labels().contains("blue")));
    assertEquals(List.of(), ids(repo, id, f.labels().contains("red")));
    assertEquals(List.of(id), ids(repo, id, f.day().eq(LocalDate.of(2024, 2, 29))));
    assertEquals(List.of(id), ids(repo, id, f.at().eq(Instant.parse("2024-05-01T08:00:00Z"))));
    assertEquals(List.of(id), ids(repo, id, f.city().eq("Bergen")));
    assertEquals(List.of(), ids(repo, id, f.city().eq("Oslo")));
    assertTrue(repo.verifyIndex().consistent(), repo.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("cases")
  <R> void listPopsAndTrimsAndEmptyFieldsAndEmbeddedRecords(Case<R> c) {
    RekordRepository<R, String> repo = c.repository().apply(c.first());
    Fields<R> f = c.fields();
    String id = "lists-" + c.name().replace('/', '-');
    Tally bare = new Tally(id, null, 0, 0L, null, null, null, null, null, null, null, null, null);
    repo.save(c.from().apply(bare));

    // absent fields: numbers count from zero, strings, lists, sets and maps start empty, dates stay null
    Tally started = c.to().apply(repo.update(id, increment(f.balance(), new BigDecimal("2.5")),
        append(f.log(), "x"), append(f.events(), "a"), append(f.events(), "b"), append(f.events(), "c"),
        append(f.events(), "d"), add(f.labels(), "l"), put(f.counters(), "k", 7L), plus(f.day(), Period.ofDays(1)),
        set(f.street(), "New St")));
    assertEquals(new BigDecimal("2.5"), started.balance());
    assertEquals("x", started.log());
    assertEquals(List.of("a", "b", "c", "d"), started.events());
    assertEquals(Set.of("l"), started.labels());
    assertEquals(Map.of("k", 7L), started.counters());
    assertEquals(null, started.day());
    assertEquals(new Address("New St", null, null), started.address(), "setting a field creates the embedded record");

    assertEquals(List.of("b", "c"), c.to().apply(repo.update(id, popFirst(f.events()), popLast(f.events()))).events());
    repo.update(id, append(f.events(), "e"), append(f.events(), "f"));
    assertEquals(List.of("c", "e"), c.to().apply(repo.update(id, trim(f.events(), 1, -2))).events());
    assertEquals(List.of(), c.to().apply(repo.update(id, trim(f.events(), 5, 9))).events());
    Tally cleared = c.to().apply(repo.update(id, set(f.log(), null), set(f.balance(), null)));
    assertEquals(null, cleared.log());
    assertEquals(null, cleared.balance());
    assertEquals(List.of(), ids(repo, f.balance().isNotNull()).stream().filter(id::equals).toList());
    assertTrue(repo.verifyIndex().consistent(), repo.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("cases")
  <R> void aMissingDocumentIsNamedAndNotCreated(Case<R> c) {
    RekordRepository<R, String> repo = c.repository().apply(c.first());
    String id = "missing-" + c.name().replace('/', '-');
    DocumentNotFoundException e = assertThrows(DocumentNotFoundException.class,
        () -> repo.update(id, increment(c.fields().count(), 1)));
    assertEquals(repo.keyOf(id), e.key());
    assertEquals(id, e.id());
    assertEquals(repo.model().name(), e.model());
    assertEquals(Optional.empty(), repo.findById(id));
    repo.save(c.from().apply(tally(id)));
    IllegalArgumentException idChange = assertThrows(IllegalArgumentException.class,
        () -> repo.update(id, increment(c.fields().count(), 1), set(c.fields().id(), "other")));
    assertTrue(idChange.getMessage().contains("cannot change the id"), idChange.getMessage());
    assertEquals(5, c.to().apply(repo.findById(id).orElseThrow()).count(), "nothing was written");
    repo.deleteById(id);
    assertThrows(DocumentNotFoundException.class,
        () -> repo.updateIf(id, c.fields().count().gte(0), increment(c.fields().count(), 1)));
    assertEquals(Optional.empty(), repo.findById(id));
  }

  @ParameterizedTest
  @MethodSource("cases")
  <R> void updateIfAppliesOnlyWhenTheStoredDocumentMatches(Case<R> c) {
    RekordRepository<R, String> repo = c.repository().apply(c.first());
    Fields<R> f = c.fields();
    String id = "if-" + c.name().replace('/', '-');
    repo.save(c.from().apply(tally(id)));

    // must apply
    assertEquals(6, c.to().apply(repo.updateIf(id, f.count().gte(5), increment(f.count(), 1)).orElseThrow()).count());
    assertEquals(7, c.to().apply(repo.updateIf(id, f.name().eq("ADA").not().not().or(f.name().eq("Ada")),
        increment(f.count(), 1)).orElseThrow()).count());
    assertTrue(repo.updateIf(id, f.labels().contains("red").and(f.city().in("Oslo", "Bergen"))
        .and(f.day().between(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31))).and(f.name().startsWith("A")), increment(f.count(), 1)).isPresent());
    // must not apply: the document and its index are left alone
    assertEquals(Optional.empty(), repo.updateIf(id, f.count().gt(8), set(f.name(), "No")));
    assertEquals(Optional.empty(), repo.updateIf(id, f.city().eq("Bergen"), set(f.name(), "No")));
    assertEquals(Optional.empty(), repo.updateIf(id, f.balance().isNull(), set(f.name(), "No")));
    assertEquals(Optional.empty(), repo.updateIf(id, f.events().containsAll("x", "nope"), set(f.name(), "No")));
    Tally stored = c.to().apply(repo.findById(id).orElseThrow());
    assertEquals("Ada", stored.name());
    assertEquals(8, stored.count());
    assertEquals(List.of(), ids(repo, id, f.name().eq("No")));
    assertTrue(repo.verifyIndex().consistent(), repo.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("cases")
  <R> void anUpdateKeepsTheTimeToLive(Case<R> c) {
    RekordRepository<R, String> repo = c.repository().apply(c.first());
    String id = "ttl-" + c.name().replace('/', '-');
    repo.save(c.from().apply(tally(id)), Duration.ofMinutes(10));
    repo.update(id, increment(c.fields().count(), 1));
    long ttl = c.first().connection().execute(dev.rekord.connection.Commands.pttl(repo.keyOf(id)));
    assertTrue(ttl > Duration.ofMinutes(9).toMillis() && ttl <= Duration.ofMinutes(10).toMillis(), "ttl " + ttl);
    assertTrue(repo.verifyIndex().consistent(), repo.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("cases")
  <R> void aFencedWriteIsRefusedOnceANewerTokenWasIssued(Case<R> c) throws InterruptedException {
    RekordRepository<R, String> mine = c.repository().apply(c.first());
    RekordRepository<R, String> theirs = c.repository().apply(c.second());
    Fields<R> f = c.fields();
    String id = "fenced-" + c.name().replace('/', '-');
    mine.save(c.from().apply(tally(id)));
    DocumentLock lock = mine.lock(id, Duration.ofMillis(300));
    assertEquals(6, c.to().apply(mine.updateFenced(lock, increment(f.count(), 1))).count(), "the holder writes");
    Tally saved = tally(id);
    mine.saveFenced(c.from().apply(saved), lock);
    assertEquals(saved, c.to().apply(mine.findById(id).orElseThrow()));

    Thread.sleep(400); // the lease runs out; someone else takes the lock, with a newer token
    try (DocumentLock newer = theirs.lock(id, Duration.ofSeconds(10))) {
      assertTrue(newer.fencingToken() > lock.fencingToken());
      FencedWriteException refused = assertThrows(FencedWriteException.class,
          () -> mine.updateFenced(lock, set(f.name(), "Stale")));
      assertEquals(mine.keyOf(id), refused.key());
      assertEquals(id, refused.id());
      assertEquals(lock.fencingToken(), refused.fencingToken());
      assertThrows(FencedWriteException.class, () -> mine.saveFenced(c.from().apply(tally(id)), lock));
      assertEquals(saved, c.to().apply(mine.findById(id).orElseThrow()), "nothing was written");
      assertEquals(List.of(), ids(mine, id, f.name().eq("Stale")));
      assertEquals("New", c.to().apply(theirs.updateFenced(newer, set(f.name(), "New"))).name());
    }
    // released: the old token stays refused, as a newer one was issued after it
    assertThrows(FencedWriteException.class, () -> mine.updateFenced(lock, set(f.name(), "Stale")));
    assertTrue(mine.verifyIndex().consistent(), mine.verifyIndex().toString());
  }

  /**
   * A fenced batch writes each document whose lock's token is still the newest and refuses, by
   * name, the one whose lease ran out and was taken by someone else; a document no given lock holds
   * is refused before anything is written.
   */
  @ParameterizedTest
  @MethodSource("cases")
  <R> void aFencedBatchWritesTheDocumentsItsLocksStillHold(Case<R> c) throws InterruptedException {
    RekordRepository<R, String> mine = c.repository().apply(c.first());
    RekordRepository<R, String> theirs = c.repository().apply(c.second());
    Fields<R> f = c.fields();
    String lost = "fenced-all-lost-" + c.name().replace('/', '-');
    String held = "fenced-all-held-" + c.name().replace('/', '-');
    mine.saveAll(List.of(c.from().apply(tally(lost)), c.from().apply(tally(held))));
    // a lease long enough for the first writes on a loaded machine (300 ms was not: once it ran out,
    // the newer token of the other lock in the bucket refused them); it is made to run out below
    DocumentLock lapsingLease = mine.lock(lost, Duration.ofSeconds(30));
    try (DocumentLock longLease = mine.lock(held, Duration.ofSeconds(30))) {
      Tally renamed = new Tally(lost, "Fenced", 5, 100L, new BigDecimal("10.50"), 0.5, "a", List.of("x"), Set.of("red"),
          Map.of(), null, null, null);
      assertEquals(2, mine.saveAllFenced(List.of(c.from().apply(renamed), c.from().apply(tally(held))),
          List.of(lapsingLease, longLease)).size(), "both tokens are the newest: both written");
      assertEquals("Fenced", c.to().apply(mine.findById(lost).orElseThrow()).name());

      IllegalArgumentException unlocked = assertThrows(IllegalArgumentException.class,
          () -> mine.saveAllFenced(List.of(c.from().apply(tally("fenced-all-other"))), List.of(longLease)));
      assertTrue(unlocked.getMessage().contains("no lock"), unlocked.getMessage());
      assertEquals(Optional.empty(), mine.findById("fenced-all-other"));

      lapsingLease.renew(Duration.ofMillis(1)); // the lease runs out now
      // someone else takes that lock (waiting, if need be, for the lease to run out), with a newer token
      try (DocumentLock newer = theirs.lock(lost, Duration.ofSeconds(10))) {
        assertTrue(newer.fencingToken() > lapsingLease.fencingToken());
        Tally stale = new Tally(lost, "Stale", 5, 100L, null, null, null, null, null, null, null, null, null);
        Tally kept = new Tally(held, "Kept", 5, 100L, null, null, null, null, null, null, null, null, null);
        FencedWriteException refused = assertThrows(FencedWriteException.class, () -> mine.saveAllFenced(
            List.of(c.from().apply(stale), c.from().apply(kept)), List.of(lapsingLease, longLease)));
        assertEquals(mine.keyOf(lost), refused.key());
        assertEquals(mine.model().name(), refused.model());
        assertEquals(lapsingLease.fencingToken(), refused.fencingToken());
        assertEquals(0, refused.getSuppressed().length);
        assertEquals("Fenced", c.to().apply(mine.findById(lost).orElseThrow()).name(), "the stale write was refused");
        assertEquals("Kept", c.to().apply(mine.findById(held).orElseThrow()).name(), "the held one was written");
        assertEquals(List.of(), ids(mine, lost, f.name().eq("Stale")));
        assertEquals(List.of(held), ids(mine, held, f.name().eq("Kept")));
      }
    }
    assertTrue(mine.verifyIndex().consistent(), mine.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("cases")
  <R> void asyncUpdatesCompleteWithTheStoredDocument(Case<R> c) {
    RekordRepository<R, String> repo = c.repository().apply(c.first());
    Fields<R> f = c.fields();
    String id = "async-" + c.name().replace('/', '-');
    repo.save(c.from().apply(tally(id)));
    assertEquals(7, c.to().apply(repo.async().update(id, increment(f.count(), 2)).join()).count());
    assertEquals(Optional.empty(), repo.async().updateIf(id, f.count().lt(7), increment(f.count(), 2)).join());
    assertEquals(8, c.to().apply(repo.async().updateIf(id, f.count().eq(7), increment(f.count(), 1)).join()
        .orElseThrow()).count());
    java.util.concurrent.CompletionException missing = assertThrows(java.util.concurrent.CompletionException.class,
        () -> repo.async().update("async-missing", increment(f.count(), 1)).join());
    assertTrue(missing.getCause() instanceof DocumentNotFoundException, String.valueOf(missing.getCause()));
  }

  /**
   * Threads of two clients apply increments, list appends, set adds and map puts to the same
   * documents at once: every one of them is in the final documents, and the index is exact.
   */
  @ParameterizedTest
  @MethodSource("cases")
  <R> void concurrentUpdatesFromTwoClientsLoseNothing(Case<R> c) throws Exception {
    List<RekordRepository<R, String>> repos = List.of(c.repository().apply(c.first()), c.repository().apply(c.second()));
    Fields<R> f = c.fields();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String id = "race-" + i + "-" + c.name().replace('/', '-');
      ids.add(id);
      repos.get(0).save(c.from().apply(new Tally(id, "race", 0, 0L, BigDecimal.ZERO, null, null, null, null, null,
          null, null, null)));
    }
    int threads = 8;
    int rounds = 30;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        RekordRepository<R, String> repo = repos.get(t % 2);
        done.add(pool.submit(() -> {
          start.await();
          for (int r = 0; r < rounds; r++) {
            String id = ids.get(r % ids.size());
            String tag = thread + ":" + r;
            repo.update(id, increment(f.count(), 1), increment(f.balance(), new BigDecimal("0.01")),
                append(f.events(), tag), add(f.labels(), tag), put(f.counters(), tag, (long) r));
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    int total = 0;
    Set<String> events = new LinkedHashSet<>();
    Map<String, Long> counters = new LinkedHashMap<>();
    for (String id : ids) {
      Tally tally = c.to().apply(repos.get(1).findById(id).orElseThrow());
      total += tally.count();
      assertEquals(new BigDecimal("0.01").multiply(BigDecimal.valueOf(tally.count())).compareTo(tally.balance()), 0);
      assertEquals(tally.count(), tally.events().size());
      assertEquals(new LinkedHashSet<>(tally.events()), tally.labels());
      assertEquals(tally.labels(), tally.counters().keySet());
      events.addAll(tally.events());
      counters.putAll(tally.counters());
      assertEquals(List.of(id), ids(repos.get(0), f.count().eq(tally.count()).and(f.name().eq("race")))
          .stream().filter(id::equals).toList());
    }
    assertEquals(threads * rounds, total, "no increment lost");
    assertEquals(threads * rounds, events.size(), "no append lost");
    assertEquals(threads * rounds, counters.size(), "no put lost");
    assertTrue(repos.get(0).verifyIndex().consistent(), repos.get(0).verifyIndex().toString());
  }

  /**
   * Realistic contention: 16 threads of two clients increment and append to one document. Every
   * update goes through (none gives up with an UpdateConflictException) and none is lost.
   */
  @ParameterizedTest
  @MethodSource("cases")
  <R> void sixteenThreadsOnOneDocumentNeverGiveUp(Case<R> c) throws Exception {
    List<RekordRepository<R, String>> repos = List.of(c.repository().apply(c.first()), c.repository().apply(c.second()));
    Fields<R> f = c.fields();
    String id = "hot-" + c.name().replace('/', '-');
    repos.get(0).save(c.from().apply(new Tally(id, "hot", 0, 0L, null, null, null, null, null, null, null, null, null)));
    int threads = 16;
    int rounds = 20;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        RekordRepository<R, String> repo = repos.get(t % 2);
        done.add(pool.submit(() -> {
          start.await();
          for (int r = 0; r < rounds; r++) {
            repo.update(id, increment(f.count(), 1), append(f.events(), thread + ":" + r));
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get(); // an UpdateConflictException fails the test here
      }
    } finally {
      pool.shutdown();
    }
    Tally hot = c.to().apply(repos.get(1).findById(id).orElseThrow());
    assertEquals(threads * rounds, hot.count(), "no increment lost");
    assertEquals(threads * rounds, new LinkedHashSet<>(hot.events()).size(), "no append lost");
    assertEquals(List.of(id), ids(repos.get(0), id, f.count().eq(threads * rounds)));
    assertTrue(repos.get(0).verifyIndex().consistent(), repos.get(0).verifyIndex().toString());
  }

  private static <R> List<String> ids(RekordRepository<R, String> repo, Condition<R> condition) {
    return repo.find(condition).list().stream().map(r -> repo.model().idToString(repo.model().id(r))).toList();
  }

  /** {@link #ids} of the documents with {@code id}: the others belong to other tests. */
  private static <R> List<String> ids(RekordRepository<R, String> repo, String id, Condition<R> condition) {
    return ids(repo, condition).stream().filter(id::equals).toList();
  }

  private static TallyJson json(Tally t) {
    return new TallyJson(t.id(), t.name(), t.count(), t.total(), t.balance(), t.ratio(), t.log(), t.events(),
        t.labels(), t.counters(), t.day(), t.at(), t.address());
  }

  private static Tally hash(TallyJson t) {
    return new Tally(t.id(), t.name(), t.count(), t.total(), t.balance(), t.ratio(), t.log(), t.events(),
        t.labels(), t.counters(), t.day(), t.at(), t.address());
  }
}
