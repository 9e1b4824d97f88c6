package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.cluster.SharedCluster;
import dev.rekord.exception.LockLostException;
import dev.rekord.exception.LockTimeoutException;
import dev.rekord.internal.lock.LockScripts;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.UnifiedJedis;

/** Document locks on a standalone server and on the cluster (16 buckets), from two "processes". */
@ExtendWith(RedisExtension.class)
class DocumentLockTest {

  /** One deployment: two independent clients (two connection pools, as two processes would have). */
  record Side(String name, Rekord first, Rekord second) {
    @Override
    public String toString() {
      return name;
    }

    RekordRepository<Member, String> members(Rekord rekord) {
      return TestModel.repository(rekord, TestModel.stringIds("locked", Storage.HASH, Duration.ZERO));
    }
  }

  private static final List<Side> sides = new ArrayList<>();

  @BeforeAll
  static void connect(RedisServer server) {
    sides.add(new Side("standalone", Rekord.connect(server.url()), Rekord.connect(server.url())));
    String seed = SharedCluster.get().seedUrl();
    sides.add(new Side("cluster", Rekord.connect(seed), Rekord.connect(seed)));
  }

  @AfterAll
  static void disconnect() {
    for (Side side : sides) {
      side.first().close();
      side.second().close();
    }
  }

