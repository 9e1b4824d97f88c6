package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import dev.rekord.it.model.Lease;
import dev.rekord.it.model.LeaseRepository;
import dev.rekord.it.model.Lease_;
import dev.rekord.it.model.Reading;
import dev.rekord.it.model.ReadingRepository;
import dev.rekord.it.model.Reading_;
import dev.rekord.it.model.Session;
import dev.rekord.it.model.SessionRepository;
import dev.rekord.it.model.Session_;
import dev.rekord.it.model.Visit;
import dev.rekord.it.model.VisitRepository;
import dev.rekord.it.model.Visit_;
import dev.rekord.query.Condition;
import dev.rekord.test.RedisExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code expire}, {@code expireAt}, {@code persist}, {@code ttl} and {@code refreshTtlOnRead} on a
 * standalone server and on the cluster, hash and JSON: the index follows every change of expiry
 * in the same script, so no query returns, counts or pages over a document once it is due, and
 * the index returns to what it was once the expired documents are swept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the sides are connected once per class, through builder()
class ExpiryControlTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.builder().flushBeforeEach(false).build();

  record Side(String name, Rekord rekord, RedisTarget target) {
    @Override
    public String toString() {
      return name;
    }
  }

  private final List<Side> sides = new ArrayList<>();
  private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  /** Where the tests run: the extension's standalone server and the cluster; the {@code Compact…} subclass keeps the first. */
  List<RedisTarget> targets() {
    return List.of(new RedisTarget(redis.server()), RedisTarget.cluster());
  }

  /** A builder for a Rekord on {@code target}; the {@code Compact…} subclass sets its index layout. */
  Rekord.Builder builder(RedisTarget target) {
    return Rekord.builder().url(target.url());
  }

  @BeforeAll
  void connect() {
    for (RedisTarget target : targets()) {
      Rekord rekord = builder(target).build();
      rekord.migrate();
      sides.add(new Side(target.isCluster() ? "cluster" : "standalone", rekord, target));
    }
  }

  @AfterAll
  void disconnect() {
    sides.forEach(side -> side.rekord().close());
  }

  Stream<Side> sides() {
    return sides.stream();
  }

  /** A model under test: how to make a persistent document of a group, and query the group. */
  record Subject<T, ID>(RekordRepository<T, ID> repository, Function<String, T> make,
      Function<String, Condition<T>> inGroup, String prefix) {}

  private static Subject<Session, String> sessions(Side side) {
    return new Subject<>(new SessionRepository(side.rekord()),
        group -> new Session("s" + NEXT.incrementAndGet(), group, Instant.EPOCH),
        Session_.user::eq, "session");
  }

  private static Subject<Reading, Long> readings(Side side) {
    return new Subject<>(new ReadingRepository(side.rekord()),
        group -> new Reading(NEXT.incrementAndGet(), group, NEXT.get() % 97, Instant.EPOCH),
        Reading_.sensor::eq, "reading");
  }

  @ParameterizedTest
  @MethodSource("sides")
  void expiredHashDocumentsNeverReachAQueryUnderLiveQueries(Side side) throws Exception {
    expiredDocumentsNeverReachAQuery(sessions(side));
  }

  @ParameterizedTest
  @MethodSource("sides")
  void expiredJsonDocumentsNeverReachAQueryUnderLiveQueries(Side side) throws Exception {
    expiredDocumentsNeverReachAQuery(readings(side));
  }

  /**
   * Saves 60 persistent documents, makes 30 expire soon, and queries them from 3 threads through
   * the expiry: every query that starts after the expiry time counts, lists and pages over the 30
   * kept ones only.
   */
  private static <T, ID> void expiredDocumentsNeverReachAQuery(Subject<T, ID> subject) throws Exception {
    RekordRepository<T, ID> repository = subject.repository();
    String group = "g" + NEXT.incrementAndGet();
    List<T> saved = repository.saveAll(Stream.generate(() -> subject.make().apply(group)).limit(60).toList(),
        Duration.ZERO);
    Set<ID> kept = new HashSet<>();
    long due = System.currentTimeMillis() + 1_500;
    for (int i = 0; i < saved.size(); i++) {
      ID id = repository.model().id(saved.get(i));
      if (i % 2 == 0) {
        assertTrue(repository.expireAt(id, Instant.ofEpochMilli(due)));
      } else {
        kept.add(id);
      }
    }
    long counted = repository.find(subject.inGroup().apply(group)).count();
    if (System.currentTimeMillis() < due - 100) {
      assertEquals(60, counted); // none due yet
    }

    ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
    AtomicInteger checkedAfter = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    long stop = due + 800;
    for (int t = 0; t < 3; t++) {
      threads.submit(() -> {
        while (System.currentTimeMillis() < stop) {
          long started = System.currentTimeMillis();
          Condition<T> condition = subject.inGroup().apply(group);
          long count = repository.find(condition).count();
          List<T> all = repository.find(condition).list();
          List<T> page = repository.find(condition).offset(25).limit(10).list();
          if (started <= due + 20) {
            continue; // the server's clock may lag a little
          }
          checkedAfter.incrementAndGet();
          if (count != 30) {
            wrong.add("count " + count);
          }
          if (page.size() != 5) {
            wrong.add("page of " + page.size());
          }
          for (T entity : all) {
            if (!kept.contains(repository.model().id(entity))) {
              wrong.add("expired " + repository.model().id(entity));
            }
          }
          if (all.size() != 30) {
            wrong.add("list of " + all.size());
          }
        }
        return null;
      });
    }
    threads.shutdown();
    assertTrue(threads.awaitTermination(30, TimeUnit.SECONDS));
    assertTrue(wrong.isEmpty(), wrong.toString());
    assertTrue(checkedAfter.get() > 0, "no query ran after the expiry");
    assertTrue(repository.verifyIndex().consistent(), repository.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void afterExpiryAndASweepTheHashIndexIsBackToItsBaseline(Side side) throws Exception {
    indexReturnsToBaseline(side, sessions(side));
  }

  @ParameterizedTest
  @MethodSource("sides")
  void afterExpiryAndASweepTheJsonIndexIsBackToItsBaseline(Side side) throws Exception {
    indexReturnsToBaseline(side, readings(side));
  }

  private static <T, ID> void indexReturnsToBaseline(Side side, Subject<T, ID> subject) throws Exception {
    RekordRepository<T, ID> repository = subject.repository();
    repository.findAll().count(); // sweeps what earlier tests left due
    Map<String, Long> baseline = indexState(side.target(), subject.prefix());
    String group = "b" + NEXT.incrementAndGet();
    List<T> saved = repository.saveAll(Stream.generate(() -> subject.make().apply(group)).limit(40).toList(),
        Duration.ZERO);
    for (T entity : saved) {
      assertTrue(repository.expire(repository.model().id(entity), Duration.ofMillis(150)));
    }
    assertFalse(baseline.equals(indexState(side.target(), subject.prefix())));
    Thread.sleep(400);

    assertEquals(0, repository.find(subject.inGroup().apply(group)).count()); // sweeps its bucket(s)
    repository.findAll().count();

    assertEquals(baseline, indexState(side.target(), subject.prefix()));
    assertTrue(repository.verifyIndex().consistent(), repository.verifyIndex().toString());
  }

  /** Every index key of a model (and manifest key) with its cardinality. */
  private static Map<String, Long> indexState(RedisTarget target, String prefix) {
    Map<String, Long> state = new TreeMap<>();
    try (UnifiedJedis raw = target.raw()) {
      for (String key : target.keys("{" + prefix + "*#*")) {
        String type = raw.type(key);
        state.put(key, switch (type) {
          case "zset" -> raw.zcard(key);
          case "string" -> raw.strlen(key);
          default -> -1L;
        });
      }
    }
    return state;
  }

  @ParameterizedTest
  @MethodSource("sides")
  void expireMovesAHashManifestToItsKeyAndPersistMovesItBack(Side side) {
    SessionRepository sessions = new SessionRepository(side.rekord());
    String group = "p" + NEXT.incrementAndGet();
    Session session = sessions.save(new Session("m" + NEXT.incrementAndGet(), group, Instant.EPOCH), Duration.ZERO);
    String key = sessions.keyOf(session.id());
    String manifestKey = key.replace("}:", "}#doc:");
    try (UnifiedJedis raw = side.target().raw()) {
      assertTrue(raw.hexists(key, "#"));
      assertTrue(sessions.ttl(session.id()).isEmpty());

      assertTrue(sessions.expire(session.id(), Duration.ofMinutes(5)));
      assertFalse(raw.hexists(key, "#"));
      assertTrue(raw.exists(manifestKey));
      long expiresAt = raw.pexpireTime(key);
      assertEquals((double) expiresAt, raw.zscore(ttlKey(key), session.id()));
      Duration left = sessions.ttl(session.id()).orElseThrow();
      assertTrue(left.compareTo(Duration.ofMinutes(4)) > 0 && left.compareTo(Duration.ofMinutes(5)) <= 0, left.toString());

      assertTrue(sessions.expire(session.id(), Duration.ofMinutes(10))); // again: the score follows
      assertEquals((double) raw.pexpireTime(key), raw.zscore(ttlKey(key), session.id()));

      assertTrue(sessions.persist(session.id()));
      assertTrue(raw.hexists(key, "#"));
      assertFalse(raw.exists(manifestKey));
      assertNull(raw.zscore(ttlKey(key), session.id()));
      assertTrue(sessions.ttl(session.id()).isEmpty());
      assertFalse(sessions.persist(session.id())); // nothing to remove
    }
    assertEquals(1, sessions.find(Session_.user.eq(group)).count());
    assertTrue(sessions.verifyIndex().consistent(), sessions.verifyIndex().toString());
  }

  /** The bucket's set of expiring ids, beside the document key {@code {tag}:<id>}. */
  private static String ttlKey(String documentKey) {
    return documentKey.substring(0, documentKey.indexOf("}:") + 1) + "#ttl";
  }

  @ParameterizedTest
  @MethodSource("sides")
  void persistKeepsADocumentPastItsExpiry(Side side) throws Exception {
    ReadingRepository readings = new ReadingRepository(side.rekord());
    String group = "k" + NEXT.incrementAndGet();
    Reading reading = readings.save(new Reading(NEXT.incrementAndGet(), group, 1, Instant.EPOCH),
        Duration.ofMillis(300));
    assertTrue(readings.persist(reading.id()));
    Thread.sleep(500);

    assertEquals(reading, readings.findById(reading.id()).orElseThrow());
    assertEquals(1, readings.find(Reading_.sensor.eq(group)).count());
    assertTrue(readings.ttl(reading.id()).isEmpty());
    assertTrue(readings.verifyIndex().consistent(), readings.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void expireAtAPastTimeRemovesTheDocumentAndItsEntries(Side side) {
    SessionRepository sessions = new SessionRepository(side.rekord());
    String group = "x" + NEXT.incrementAndGet();
    Session session = sessions.save(new Session("x" + NEXT.incrementAndGet(), group, Instant.EPOCH), Duration.ZERO);

    assertTrue(sessions.expireAt(session.id(), Instant.now().minusSeconds(5)));

    assertFalse(sessions.existsById(session.id()));
    assertEquals(0, sessions.find(Session_.user.eq(group)).count());
    try (UnifiedJedis raw = side.target().raw()) {
      String key = sessions.keyOf(session.id());
      assertFalse(raw.exists(key.replace("}:", "}#doc:")));
    }
    assertTrue(sessions.verifyIndex().consistent(), sessions.verifyIndex().toString());
    assertFalse(sessions.expire(session.id(), Duration.ofSeconds(5))); // no document
    assertFalse(sessions.persist(session.id()));
  }

  @ParameterizedTest
  @MethodSource("sides")
  void readsRefreshTheExpiryOfAHashModelThatAsksForIt(Side side) throws Exception {
    VisitRepository visits = new VisitRepository(side.rekord());
    String page = "r" + NEXT.incrementAndGet();
    Visit read = visits.save(new Visit("v" + NEXT.incrementAndGet(), page));
    Visit idle = visits.save(new Visit("v" + NEXT.incrementAndGet(), page));
    // 4 s in all, past the 3 s time to live: only the document read every second stays
    for (int i = 0; i < 4; i++) {
      Thread.sleep(1_000);
      assertTrue(visits.findById(read.id()).isPresent());
    }
    assertTrue(visits.ttl(read.id()).orElseThrow().compareTo(Duration.ofMillis(2_000)) > 0);
    assertFalse(visits.existsById(idle.id()));
    assertEquals(List.of(read), visits.find(Visit_.page.eq(page)).list());
    try (UnifiedJedis raw = side.target().raw()) {
      String key = visits.keyOf(read.id());
      assertEquals((double) raw.pexpireTime(key), raw.zscore(ttlKey(key), read.id()));
    }
    assertTrue(visits.verifyIndex().consistent(), visits.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void queryResultsRefreshTheExpiryOfAJsonModelThatAsksForIt(Side side) throws Exception {
    LeaseRepository leases = new LeaseRepository(side.rekord());
    String holder = "h" + NEXT.incrementAndGet();
    Lease lease = leases.save(new Lease("l" + NEXT.incrementAndGet(), holder, 1));
    Lease persistent = leases.save(new Lease("l" + NEXT.incrementAndGet(), holder, 2), Duration.ZERO);
    for (int i = 0; i < 4; i++) {
      Thread.sleep(1_000);
      assertEquals(List.of(lease, persistent), leases.find(Lease_.holder.eq(holder)).sortBy(Lease_.rank.asc()).list());
    }
    assertTrue(leases.ttl(lease.id()).orElseThrow().compareTo(Duration.ofMillis(2_000)) > 0);
    assertTrue(leases.ttl(persistent.id()).isEmpty()); // a read does not add an expiry
    assertTrue(leases.verifyIndex().consistent(), leases.verifyIndex().toString());
  }

  /** How long the reads of {@link #aReadThatRefreshesIsOneScriptWithTheRead} come after the last write or refresh: at least. */
  private static final Duration SINCE_WRITE = Duration.ofMillis(1_100);

  /**
   * The most a {@code Visit} written or refreshed at least {@link #SINCE_WRITE} ago has left: a
   * refreshed one has more, however slowly the test ran since the refresh (up to 1.1 s here; a
   * bound of 2.9 s allowed 100 ms, which a loaded machine took).
   */
  private static final Duration UNREFRESHED_AT_MOST = Duration.ofSeconds(Visit.TTL_SECONDS).minus(SINCE_WRITE);

  /**
   * A model that refreshes on read reads each document with the script that restarts its expiry:
   * one round trip for findById and for findAllById (it was a read, then a refresh), and the
   * documents a query returns are read again the same way (still two round trips: the query and the
   * reads, as it was the query and the refresh), so each is read and refreshed in one step.
   */
  @ParameterizedTest
  @MethodSource("sides")
  void aReadThatRefreshesIsOneScriptWithTheRead(Side side) throws Exception {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (Rekord rekord = builder(side.target()).meterRegistry(meters).build()) {
      VisitRepository visits = new VisitRepository(rekord);
      String page = "a" + NEXT.incrementAndGet();
      Visit first = visits.save(new Visit("v" + NEXT.incrementAndGet(), page));
      Visit second = visits.save(new Visit("v" + NEXT.incrementAndGet(), page));
      Visit persistent = visits.save(new Visit("v" + NEXT.incrementAndGet(), page), Duration.ZERO);
      Thread.sleep(SINCE_WRITE.toMillis());

      long before = calls(meters);
      assertEquals(first, visits.findById(first.id()).orElseThrow());
      assertEquals(1, calls(meters) - before, "findById: one round trip");
      assertEquals(1, scripts(meters, "expire"), "the read ran in expire.lua");
      assertTrue(visits.ttl(first.id()).orElseThrow().compareTo(UNREFRESHED_AT_MOST) > 0, "refreshed");

      before = calls(meters);
      assertEquals(Map.of(first.id(), first, second.id(), second, persistent.id(), persistent),
          visits.findAllById(List.of(first.id(), second.id(), persistent.id(), "nobody")).found());
      assertEquals(1, calls(meters) - before, "findAllById: one round trip");
      assertTrue(visits.ttl(second.id()).orElseThrow().compareTo(UNREFRESHED_AT_MOST) > 0, "refreshed");
      assertTrue(visits.ttl(persistent.id()).isEmpty(), "a read does not add an expiry");

      Thread.sleep(SINCE_WRITE.toMillis());
      long refreshes = scripts(meters, "expire");
      assertEquals(List.of(first, second, persistent), visits.find(Visit_.page.eq(page)).list().stream()
          .sorted(java.util.Comparator.comparing(Visit::id)).toList());
      assertTrue(visits.ttl(first.id()).orElseThrow().compareTo(UNREFRESHED_AT_MOST) > 0, "refreshed");
      assertEquals(1, scripts(meters, "expire") - refreshes, "the page's documents read with their refresh");
      assertTrue(visits.verifyIndex().consistent(), visits.verifyIndex().toString());
    }
  }

  private static long calls(SimpleMeterRegistry meters) {
    return meters.find("rekord.calls").tag("model", "Visit").timers().stream().mapToLong(Timer::count).sum();
  }

  private static long scripts(SimpleMeterRegistry meters, String script) {
    return meters.find("rekord.calls").tag("model", "Visit").tag("operation", script).timers().stream()
        .mapToLong(Timer::count).sum();
  }
}
