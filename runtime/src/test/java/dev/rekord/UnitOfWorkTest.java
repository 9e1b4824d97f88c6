package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.cluster.SharedCluster;
import dev.rekord.exception.CrossBucketWriteException;
import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.DocumentNotFoundException;
import dev.rekord.model.Engine;
import dev.rekord.schema.MigrationListener;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import dev.rekord.update.Update;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Units of work on a standalone server (one bucket), on the cluster (16 buckets) and on the search
 * engine (a standalone server with the Redis Query Engine, hashes only), in both
 * stored forms: commit() is all or nothing within a bucket and refused across buckets;
 * applyEach() reports per item; the index stays exact.
 */
@ExtendWith(RedisExtension.class)
class UnitOfWorkTest {

  record Side(String name, Storage storage, Rekord rekord) {
    @Override
    public String toString() {
      return name + " " + storage;
    }

    RekordRepository<Member, String> members(String model) {
      RekordRepository<Member, String> members =
          TestModel.repository(rekord, TestModel.stringIds(model + "-" + storage, storage, Duration.ZERO));
      if (name.equals("search")) {
        assertEquals(Engine.SEARCH, rekord.engineOf(members.model()));
        RekordTesting.migrator(rekord).migrate(members.model(), MigrationListener.NONE); // FT.CREATE
      }
      return members;
    }
  }

  private static final List<Side> sides = new ArrayList<>();
  private static final List<Rekord> clients = new ArrayList<>();
  /** A standalone server with the Redis Query Engine, for the search-engine side. */
  private static RedisServer searchServer;

  @BeforeAll
  static void connect(RedisServer server) {
    Rekord standalone = Rekord.connect(server.url());
    Rekord cluster = Rekord.connect(SharedCluster.get().seedUrl());
    clients.addAll(List.of(standalone, cluster));
    for (Storage storage : List.of(Storage.HASH, Storage.JSON)) {
      sides.add(new Side("standalone", storage, standalone));
      sides.add(new Side("cluster", storage, cluster));
    }
    searchServer = RedisModules.startSearchServerIfFound("UnitOfWorkTest").orElse(null);
    if (searchServer != null) { // AUTO puts the hash models on the search engine
      Rekord search = Rekord.connect(searchServer.url());
      clients.add(search);
      sides.add(new Side("search", Storage.HASH, search));
    }
  }

  @AfterAll
  static void disconnect() {
    clients.forEach(Rekord::close);
    if (searchServer != null) {
      searchServer.close();
    }
  }

  static Stream<Side> sides() {
    return sides.stream();
  }

  private static Member member(String id, String city) {
    return new Member(id, city, 30, List.of("x"));
  }

  /** {@code count} ids starting with {@code stem} whose documents share one bucket. */
  private static List<String> oneBucket(RekordRepository<Member, String> members, String stem, int count) {
    List<String> ids = new ArrayList<>();
    String tag = tag(members, stem + 0);
    for (int i = 0; ids.size() < count; i++) {
      if (tag(members, stem + i).equals(tag)) {
        ids.add(stem + i);
      }
    }
    return ids;
  }

  private static String tag(RekordRepository<Member, String> members, String id) {
    String key = members.keyOf(id);
    return key.substring(0, key.indexOf('}') + 1);
  }

