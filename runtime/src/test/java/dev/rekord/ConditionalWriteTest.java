package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.cluster.SharedCluster;
import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.DocumentNotFoundException;
import dev.rekord.model.Engine;
import dev.rekord.schema.MigrationListener;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * insert, update, saveIfAbsent and their batch forms on a standalone server and on the cluster, in
 * both stored forms, and on the search engine (a standalone server with the Redis Query Engine,
 * hashes): a refused write leaves document and index untouched, and the check is atomic
 * with the write (many threads of two clients race for the same ids; exactly one wins each).
 */
@ExtendWith(RedisExtension.class)
class ConditionalWriteTest {

  /** One deployment and stored form: two independent clients, as two processes would have. */
  record Side(String name, Storage storage, Rekord first, Rekord second) {
    @Override
    public String toString() {
      return name + " " + storage;
    }

    RekordRepository<Member, String> members(Rekord rekord, String model) {
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
    String seed = SharedCluster.get().seedUrl();
    Rekord standalone = Rekord.connect(server.url());
    Rekord standalone2 = Rekord.connect(server.url());
    Rekord cluster = Rekord.connect(seed);
    Rekord cluster2 = Rekord.connect(seed);
    clients.addAll(List.of(standalone, standalone2, cluster, cluster2));
    for (Storage storage : List.of(Storage.HASH, Storage.JSON)) {
      sides.add(new Side("standalone", storage, standalone, standalone2));
      sides.add(new Side("cluster", storage, cluster, cluster2));
    }
    searchServer = RedisModules.startSearchServerIfFound("ConditionalWriteTest").orElse(null);
    if (searchServer != null) { // AUTO puts the hash models on the search engine
      Rekord search = Rekord.connect(searchServer.url());
      Rekord search2 = Rekord.connect(searchServer.url());
      clients.addAll(List.of(search, search2));
      sides.add(new Side("search", Storage.HASH, search, search2));
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

  @ParameterizedTest
  @MethodSource("sides")
  void insertRefusesAnExistingIdAndLeavesDocumentAndIndexUntouched(Side side) {
    RekordRepository<Member, String> members = side.members(side.first(), "insert");
    members.save(member("m1", "Oslo"));

    DocumentExistsException refused =
        assertThrows(DocumentExistsException.class, () -> members.insert(member("m1", "Bergen")));
    assertEquals(members.keyOf("m1"), refused.key());
    assertEquals("m1", refused.id());
    assertEquals(members.model().name(), refused.model());
    assertTrue(refused.getMessage().contains(members.keyOf("m1")), refused.getMessage());

    assertEquals(Optional.of(member("m1", "Oslo")), members.findById("m1"));
    assertEquals(0, members.find(Member_.city.eq("Bergen")).count());
    assertEquals(List.of("m1"), members.find(Member_.city.eq("Oslo")).ids());
    assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());

    Member inserted = members.insert(member("m2", "Bergen"));
    assertEquals(Optional.of(inserted), members.findById("m2"));
    assertEquals(List.of("m2"), members.find(Member_.city.eq("Bergen")).ids());
    // a null id is generated, then inserted
    Member generated = members.insert(member(null, "Tromsø"));
    assertEquals(Optional.of(generated), members.findById(generated.id()));
    assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void updateRefusesAMissingDocumentAndReplacesAnExistingOne(Side side) {
    RekordRepository<Member, String> members = side.members(side.first(), "update");

    DocumentNotFoundException missing =
        assertThrows(DocumentNotFoundException.class, () -> members.update(member("u1", "Oslo")));
    assertEquals(members.keyOf("u1"), missing.key());
    assertEquals("u1", missing.id());
    assertEquals(Optional.empty(), members.findById("u1"));
    assertEquals(0, members.findAll().count());
    assertEquals(0, members.find(Member_.city.eq("Oslo")).count());

    members.save(member("u1", "Oslo"));
    members.update(member("u1", "Bergen"));
    assertEquals(Optional.of(member("u1", "Bergen")), members.findById("u1"));
    assertEquals(0, members.find(Member_.city.eq("Oslo")).count());
    assertEquals(List.of("u1"), members.find(Member_.city.eq("Bergen")).ids());
    assertThrows(IllegalArgumentException.class, () -> members.update(member(null, "Oslo")));
    assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());
  }

  @ParameterizedTest
  @MethodSource("sides")
  void saveIfAbsentReportsWhetherItWrote(Side side) {
    RekordRepository<Member, String> members = side.members(side.first(), "absent");
    assertTrue(members.saveIfAbsent(member("s1", "Oslo")));
    assertFalse(members.saveIfAbsent(member("s1", "Bergen")));
    assertEquals(Optional.of(member("s1", "Oslo")), members.findById("s1"));
    assertEquals(0, members.find(Member_.city.eq("Bergen")).count());
    assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());
  }

