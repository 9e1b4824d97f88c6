package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.exception.DeserializationException;
import dev.rekord.test.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** {@code repository.async()} against a real redis-server: the same results as the sync calls. */
class AsyncRepositoryTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static RekordRepository<Member, String> members(Rekord rekord) {
    return TestModel.repository(rekord, TestModel.stringIds("member", Storage.HASH, Duration.ZERO));
  }

  private static Member member(int i) {
    return new Member("m" + i, "City" + (i % 10), i % 90, List.of("t" + (i % 3)));
  }

  @Test
  void expiryControlRunsAsync() throws Exception {
    try (Rekord rekord = Rekord.connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      AsyncRepository<Member, String> async = members.async();
      members.save(member(1));
      assertTrue(async.expire("m1", Duration.ofMinutes(5)).get(10, TimeUnit.SECONDS));
      assertTrue(async.ttl("m1").get(10, TimeUnit.SECONDS).orElseThrow().compareTo(Duration.ofMinutes(4)) > 0);
      assertTrue(async.persist("m1").get(10, TimeUnit.SECONDS));
      assertTrue(async.ttl("m1").get(10, TimeUnit.SECONDS).isEmpty());
      assertFalse(async.expire("missing", Duration.ofMinutes(5)).get(10, TimeUnit.SECONDS));
      assertTrue(async.expireAt("m1", java.time.Instant.now().plusSeconds(600)).get(10, TimeUnit.SECONDS));
      assertTrue(members.ttl("m1").orElseThrow().compareTo(Duration.ofMinutes(9)) > 0);
      assertTrue(async.expireAt("m1", java.time.Instant.now().minusSeconds(1)).get(10, TimeUnit.SECONDS));
      async.sweepExpired().get(10, TimeUnit.SECONDS);
      assertFalse(members.existsById("m1"));
      assertEquals(0, members.count());
    }
  }

  @Test
  void tenThousandConcurrentFuturesGiveTheSyncResults() throws Exception {
    try (Rekord rekord = Rekord.builder().url(redis.server().url()).maxInFlight(64).build()) {
      RekordRepository<Member, String> members = members(rekord);
      AsyncRepository<Member, String> async = members.async();
      List<CompletableFuture<Member>> saves = new ArrayList<>();
      for (int i = 0; i < 1000; i++) {
        saves.add(async.save(member(i)));
      }
      CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      assertEquals(1000, members.count());

      List<CompletableFuture<?>> futures = new ArrayList<>();
      List<Object> expected = new ArrayList<>();
      for (int i = 0; i < 10_000; i++) {
        switch (i % 5) {
          case 0 -> {
            futures.add(async.findById("m" + (i % 1200))); // some missing
            expected.add(members.findById("m" + (i % 1200)));
          }
          case 1 -> {
            Query<Member, String> query = members.find(Member_.city.eq("City" + (i % 10))).limit(5);
            futures.add(async.list(query));
            expected.add(query.list());
          }
          case 2 -> {
            Query<Member, String> query = members.find(Member_.city.eq("City" + (i % 10)));
            futures.add(async.count(query));
            expected.add(query.count());
          }
          case 3 -> {
            futures.add(async.existsById("m" + (i % 1200)));
            expected.add(members.existsById("m" + (i % 1200)));
          }
          default -> {
            List<String> ids = List.of("m" + (i % 1000), "m" + ((i + 7) % 1000), "missing");
            futures.add(async.findAllById(ids).thenApply(read -> read.found()));
            expected.add(members.findAllById(ids).found());
          }
        }
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
      for (int i = 0; i < futures.size(); i++) {
        assertEquals(expected.get(i), futures.get(i).get(), "future " + i);
      }
    }
  }

  @Test
  void waitingWorkNeverExceedsTheBound() throws Exception {
    // One slow thread and 2,000 saves submitted at once: without back-pressure the executor's queue
    // would hold nearly all of them; with it, each queued save holds one of the 8 permits.
    AtomicInteger queued = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    ExecutorService single = Executors.newSingleThreadExecutor();
    try (Rekord rekord = Rekord.builder().url(redis.server().url()).maxInFlight(8)
        .asyncExecutor(task -> {
          most.accumulateAndGet(queued.incrementAndGet(), Math::max);
          single.execute(() -> {
            queued.decrementAndGet();
            task.run();
          });
        }).build()) {
      AsyncRepository<Member, String> async = members(rekord).async();
      List<CompletableFuture<Member>> saves = new ArrayList<>();
      for (int i = 0; i < 2000; i++) {
        saves.add(async.save(member(i)));
      }
      CompletableFuture.allOf(saves.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      assertTrue(most.get() <= 8, "at most 8 waiting, saw " + most.get());
      assertEquals(2000, members(rekord).count());
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void aCancelledSaveThatHadNotStartedWritesNothing() throws Exception {
    ExecutorService single = Executors.newSingleThreadExecutor();
    CountDownLatch release = new CountDownLatch(1);
    try (Rekord rekord = Rekord.builder().url(redis.server().url()).asyncExecutor(single).build()) {
      RekordRepository<Member, String> members = members(rekord);
      single.execute(() -> {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      CompletableFuture<Member> save = members.async().save(member(1));
      CompletableFuture<List<Member>> saveAll = members.async().saveAll(List.of(member(2), member(3)));
      save.cancel(true);
      saveAll.cancel(true);
      release.countDown();
      members.async().count().get(10, TimeUnit.SECONDS); // runs after the cancelled ones on the single thread
      assertFalse(members.existsById("m1"));
      assertEquals(Optional.empty(), members.findById("m2"));
      assertEquals(0, members.count(), "nothing half-applied");
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void failuresAreTheSyncExceptions() throws Exception {
    try (Rekord rekord = Rekord.connect(redis.server().url())) {
      RekordRepository<Member, String> members = members(rekord);
      rekord.connection().unwrap(UnifiedJedis.class).set(members.keyOf("broken"), "not a hash");

      ExecutionException e = assertThrows(ExecutionException.class,
          () -> members.async().findById("broken").get(10, TimeUnit.SECONDS));
      assertInstanceOf(DeserializationException.class, e.getCause());
      Throwable seen = members.async().findById("broken").handle((value, failure) -> failure).get();
      assertInstanceOf(DeserializationException.class, seen, "handle sees it unwrapped");

      ExecutionException npe = assertThrows(ExecutionException.class,
          () -> members.async().save(null).get(10, TimeUnit.SECONDS));
      assertEquals("entity must not be null", npe.getCause().getMessage());
    }
  }

  @Test
  void closeLeavesNoAsyncThreads() throws Exception {
    try (Rekord rekord = Rekord.connect(redis.server().url())) {
      AsyncRepository<Member, String> async = members(rekord).async();
      for (int i = 0; i < 200; i++) {
        async.save(member(i));
      }
      async.count().get(10, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (threads() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(0, threads());
  }

  @Test
  void noAsyncOperationStartsAfterClose() {
    Rekord rekord = Rekord.connect(redis.server().url());
    RekordRepository<Member, String> members = members(rekord);
    rekord.close();
    IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
        () -> members.async().count());
    assertEquals("Rekord is closed: no async operation can start", e.getMessage());
  }

  private static long threads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("rekord-async-")).count();
  }
}