  private static void assertConsistent(RekordRepository<Member, String> members) {
    assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aCommitWritesEveryItemOfOneBucketTogether(Side side) {
    RekordRepository<Member, String> members = side.members("unit-commit");
    List<String> ids = oneBucket(members, "u", 4);
    members.saveAll(List.of(member(ids.get(0), "Oslo"), member(ids.get(1), "Oslo")));

    List<Member> stored = members.unitOfWork()
        .delete(ids.get(0))
        .update(member(ids.get(1), "Rome"))
        .insert(member(ids.get(2), "Rome"))
        .save(member(ids.get(3), "Paris"))
        .commit();

    assertEquals(List.of(member(ids.get(1), "Rome"), member(ids.get(2), "Rome"), member(ids.get(3), "Paris")), stored);
    assertEquals(Optional.empty(), members.findById(ids.get(0)));
    assertEquals(0, members.find(Member_.city.eq("Oslo")).count(), "the deleted and the updated left Oslo's index");
    assertEquals(List.of(ids.get(1), ids.get(2)), members.find(Member_.city.eq("Rome")).sortBy(Member_.city.asc()).ids());
    assertEquals(3, members.count());
    assertConsistent(members);
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aRefusedItemLeavesEveryItemOfTheUnitUnwritten(Side side) {
    RekordRepository<Member, String> members = side.members("unit-refused");
    List<String> ids = oneBucket(members, "r", 5);
    members.saveAll(List.of(member(ids.get(0), "Oslo"), member(ids.get(1), "Oslo")));

    DocumentExistsException refused = assertThrows(DocumentExistsException.class, () -> members.unitOfWork()
        .save(member(ids.get(2), "Rome"))
        .delete(ids.get(1))
        .insert(member(ids.get(0), "Rome"))        // exists: refused
        .update(member(ids.get(3), "Rome"))        // missing: refused too
        .save(member(ids.get(0).equals(ids.get(4)) ? "x" : ids.get(4), "Paris"))
        .commit());

    assertEquals(ids.get(0), refused.id());
    assertEquals(1, refused.getSuppressed().length);
    assertInstanceOf(DocumentNotFoundException.class, refused.getSuppressed()[0]);
    assertEquals(Optional.of(member(ids.get(0), "Oslo")), members.findById(ids.get(0)));
    assertEquals(Optional.of(member(ids.get(1), "Oslo")), members.findById(ids.get(1)), "the delete did not run");
    assertEquals(Optional.empty(), members.findById(ids.get(2)), "the save before the refused insert did not run");
    assertEquals(Optional.empty(), members.findById(ids.get(4)));
    assertEquals(2, members.count());
    assertEquals(0, members.find(Member_.city.in(List.of("Rome", "Paris"))).count());
    assertConsistent(members);
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aCommitAcrossBucketsIsRefusedNamingThemAndWritesNothing(Side side) {
    RekordRepository<Member, String> members = side.members("unit-buckets");
    assumeTrue(members.buckets() > 1, "one bucket: every unit is in it");
    String first = "b0";
    String other = "b1";
    for (int i = 1; tag(members, other).equals(tag(members, first)); i++) {
      other = "b" + i;
    }
    String otherId = other;

    CrossBucketWriteException refused = assertThrows(CrossBucketWriteException.class, () -> members.unitOfWork()
        .save(member(first, "Oslo")).save(member(otherId, "Oslo")).commit());

    assertEquals(List.of(tag(members, first), tag(members, otherId)), refused.buckets());
    assertTrue(refused.getMessage().contains(tag(members, otherId)) && refused.getMessage().contains("applyEach"),
        refused.getMessage());
    assertEquals(0, members.count());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void anIdTwiceInACommitIsRefusedBeforeAnythingRuns(Side side) {
    RekordRepository<Member, String> members = side.members("unit-twice");
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> members.unitOfWork().save(member("t", "Oslo")).delete("t").commit());
    assertTrue(twice.getMessage().contains("t appears twice"), twice.getMessage());
    assertEquals(0, members.count());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void applyEachWritesAcrossBucketsAndReportsEachItem(Side side) {
    RekordRepository<Member, String> members = side.members("unit-each");
    members.saveAll(List.of(member("e0", "Oslo"), member("e1", "Oslo")));
    List<String> others = new ArrayList<>();
    for (int i = 2; i < 30; i++) {
      others.add("e" + i);
    }

    UnitOfWork<Member, String> unit = members.unitOfWork()
        .insert(member("e0", "Rome"))    // exists: refused
        .delete("e1")
        .update(member("missing", "Rome")) // refused
        .save(member(null, "Paris"));      // a generated id
    others.forEach(id -> unit.save(member(id, "Bergen")));
    List<UnitOfWork.ItemResult<Member, String>> results = unit.applyEach();

    assertEquals(unit.size(), results.size());
    assertInstanceOf(DocumentExistsException.class, results.get(0).failure());
    assertEquals("e0", results.get(0).id());
    assertNull(results.get(0).stored());
    assertTrue(results.get(1).written());
    assertInstanceOf(DocumentNotFoundException.class, results.get(2).failure());
    Member generated = results.get(3).stored();
    assertEquals(generated.id(), results.get(3).id());
    assertEquals(Optional.of(generated), members.findById(generated.id()));
    assertTrue(results.subList(4, results.size()).stream().allMatch(UnitOfWork.ItemResult::written));

    assertEquals(Optional.of(member("e0", "Oslo")), members.findById("e0"));
    assertFalse(members.existsById("e1"));
    assertEquals(others.size(), members.find(Member_.city.eq("Bergen")).count());
    assertEquals(1 + 1 + others.size(), members.count());
    assertConsistent(members);
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aCommitAppliesPartialUpdatesWithItsOtherItemsAndMovesTheirEntries(Side side) {
    RekordRepository<Member, String> members = side.members("unit-partial");
    List<String> ids = oneBucket(members, "p", 4);
    members.saveAll(List.of(member(ids.get(0), "Oslo"), member(ids.get(1), "Oslo"), member(ids.get(3), "Oslo")));

    List<Member> stored = members.unitOfWork()
        .update(ids.get(0), Update.increment(Member_.age, 2), Update.set(Member_.city, "Rome"),
            Update.append(Member_.tags, "y"))
        .delete(ids.get(1))
        .insert(member(ids.get(2), "Rome"))
        .update(ids.get(3), Update.decrement(Member_.age, 5))
        .commit();

    Member updated = new Member(ids.get(0), "Rome", 32, List.of("x", "y"));
    assertEquals(List.of(updated, member(ids.get(2), "Rome"), new Member(ids.get(3), "Oslo", 25, List.of("x"))),
        stored, "the documents as the unit stored them, in order");
    assertEquals(Optional.of(updated), members.findById(ids.get(0)));
    assertFalse(members.existsById(ids.get(1)));
    assertEquals(List.of(ids.get(0), ids.get(2)), members.find(Member_.city.eq("Rome")).sortBy(Member_.age.desc()).ids());
    assertEquals(List.of(ids.get(3)), members.find(Member_.city.eq("Oslo")).ids());
    assertEquals(List.of(ids.get(0)), members.find(Member_.age.eq(32)).ids());
    assertConsistent(members);
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aPartialUpdateOfAMissingDocumentLeavesTheWholeUnitUnwritten(Side side) {
    RekordRepository<Member, String> members = side.members("unit-partial-missing");
    List<String> ids = oneBucket(members, "m", 3);
    members.save(member(ids.get(0), "Oslo"));

    DocumentNotFoundException missing = assertThrows(DocumentNotFoundException.class, () -> members.unitOfWork()
        .update(ids.get(0), Update.set(Member_.city, "Rome"))
        .save(member(ids.get(1), "Rome"))
        .update(ids.get(2), Update.increment(Member_.age, 1))
        .commit());

    assertEquals(ids.get(2), missing.id());
    assertEquals(members.keyOf(ids.get(2)), missing.key());
    assertEquals(Optional.of(member(ids.get(0), "Oslo")), members.findById(ids.get(0)));
    assertFalse(members.existsById(ids.get(1)));
    assertFalse(members.existsById(ids.get(2)), "a partial update creates no document");
    assertEquals(0, members.find(Member_.city.eq("Rome")).count());
    assertConsistent(members);
  }

  @ParameterizedTest
  @MethodSource("sides")
  void applyEachReportsEachPartialUpdate(Side side) {
    RekordRepository<Member, String> members = side.members("unit-partial-each");
    List<String> ids = List.of("pe0", "pe1", "pe2", "pe3", "pe4", "pe5");
    members.saveAll(List.of(member("pe0", "Oslo"), member("pe1", "Oslo"), member("pe2", "Oslo"),
        member("pe3", "Oslo"), member("pe4", "Oslo")));

    UnitOfWork<Member, String> unit = members.unitOfWork();
    ids.forEach(id -> unit.update(id, Update.increment(Member_.age, 1), Update.set(Member_.city, "Bergen")));
    List<UnitOfWork.ItemResult<Member, String>> results = unit.applyEach();

    for (int i = 0; i < 5; i++) {
      assertEquals(new Member(ids.get(i), "Bergen", 31, List.of("x")), results.get(i).stored());
      assertEquals(ids.get(i), results.get(i).id());
    }
    assertInstanceOf(DocumentNotFoundException.class, results.get(5).failure());
    assertEquals("pe5", results.get(5).id());
    assertFalse(members.existsById("pe5"));
    assertEquals(5, members.find(Member_.city.eq("Bergen").and(Member_.age.eq(31))).count());
    assertConsistent(members);
  }

  /**
   * Threads commit units that increment two documents of one bucket (and append to one) at once:
   * every unit is applied whole, none is lost, none fails with a conflict, and the index is exact.
   * A commit that wrote an update computed from a document changed since its read would lose
   * increments; one that gave up on the first changed digest would throw.
   */
  @ParameterizedTest
  @MethodSource("sides")
  void concurrentCommitsOfPartialUpdatesLoseNothing(Side side) throws Exception {
    RekordRepository<Member, String> members = side.members("unit-partial-race");
    List<String> ids = oneBucket(members, "c", 2);
    members.saveAll(List.of(new Member(ids.get(0), "Oslo", 0, List.of()), new Member(ids.get(1), "Oslo", 0, List.of())));
    int threads = 16;
    int rounds = 10;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int r = 0; r < rounds; r++) {
            members.unitOfWork()
                .update(ids.get(0), Update.increment(Member_.age, 1), Update.append(Member_.tags, thread + ":" + r))
                .update(ids.get(1), Update.increment(Member_.age, 2))
                .commit();
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
    Member first = members.findById(ids.get(0)).orElseThrow();
    assertEquals(threads * rounds, first.age(), "no increment lost");
    assertEquals(threads * rounds, first.tags().size(), "no append lost");
    assertEquals(2 * threads * rounds, members.findById(ids.get(1)).orElseThrow().age());
    assertEquals(List.of(ids.get(0)), members.find(Member_.age.eq(threads * rounds)).ids());
    assertConsistent(members);
  }
}
