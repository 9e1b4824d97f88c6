package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.changes.ChangeEvent;
import dev.rekord.changes.ChangeKind;
import dev.rekord.changes.ChangeNotice;
import dev.rekord.changes.ChangeOptions;
import dev.rekord.update.Update;
import dev.rekord.changes.ChangeSubscription;
import dev.rekord.changes.SubscribeOptions;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Note;
import dev.rekord.it.model.NoteRepository;
import dev.rekord.it.model.Session;
import dev.rekord.it.model.SessionRepository;
import dev.rekord.it.model.Session_;
import dev.rekord.it.model.Ticket;
import dev.rekord.it.model.TicketModel;
import dev.rekord.it.model.TicketRepository;
import dev.rekord.it.model.Ticket_;
import dev.rekord.model.Engine;
import dev.rekord.test.RedisExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Change streams on a standalone server and on the cluster (16 buckets, one stream each): every
 * acknowledged write appears exactly once, in order per document, across a subscriber that dies
 * without acknowledging and restarts; another consumer claims a dead one's events; expiries are
 * reported by Rekord's own sweep, once; notices reach a listener.
 */
class ChangeStreamTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.builder().flushBeforeEach(false).build();

  record Side(String name, Rekord rekord) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Side> sides = new ArrayList<>();
  private static final AtomicLong NEXT = new AtomicLong(System.nanoTime() % 1_000_000_000L);

  @BeforeAll
  static void connect() {
    sides.add(new Side("standalone", withFeeds(redis.server().url())));
    sides.add(new Side("cluster", withFeeds(RedisTarget.cluster().url())));
    for (Side side : sides) {
      side.rekord().migrate();
    }
  }

  private static Rekord withFeeds(String url) {
    return Rekord.builder().url(url)
        .changes(Ticket.class, ChangeOptions.stream().withNotices())
        .changes(Note.class, ChangeOptions.stream(10_000))
        .changes(Session.class, ChangeOptions.stream())
        .build();
  }

  @AfterAll
  static void disconnect() {
    sides.forEach(side -> side.rekord().close());
  }

  static Stream<Side> sides() {
    return sides.stream();
  }

  /** What a subscriber handled (and so acknowledged), per id, in the order it handled them. */
  private static final class Handled {
    final Map<Object, List<ChangeEvent<?>>> byId = new ConcurrentHashMap<>();
    final AtomicInteger count = new AtomicInteger();

    void add(ChangeEvent<?> event) {
      byId.computeIfAbsent(event.id(), id -> Collections.synchronizedList(new ArrayList<>())).add(event);
      count.incrementAndGet();
    }

    List<String> of(Object id) {
      List<ChangeEvent<?>> events = byId.getOrDefault(id, List.of());
      synchronized (events) { // the subscriber's thread may be adding one
        return events.stream()
            .map(e -> e.kind() + (e.version().isPresent() ? " v" + e.version().getAsLong() : "")).toList();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("sides")
  void everyAcknowledgedWriteAppearsExactlyOnceInOrderAcrossACrashAndRestart(Side side) throws Exception {
    TicketRepository tickets = new TicketRepository(side.rekord());
    String group = "g" + NEXT.incrementAndGet();
    Handled handled = new Handled();
    AtomicBoolean dead = new AtomicBoolean();
    AtomicInteger delivered = new AtomicInteger();
    SubscribeOptions fast = SubscribeOptions.defaults().withBatch(7).withPollInterval(Duration.ofMillis(20));
    ChangeSubscription first = tickets.changes().subscribe(group, "c1", event -> {
      if (dead.get() || delivered.incrementAndGet() > 60) {
        dead.set(true);
        throw new IllegalStateException("crashed before acknowledging"); // left pending, not acknowledged
      }
      handled.add(event);
    }, fast);

    // 4 writers, each its own 10 tickets: created, updated 3 times, deleted
    Set<Long> ids = ConcurrentHashMap.newKeySet();
    ExecutorService writers = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      done.add(writers.submit(() -> {
        for (int i = 0; i < 10; i++) {
          Ticket ticket = tickets.save(new Ticket(null, 0, "t", 1));
          ids.add(ticket.id());
          for (int u = 0; u < 3; u++) {
            ticket = tickets.save(new Ticket(ticket.id(), ticket.version(), "t" + u, 2 + u));
          }
          assertTrue(tickets.deleteById(ticket.id()));
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    writers.shutdown();
    await(dead::get, "the first subscriber never crashed");
    first.close(); // dies: what it read and did not acknowledge stays pending with c1
    assertFalse(first.isRunning());

    try (ChangeSubscription second = tickets.changes().subscribe(group, "c1", handled::add, fast)) {
      assertTrue(second.isRunning());
      await(() -> ids.stream().allMatch(id -> handled.of(id).size() >= 5), "not every write was delivered");
      Thread.sleep(200); // room for a duplicate to show
    }
    List<String> expected = List.of("CREATED v1", "UPDATED v2", "UPDATED v3", "UPDATED v4", "DELETED v4");
    assertEquals(40, ids.size());
    for (Long id : ids) {
      assertEquals(expected, handled.of(id), "ticket " + id);
    }
    assertTrue(tickets.verifyIndex().consistent(), tickets.verifyIndex().toString()); // the stream is no index key
  }

  @ParameterizedTest
  @MethodSource("sides")
  void anotherConsumerClaimsTheEventsADeadOneLeftUnacknowledged(Side side) throws Exception {
    NoteRepository notes = new NoteRepository(side.rekord());
    String group = "claim" + NEXT.incrementAndGet();
    AtomicInteger seen = new AtomicInteger();
    ChangeSubscription dying = notes.changes().subscribe(group, "dies", event -> {
      seen.incrementAndGet();
      throw new IllegalStateException("never acknowledges");
    }, SubscribeOptions.defaults().withPollInterval(Duration.ofMillis(20)).withClaimAfter(Duration.ofHours(1)));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      ids.add(notes.save(new Note("n" + NEXT.incrementAndGet(), null, "x")).id());
    }
    await(() -> seen.get() > 0, "the dying consumer read nothing");
    dying.close();

    Handled handled = new Handled();
    try (ChangeSubscription heir = notes.changes().subscribe(group, "heir", handled::add,
        SubscribeOptions.defaults().withPollInterval(Duration.ofMillis(20)).withClaimAfter(Duration.ofMillis(100)))) {
      assertTrue(heir.isRunning());
      await(() -> ids.stream().allMatch(id -> handled.of(id).size() >= 1), "the heir did not get every event");
      Thread.sleep(200);
    }
    for (String id : ids) {
      assertEquals(List.of("CREATED v1"), handled.of(id), id);
      ChangeEvent<?> event = handled.byId.get(id).get(0);
      assertTrue(event.fields().containsAll(List.of("id", "text", "version")), event.fields().toString());
    }
  }

  @ParameterizedTest
  @MethodSource("sides")
  void unitsOfWorkReportTheirSavesAndDeletes(Side side) throws Exception {
    TicketRepository tickets = new TicketRepository(side.rekord());
    String group = "units" + NEXT.incrementAndGet();
    Ticket ticket = tickets.unitOfWork().save(new Ticket(null, 0, "a", 1)).commit().get(0);
    tickets.unitOfWork().save(new Ticket(ticket.id(), 1, "b", 1)).commit();
    tickets.unitOfWork().delete(ticket.id()).commit();
    Handled handled = new Handled();
    try (ChangeSubscription subscription = tickets.changes().subscribe(group, "c", handled::add)) {
      assertTrue(subscription.isRunning());
      await(() -> handled.of(ticket.id()).size() == 3, "three events");
    }
    assertEquals(List.of("CREATED v1", "UPDATED v2", "DELETED v2"), handled.of(ticket.id()),
        "a delete item reports the version it deleted");
  }

  @ParameterizedTest
  @MethodSource("sides")
  void partialUpdatesAndVersionedDeletesReportTheirChanges(Side side) throws Exception {
    TicketRepository tickets = new TicketRepository(side.rekord());
    String group = "partial" + NEXT.incrementAndGet();
    Ticket ticket = tickets.save(new Ticket(null, 0, "a", 1));
    tickets.update(ticket.id(), Update.increment(Ticket_.priority, 2));
    tickets.deleteById(ticket.id(), 2);
    Handled handled = new Handled();
    try (ChangeSubscription subscription = tickets.changes().subscribe(group, "c", handled::add)) {
      assertTrue(subscription.isRunning());
      await(() -> handled.of(ticket.id()).size() == 3, "three events");
    }
    assertEquals(List.of("CREATED v1", "UPDATED v2", "DELETED v2"), handled.of(ticket.id()));
    assertEquals(List.of("priority", "version"), handled.byId.get(ticket.id()).get(1).fields());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void anUpdateNamesTheFieldsItChanged(Side side) throws Exception {
    TicketRepository tickets = new TicketRepository(side.rekord());
    String group = "fields" + NEXT.incrementAndGet();
    Ticket ticket = tickets.save(new Ticket(null, 0, "a", 1));
    tickets.save(new Ticket(ticket.id(), 1, "b", 1));
    Handled handled = new Handled();
    try (ChangeSubscription subscription = tickets.changes().subscribe(group, "c", handled::add)) {
      assertTrue(subscription.isRunning());
      await(() -> handled.of(ticket.id()).size() == 2, "two events");
    }
    ChangeEvent<?> update = handled.byId.get(ticket.id()).get(1);
    assertEquals(List.of("title", "version"), update.fields());
    assertTrue(!update.time().isBefore(Instant.now().minusSeconds(60)) && !update.time().isAfter(Instant.now()));
  }

  @ParameterizedTest
  @MethodSource("sides")
  void anExpiryIsReportedOnceByRekordsOwnSweep(Side side) throws Exception {
    SessionRepository sessions = new SessionRepository(side.rekord());
    String user = "u" + NEXT.incrementAndGet();
    Session session = sessions.save(new Session("s" + NEXT.incrementAndGet(), user, Instant.EPOCH),
        Duration.ofMillis(100));
    Session kept = sessions.save(new Session("s" + NEXT.incrementAndGet(), user, Instant.EPOCH), Duration.ZERO);
    assertTrue(sessions.expire(kept.id(), Duration.ofMillis(100)));
    assertTrue(sessions.persist(kept.id()));
    Thread.sleep(300);
    sessions.sweepExpired(); // what a periodic sweeper runs; queries sweep too
    assertEquals(List.of(kept), sessions.find(Session_.user.eq(user)).list());
    sessions.sweepExpired();

    Handled handled = new Handled();
    try (ChangeSubscription subscription = sessions.changes().subscribe("expiry" + NEXT.incrementAndGet(), "c",
        handled::add, SubscribeOptions.defaults().withPollInterval(Duration.ofMillis(20)))) {
      assertTrue(subscription.isRunning());
      await(() -> handled.of(session.id()).size() == 2, "created and expired");
      Thread.sleep(200);
    }
    assertEquals(List.of("CREATED", "EXPIRED"), handled.of(session.id()));
    assertEquals(List.of("CREATED", "EXPIRY_CHANGED", "EXPIRY_CHANGED"), handled.of(kept.id()),
        "expire and persist: each a change of expiry only");
  }

  /**
   * A change of expiry only is an event of its own kind, naming no field, with the version stored;
   * a time already past removes the document (EXPIRED); deletes of every kind carry the version
   * the document had; a unit of work's partial update is an update like any other.
   */
  @ParameterizedTest
  @MethodSource("sides")
  void expiryChangesAndDeletesCarryTheVersion(Side side) throws Exception {
    TicketRepository tickets = new TicketRepository(side.rekord());
    String group = "versions" + NEXT.incrementAndGet();
    Ticket retimed = tickets.save(new Ticket(null, 0, "a", 1));
    assertTrue(tickets.expire(retimed.id(), Duration.ofHours(1)));
    assertTrue(tickets.expireAt(retimed.id(), Instant.now().plusSeconds(3600)));
    assertTrue(tickets.persist(retimed.id()));
    assertFalse(tickets.persist(retimed.id()), "nothing changed: no event");
    tickets.unitOfWork().update(retimed.id(), Update.increment(Ticket_.priority, 1)).commit();
    assertTrue(tickets.expireAt(retimed.id(), Instant.now().minusSeconds(1)));
    Ticket deleted = tickets.save(new Ticket(null, 0, "b", 1));
    tickets.save(new Ticket(deleted.id(), 1, "c", 1));
    assertTrue(tickets.deleteById(deleted.id()));
    Ticket unitDeleted = tickets.save(new Ticket(null, 0, "d", 1));
    tickets.unitOfWork().delete(unitDeleted.id()).commit();

    Handled handled = new Handled();
    try (ChangeSubscription subscription = tickets.changes().subscribe(group, "c", handled::add)) {
      assertTrue(subscription.isRunning());
      await(() -> handled.of(retimed.id()).size() == 6 && handled.of(deleted.id()).size() == 3
          && handled.of(unitDeleted.id()).size() == 2, "every event");
      Thread.sleep(100);
    }
    assertEquals(List.of("CREATED v1", "EXPIRY_CHANGED v1", "EXPIRY_CHANGED v1", "EXPIRY_CHANGED v1", "UPDATED v2",
        "EXPIRED v2"), handled.of(retimed.id()));
    assertEquals(List.of(), handled.byId.get(retimed.id()).get(1).fields(), "an expiry names no field");
    assertEquals(List.of("priority", "version"), handled.byId.get(retimed.id()).get(4).fields());
    assertEquals(List.of("CREATED v1", "UPDATED v2", "DELETED v2"), handled.of(deleted.id()));
    assertEquals(List.of("CREATED v1", "DELETED v1"), handled.of(unitDeleted.id()));
  }

  @ParameterizedTest
  @MethodSource("sides")
  void noticesReachAListener(Side side) throws Exception {
    TicketRepository tickets = new TicketRepository(side.rekord());
    List<ChangeNotice<Long>> notices = new CopyOnWriteArrayList<>();
    Ticket ticket;
    try (ChangeSubscription listening = tickets.changes().listen(notices::add)) {
      assertTrue(listening.isRunning());
      ticket = tickets.save(new Ticket(null, 0, "n", 1));
      tickets.deleteById(ticket.id());
      await(() -> notices.stream().filter(n -> n.id().equals(ticket.id())).count() == 2, "two notices");
    }
    assertEquals(List.of(new ChangeNotice<>(ticket.id(), ChangeKind.CREATED), new ChangeNotice<>(ticket.id(),
        ChangeKind.DELETED)), notices.stream().filter(n -> n.id().equals(ticket.id())).toList());
  }

  @Test
  void aFeedNeedsThePortableEngineAndAModelWithoutOneHasNoStream() {
    try (Rekord search = Rekord.builder().url(redis.server().url()).engine(Ticket.class, Engine.SEARCH)
        .changes(Ticket.class, ChangeOptions.stream()).build()) {
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> search.engineOf(TicketModel.INSTANCE));
      assertTrue(e.getMessage().contains("Ticket has a change feed"), e.getMessage());
    }
    IllegalStateException none = assertThrows(IllegalStateException.class,
        () -> new MemberRepository(sides.get(0).rekord()).changes());
    assertTrue(none.getMessage().contains("Member has no change feed"), none.getMessage());
  }

  private static void await(BooleanSupplier condition, String failure) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(failure);
      }
      Thread.sleep(10);
    }
  }
}