  static Stream<Side> sides() {
    return sides.stream();
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aLockExcludesOtherHoldersUntilItIsClosed(Side side) {
    RekordRepository<Member, String> mine = side.members(side.first());
    RekordRepository<Member, String> theirs = side.members(side.second());

    try (DocumentLock lock = mine.lock("a", Duration.ofSeconds(30))) {
      assertTrue(lock.isHeld());
      assertEquals(Optional.empty(), theirs.tryLock("a", Duration.ofSeconds(30)).map(DocumentLock::key));
      // Another document's lock is independent.
      theirs.tryLock("b", Duration.ofSeconds(30)).orElseThrow().close();
    }
    try (DocumentLock again = theirs.tryLock("a", Duration.ofSeconds(30)).orElseThrow()) {
      assertTrue(again.isHeld());
    }
  }

  @ParameterizedTest
  @MethodSource("sides")
  void theLockLivesInTheDocumentsSlotAndTheDocumentNeedNotExist(Side side) {
    RekordRepository<Member, String> members = side.members(side.first());
    UnifiedJedis redis = side.first().connection().unwrap(UnifiedJedis.class);
    for (String id : List.of("x1", "x2", "x3", "x4", "x5")) {
      String lockKey;
      try (DocumentLock lock = members.lock(id, Duration.ofSeconds(5))) {
        lockKey = lock.key();
        String documentKey = members.keyOf(id);
        assertEquals(documentKey.substring(0, documentKey.indexOf('}') + 1) + "#lock:" + id, lockKey);
        assertFalse(redis.exists(documentKey));
        assertTrue(redis.exists(lockKey));
      }
      assertFalse(redis.exists(lockKey), "closing removes the lock");
    }
  }

  @ParameterizedTest
  @MethodSource("sides")
  void readModifyWriteUnderTheLockLosesNoUpdateAcrossThreadsAndClients(Side side) throws Exception {
    RekordRepository<Member, String> first = side.members(side.first());
    RekordRepository<Member, String> second = side.members(side.second());
    first.save(new Member("counter", "Oslo", 0, List.of()));
    int threads = 8;
    int increments = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        RekordRepository<Member, String> members = t % 2 == 0 ? first : second;
        done.add(pool.submit(() -> {
          for (int i = 0; i < increments; i++) {
            try (DocumentLock lock = members.lock("counter", Duration.ofSeconds(10), Duration.ofSeconds(60))) {
              Member now = members.findById("counter").orElseThrow();
              Thread.yield(); // widen the window a lost update would need
              members.save(new Member("counter", now.city(), now.age() + 1, now.tags()));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(threads * increments, first.findById("counter").orElseThrow().age());
    assertTrue(first.verifyIndex().consistent(), "the index stays exact");
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aHolderThatDiesLosesTheLockWhenItsLeaseRunsOutAndFencingTokensGrow(Side side) throws Exception {
    RekordRepository<Member, String> mine = side.members(side.first());
    RekordRepository<Member, String> theirs = side.members(side.second());

    DocumentLock abandoned = mine.lock("d", Duration.ofMillis(200)); // never closed: its holder "died"
    long started = System.nanoTime();
    try (DocumentLock next = theirs.lock("d", Duration.ofSeconds(30), Duration.ofSeconds(10))) {
      long waitedMillis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(waitedMillis >= 100, "waited for the lease, not taken at once: " + waitedMillis);
      assertTrue(next.fencingToken() > abandoned.fencingToken());

      LockLostException lost = assertThrows(LockLostException.class, abandoned::renew);
      assertEquals(abandoned.key(), lost.key());
      assertTrue(lost.getMessage().contains("document d of model Member"), lost.getMessage());
      assertFalse(abandoned.isHeld());
      abandoned.close(); // must not release the new holder's lock
      assertTrue(next.isHeld());
    }
  }

  @ParameterizedTest
  @MethodSource("sides")
  void contentionBeyondTheWaitIsATypedExceptionNamingKeyModelAndId(Side side) {
    RekordRepository<Member, String> mine = side.members(side.first());
    RekordRepository<Member, String> theirs = side.members(side.second());
    try (DocumentLock held = mine.lock("busy", Duration.ofSeconds(30))) {
      long started = System.nanoTime();
      LockTimeoutException e = assertThrows(LockTimeoutException.class,
          () -> theirs.lock("busy", Duration.ofSeconds(5), Duration.ofMillis(150)));
      long waitedMillis = (System.nanoTime() - started) / 1_000_000;
      assertTrue(waitedMillis >= 150 && waitedMillis < 5_000, "bounded wait: " + waitedMillis);
      assertEquals(held.key(), e.key());
      assertEquals("Member", e.model());
      assertEquals("busy", e.id());
      assertTrue(e.getMessage().contains(held.key()) && e.getMessage().contains("ms left"), e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("sides")
  void renewingExtendsTheLease(Side side) throws Exception {
    RekordRepository<Member, String> members = side.members(side.first());
    UnifiedJedis redis = side.first().connection().unwrap(UnifiedJedis.class);
    try (DocumentLock lock = members.lock("r", Duration.ofMillis(300))) {
      lock.renew(Duration.ofSeconds(20));
      Thread.sleep(400);
      assertTrue(lock.isHeld());
      assertTrue(redis.pttl(lock.key()) > 15_000);
      assertEquals(Duration.ofSeconds(20), lock.lease());
    }
  }

  @ParameterizedTest
  @MethodSource("sides")
  void aRetriedAcquisitionBySameOwnerGetsTheSameToken(Side side) {
    RekordRepository<Member, String> members = side.members(side.first());
    try (DocumentLock lock = members.lock("i", Duration.ofSeconds(5))) {
      String fencing = lock.key().substring(0, lock.key().indexOf('#')) + "#fence";
      // The connection retries a script after a transient failure; the owner must not lock itself out.
      Object first = side.first().connection().eval(LockScripts.ACQUIRE, List.of(lock.key() + "x", fencing), List.of("owner-1", "5000"));
      Object again = side.first().connection().eval(LockScripts.ACQUIRE, List.of(lock.key() + "x", fencing), List.of("owner-1", "5000"));
      assertEquals(first, again);
      assertEquals(1L, ((List<?>) first).get(0));
    }
  }

  @Test
  void nonsenseLeasesAndWaitsAreRefused() {
    RekordRepository<Member, String> members = sides.get(0).members(sides.get(0).first());
    assertThrows(IllegalArgumentException.class, () -> members.lock("a", Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> members.lock("a", Duration.ofSeconds(1), Duration.ofMillis(-1)));
    assertThrows(NullPointerException.class, () -> members.lock(null, Duration.ofSeconds(1)));
  }
}