  /** Spread over every bucket, so joined calls mix refused and written documents. */
  @ParameterizedTest
  @MethodSource("sides")
  void batchFormsReportTheRefusedIdsAndWriteTheOthers(Side side) {
    RekordRepository<Member, String> members = side.members(side.first(), "batch");
    List<Member> existing = new ArrayList<>();
    List<Member> batch = new ArrayList<>();
    List<String> expectedRefused = new ArrayList<>();
    List<Member> expectedWritten = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String id = "b" + i;
      if (i % 3 == 0) {
        existing.add(member(id, "Oslo"));
        expectedRefused.add(id);
      } else {
        expectedWritten.add(member(id, "Bergen"));
      }
      batch.add(member(id, "Bergen"));
    }
    members.saveAll(existing);

    ConditionalWrites<Member, String> inserted = members.insertAll(batch);
    assertEquals(expectedRefused, inserted.refused());
    assertEquals(expectedWritten, inserted.written());
    assertFalse(inserted.allWritten());
    assertEquals(existing.size(), members.find(Member_.city.eq("Oslo")).count());
    assertEquals(expectedWritten.size(), members.find(Member_.city.eq("Bergen")).count());
    assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());

    // update: those that exist now are all written; unknown ids are refused
    List<Member> updates = new ArrayList<>();
    for (int i = 0; i < 210; i++) {
      updates.add(member("b" + i, "Tromsø"));
    }
    ConditionalWrites<Member, String> updated = members.updateAll(updates);
    assertEquals(List.of("b200", "b201", "b202", "b203", "b204", "b205", "b206", "b207", "b208", "b209"),
        updated.refused());
    assertEquals(200, updated.written().size());
    assertEquals(200, members.find(Member_.city.eq("Tromsø")).count());
    assertEquals(200, members.findAll().count());
    assertTrue(members.insertAll(List.of(member("new", "Oslo"))).allWritten());
    assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());
  }

  /** Threads of two clients race to insert the same ids: exactly one wins each, the index stays exact. */
  @ParameterizedTest
  @MethodSource("sides")
  void racingInsertsHaveExactlyOneWinnerPerId(Side side) throws Exception {
    RekordRepository<Member, String> mine = side.members(side.first(), "race");
    RekordRepository<Member, String> theirs = side.members(side.second(), "race");
    int ids = 40;
    int threads = 8;
    AtomicIntegerArray wins = new AtomicIntegerArray(ids);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        RekordRepository<Member, String> members = t % 2 == 0 ? mine : theirs;
        String city = "city" + t;
        boolean batch = t % 4 == 3;
        done.add(pool.submit(() -> {
          if (batch) {
            List<Member> all = new ArrayList<>();
            for (int i = 0; i < ids; i++) {
              all.add(member("r" + i, city));
            }
            for (Member written : members.insertAll(all).written()) {
              wins.incrementAndGet(Integer.parseInt(written.id().substring(1)));
            }
          } else {
            for (int i = 0; i < ids; i++) {
              if (members.saveIfAbsent(member("r" + i, city))) {
                wins.incrementAndGet(i);
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
    for (int i = 0; i < ids; i++) {
      assertEquals(1, wins.get(i), "winners of r" + i);
    }
    assertEquals(ids, mine.findAll().count());
    long indexed = 0;
    for (int t = 0; t < threads; t++) {
      indexed += mine.find(Member_.city.eq("city" + t)).count();
    }
    assertEquals(ids, indexed);
    assertTrue(mine.verifyIndex().consistent(), mine.verifyIndex().toString());
  }
}
