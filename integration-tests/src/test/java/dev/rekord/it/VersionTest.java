package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.it.model.Note;
import dev.rekord.it.model.NoteRepository;
import dev.rekord.it.model.Note_;
import dev.rekord.it.model.Ticket;
import dev.rekord.it.model.TicketRepository;
import dev.rekord.it.model.TicketModel;
import dev.rekord.it.model.Ticket_;
import dev.rekord.model.Engine;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import dev.rekord.update.Update;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code @Version} on a standalone server, on the cluster and on the search engine (a standalone
 * server with the Redis Query Engine, where the hash model {@code Ticket} runs; the JSON {@code
 * Note} stays on the portable engine): a save checks the stored version and
 * stores the next one atomically; a stale save throws and writes nothing; of two saves of the same
 * version exactly one wins, from many threads of two clients, and the index stays exact.
 */
class VersionTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.builder().flushBeforeEach(false).build();

  /** Two independent clients of one deployment, as two processes would have. */
  record Side(String name, Rekord first, Rekord second) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final List<Side> sides = new ArrayList<>();
  /** A standalone server with the Redis Query Engine, where the search-engine side runs. */
  private static RedisServer searchServer;

  @BeforeAll
  static void connect() {
    String standalone = redis.server().url();
    String cluster = RedisTarget.cluster().url();
    sides.add(new Side("standalone", Rekord.connect(standalone), Rekord.connect(standalone)));
    sides.add(new Side("cluster", Rekord.connect(cluster), Rekord.connect(cluster)));
    searchServer = RedisModules.startSearchServerIfFound("VersionTest").orElse(null);
    if (searchServer != null) {
      // AUTO puts the hash model Ticket on the search engine; the JSON Note stays portable
      sides.add(new Side("search", Rekord.connect(searchServer.url()), Rekord.connect(searchServer.url())));
    }
    for (Side side : sides) {
      side.first().migrate();
    }
    sides.stream().filter(side -> side.name().equals("search"))
        .forEach(side -> assertEquals(Engine.SEARCH, side.first().engineOf(TicketModel.INSTANCE)));
  }

  @AfterAll
  static void disconnect() {
    for (Side side : sides) {
      side.first().close();
      side.second().close();
    }
    if (searchServer != null) {
      searchServer.close();
    }
  }

  static Stream<Side> sides() {
    return sides.stream();
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aSaveChecksAndIncrementsTheVersionAndAStaleSaveWritesNothing(Side side) {
    TicketRepository tickets = new TicketRepository(side.first());
    Ticket created = tickets.save(new Ticket(null, 0, "new", 1));
    assertEquals(1, created.version()); // a new document starts at version 1
    assertEquals(created, tickets.findById(created.id()).orElseThrow());

    Ticket second = tickets.save(new Ticket(created.id(), 1, "edited", 2));
    assertEquals(2, second.version());

    OptimisticLockException stale = assertThrows(OptimisticLockException.class,
        () -> tickets.save(new Ticket(created.id(), 1, "stale", 3)));
    assertEquals(tickets.keyOf(created.id()), stale.key());
    assertEquals(1, stale.expectedVersion());
    assertEquals(2, stale.actualVersion());
    assertEquals(String.valueOf(created.id()), stale.id());
    assertTrue(stale.getMessage().contains(tickets.keyOf(created.id())), stale.getMessage());
    assertEquals(second, tickets.findById(created.id()).orElseThrow());
    assertEquals(0, tickets.find(Ticket_.title.eq("stale")).count());
    assertEquals(0, tickets.find(Ticket_.priority.eq(3)).count());

    // an entity that claims a version of a document that does not exist
    OptimisticLockException missing = assertThrows(OptimisticLockException.class,
        () -> tickets.save(new Ticket(987_654L, 4, "ghost", 1)));
    assertEquals(0, missing.actualVersion());
    assertEquals(java.util.Optional.empty(), tickets.findById(987_654L));
    // insert of a versioned entity: the id's existence decides first
    assertThrows(DocumentExistsException.class, () -> tickets.insert(new Ticket(created.id(), 0, "again", 1)));
    assertTrue(tickets.verifyIndex().consistent(), tickets.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aJsonDocumentWithABoxedVersion(Side side) {
    NoteRepository notes = new NoteRepository(side.first());
    Note created = notes.save(new Note("n-" + side.name(), null, "first"));
    assertEquals(1, created.version());
    Note updated = notes.update(new Note(created.id(), 1, "second"));
    assertEquals(2, updated.version());
    assertThrows(OptimisticLockException.class, () -> notes.update(new Note(created.id(), 1, "stale")));
    assertEquals(updated, notes.findById(created.id()).orElseThrow());
    assertEquals(0, notes.find(Note_.text.eq("stale")).count());
    List<Note> batch = List.of(new Note(created.id(), 1, "stale"), new Note("other-" + side.name(), null, "x"));
    OptimisticLockException inBatch = assertThrows(OptimisticLockException.class, () -> notes.saveAll(batch));
    assertEquals(2, inBatch.actualVersion());
    assertEquals(1, notes.findById("other-" + side.name()).orElseThrow().version()); // the others were written
    assertTrue(notes.verifyIndex().consistent(), notes.verifyIndex().toString());
  }

  /**
   * A new entity (its id generated) expects no stored version, which its new id meets: it is
   * written without a script, at version 1. One that claims a version is still checked, and stale.
   */
  @ParameterizedTest
  @MethodSource("sides")
  void aNewEntityStartsAtVersionOneAndOneClaimingAVersionIsStale(Side side) {
    NoteRepository notes = new NoteRepository(side.first());
    if (side.name().equals("standalone")) {
      redis.server().command("CONFIG", "RESETSTAT");
    }
    Note created = notes.save(new Note(null, null, "fresh " + side.name()));
    List<Note> together = notes.saveAll(List.of(new Note(null, null, "fresh " + side.name()),
        new Note(null, 0, "fresh " + side.name())));
    if (side.name().equals("standalone")) {
      String stats = String.valueOf(redis.server().command("INFO", "commandstats"));
      assertTrue(stats.contains("cmdstat_exec:calls=2,"), stats);
      assertTrue(!stats.contains("cmdstat_evalsha"), stats);
    }
    assertEquals(1, created.version());
    assertEquals(List.of(1, 1), together.stream().map(Note::version).toList());
    assertEquals(created, notes.findById(created.id()).orElseThrow());
    assertEquals(together.get(1), notes.findById(together.get(1).id()).orElseThrow());
    assertEquals(3, notes.find(Note_.text.eq("fresh " + side.name())).count());

    OptimisticLockException claimed = assertThrows(OptimisticLockException.class,
        () -> notes.save(new Note(null, 3, "claimed")));
    assertEquals(0, claimed.actualVersion());
    assertEquals(0, notes.find(Note_.text.eq("claimed")).count());
    assertTrue(notes.verifyIndex().consistent(), notes.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aPartialUpdateChecksAndIncrementsTheVersion(Side side) {
    TicketRepository tickets = new TicketRepository(side.first());
    Ticket created = tickets.save(new Ticket(null, 0, "partial", 1));
    Ticket incremented = tickets.update(created.id(), Update.increment(Ticket_.priority, 1));
    assertEquals(2, incremented.version(), "an update without an expected version still moves the version");
    Ticket expected = tickets.updateIfVersion(created.id(), 2, Update.set(Ticket_.title, "checked"));
    assertEquals(new Ticket(created.id(), 3, "checked", 2), expected);

    OptimisticLockException stale = assertThrows(OptimisticLockException.class,
        () -> tickets.updateIfVersion(created.id(), 2, Update.set(Ticket_.title, "stale")));
    assertEquals(tickets.keyOf(created.id()), stale.key());
    assertEquals(String.valueOf(created.id()), stale.id());
    assertEquals(2, stale.expectedVersion());
    assertEquals(3, stale.actualVersion());
    assertEquals(expected, tickets.findById(created.id()).orElseThrow());
    assertEquals(0, tickets.find(Ticket_.title.eq("stale")).count());

    // a JSON model with a boxed version
    NoteRepository notes = new NoteRepository(side.second());
    Note note = notes.save(new Note("pn-" + side.name(), null, "one"));
    assertEquals(new Note(note.id(), 2, "one!"), notes.updateIfVersion(note.id(), 1, Update.append(Note_.text, "!")));
    assertThrows(OptimisticLockException.class, () -> notes.updateIfVersion(note.id(), 1, Update.append(Note_.text, "?")));
    assertTrue(tickets.verifyIndex().consistent(), tickets.verifyIndex().toString());
    assertTrue(notes.verifyIndex().consistent(), notes.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aVersionedDeleteDeletesOnlyTheExpectedVersion(Side side) {
    TicketRepository tickets = new TicketRepository(side.first());
    Ticket ticket = tickets.save(tickets.save(new Ticket(null, 0, "doomed", 7)));
    assertEquals(2, ticket.version());
    OptimisticLockException stale = assertThrows(OptimisticLockException.class,
        () -> tickets.deleteById(ticket.id(), 1));
    assertEquals(tickets.keyOf(ticket.id()), stale.key());
    assertEquals("ticket", stale.model().toLowerCase(java.util.Locale.ROOT));
    assertEquals(String.valueOf(ticket.id()), stale.id());
    assertEquals(1, stale.expectedVersion());
    assertEquals(2, stale.actualVersion());
    assertEquals(ticket, tickets.findById(ticket.id()).orElseThrow(), "nothing was deleted");
    assertEquals(1, tickets.find(Ticket_.title.eq("doomed")).count());

    assertTrue(tickets.deleteById(ticket.id(), 2));
    assertEquals(java.util.Optional.empty(), tickets.findById(ticket.id()));
    assertEquals(0, tickets.find(Ticket_.title.eq("doomed")).count());
    assertEquals(0, assertThrows(OptimisticLockException.class, () -> tickets.deleteById(ticket.id(), 2))
        .actualVersion(), "gone: version 0");
    assertEquals(false, tickets.deleteById(ticket.id(), 0));

    NoteRepository notes = new NoteRepository(side.second());
    Note note = notes.save(new Note("dn-" + side.name(), null, "x"));
    assertThrows(OptimisticLockException.class, () -> notes.deleteById(note.id(), 0));
    assertTrue(notes.deleteById(note.id(), 1));
    assertTrue(tickets.verifyIndex().consistent(), tickets.verifyIndex().toString());
    assertTrue(notes.verifyIndex().consistent(), notes.verifyIndex().toString());
  }

  /**
   * Threads of two clients read a ticket and save it back, retrying on conflict: every save of a
   * version races with the others of that version, exactly one wins each, so no increment is lost.
   */
  @ParameterizedTest
  @MethodSource("sides")
  void concurrentVersionedSavesLoseNoUpdate(Side side) throws Exception {
    TicketRepository mine = new TicketRepository(side.first());
    TicketRepository theirs = new TicketRepository(side.second());
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      ids.add(mine.save(new Ticket(null, 0, "race", 0)).id());
    }
    int threads = 8;
    int incrementsPerThread = 25;
    AtomicInteger conflicts = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        TicketRepository tickets = t % 2 == 0 ? mine : theirs;
        done.add(pool.submit(() -> {
          start.await();
          for (int n = 0; n < incrementsPerThread; n++) {
            long id = ids.get(n % ids.size());
            while (true) {
              Ticket read = tickets.findById(id).orElseThrow();
              try {
                tickets.save(new Ticket(id, read.version(), "race", read.priority() + 1));
                break;
              } catch (OptimisticLockException e) {
                conflicts.incrementAndGet();
              }
            }
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
    for (long id : ids) {
      Ticket ticket = mine.findById(id).orElseThrow();
      assertEquals(ticket.priority() + 1, ticket.version(), "each won save incremented both once");
      total += ticket.priority();
    }
    assertEquals(threads * incrementsPerThread, total);
    assertTrue(conflicts.get() > 0, "the threads did race");
    assertEquals(threads * incrementsPerThread, mine.find(Ticket_.title.eq("race")).list().stream()
        .filter(t -> ids.contains(t.id())).mapToInt(Ticket::priority).sum());
    assertTrue(mine.verifyIndex().consistent(), mine.verifyIndex().toString());
  }

  /** Ids from {@code from} whose documents share the bucket of the first. */
  private static List<String> noteIdsInOneBucket(NoteRepository notes, String stem, int count) {
    List<String> ids = new ArrayList<>();
    String key = notes.keyOf(stem + 0);
    String tag = key.substring(0, key.indexOf('}'));
    for (int i = 0; ids.size() < count; i++) {
      if (notes.keyOf(stem + i).startsWith(tag + "}")) {
        ids.add(stem + i);
      }
    }
    return ids;
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aStaleVersionInAUnitOfWorkLeavesEveryItemUnwritten(Side side) {
    NoteRepository notes = new NoteRepository(side.first());
    List<String> ids = noteIdsInOneBucket(notes, "unit-" + side.name() + "-", 3);
    Note kept = notes.save(new Note(ids.get(0), null, "kept"));
    Note first = notes.save(new Note(ids.get(1), null, "first"));
    Note edited = notes.save(new Note(ids.get(1), first.version(), "second"));

    OptimisticLockException stale = assertThrows(OptimisticLockException.class, () -> notes.unitOfWork()
        .save(new Note(ids.get(0), kept.version(), "changed")) // current version: would be written
        .save(new Note(ids.get(1), 1, "stale"))      // version 1, stored 2: refused
        .insert(new Note(ids.get(2), null, "new"))
        .commit());
    assertEquals(1, stale.expectedVersion());
    assertEquals(2, stale.actualVersion());
    assertEquals(kept, notes.findById(ids.get(0)).orElseThrow(), "nothing of the unit was written");
    assertEquals(edited, notes.findById(ids.get(1)).orElseThrow());
    assertEquals(java.util.Optional.empty(), notes.findById(ids.get(2)));
    assertEquals(0, notes.find(Note_.text.in(List.of("changed", "stale", "new"))).count());
    assertTrue(notes.verifyIndex().consistent(), notes.verifyIndex().toString());

    List<Note> stored = notes.unitOfWork().save(new Note(ids.get(0), kept.version(), "changed")).insert(new Note(ids.get(2), null, "new"))
        .commit();
    assertEquals(List.of(2, 1), stored.stream().map(Note::version).toList(), "each saved with its next version");

    // item by item: the stale one is reported, the others written
    TicketRepository tickets = new TicketRepository(side.first());
    Ticket current = tickets.save(new Ticket(null, 0, "current", 1));
    var results = tickets.unitOfWork()
        .save(new Ticket(current.id(), 0, "stale", 1))
        .save(new Ticket(null, 0, "fresh", 2))
        .applyEach();
    assertTrue(results.get(0).failure() instanceof OptimisticLockException, String.valueOf(results.get(0)));
    assertTrue(results.get(1).written());
    assertEquals(1, results.get(1).stored().version());
    assertEquals(current, tickets.findById(current.id()).orElseThrow());
    assertTrue(tickets.verifyIndex().consistent(), tickets.verifyIndex().toString());
  }

  /**
   * A unit of work's partial updates move the version like single updates; a stale expected
   * version ({@code updateIfVersion}) leaves the whole unit unwritten, and applyEach reports it alone.
   */
  @ParameterizedTest
  @MethodSource("sides")
  void partialUpdatesInAUnitOfWorkCheckAndMoveTheVersion(Side side) {
    NoteRepository notes = new NoteRepository(side.first());
    List<String> ids = noteIdsInOneBucket(notes, "unit-partial-" + side.name() + "-", 2);
    Note first = notes.save(new Note(ids.get(0), null, "a"));
    Note second = notes.save(new Note(ids.get(1), null, "b"));

    List<Note> stored = notes.unitOfWork()
        .update(ids.get(0), Update.append(Note_.text, "!"))
        .updateIfVersion(ids.get(1), 1, Update.append(Note_.text, "?"))
        .commit();
    assertEquals(List.of(new Note(ids.get(0), 2, "a!"), new Note(ids.get(1), 2, "b?")), stored);

    OptimisticLockException stale = assertThrows(OptimisticLockException.class, () -> notes.unitOfWork()
        .update(ids.get(0), Update.append(Note_.text, "x"))
        .updateIfVersion(ids.get(1), 1, Update.append(Note_.text, "y")) // stored 2: refused
        .commit());
    assertEquals(notes.keyOf(ids.get(1)), stale.key());
    assertEquals(1, stale.expectedVersion());
    assertEquals(2, stale.actualVersion());
    assertEquals(stored, List.of(notes.findById(ids.get(0)).orElseThrow(), notes.findById(ids.get(1)).orElseThrow()),
        "nothing of the unit was written");

    var results = notes.unitOfWork()
        .update(ids.get(0), Update.append(Note_.text, "x"))
        .updateIfVersion(ids.get(1), 1, Update.append(Note_.text, "y"))
        .applyEach();
    assertEquals(new Note(ids.get(0), 3, "a!x"), results.get(0).stored());
    assertTrue(results.get(1).failure() instanceof OptimisticLockException, String.valueOf(results.get(1)));
    assertEquals(new Note(ids.get(1), 2, "b?"), notes.findById(ids.get(1)).orElseThrow());
    assertTrue(notes.verifyIndex().consistent(), notes.verifyIndex().toString());
    assertEquals(first.id(), ids.get(0));
    assertEquals(second.id(), ids.get(1));
  }
}
