package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code async().cursor(query)}: the sync cursor's pages as futures; cancelling loses no page. */
class AsyncCursorTest {

  private static RekordRepository<Member, String> members(Rekord rekord) {
    return TestModel.repository(rekord, TestModel.stringIds("member", Storage.HASH, Duration.ZERO));
  }

  private static void saveMembers(RekordRepository<Member, String> members, int count) {
    List<Member> all = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      all.add(new Member(String.format("m%04d", i), i % 2 == 0 ? "Oslo" : "Rome", i % 90, List.of()));
    }
    members.saveAll(all);
  }

  private static <E> List<E> page(CompletableFuture<List<E>> future) throws Exception {
    return future.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theAsyncPagesAreTheSyncCursorsPagesInOrder() throws Exception {
    try (RedisServer server = RedisServer.start(); Rekord rekord = Rekord.connect(server.url())) {
      RekordRepository<Member, String> members = members(rekord);
      saveMembers(members, 1234);
      Query<Member, String> query = members.find(Member_.city.eq("Oslo")).sortBy(Member_.age.desc()).pageSize(100);

      List<List<Member>> syncPages = new ArrayList<>();
      try (Query.Cursor<Member> cursor = query.iterator()) {
        for (List<Member> p = cursor.nextPage(); !p.isEmpty(); p = cursor.nextPage()) {
          syncPages.add(p);
        }
      }
      List<List<Member>> asyncPages = new ArrayList<>();
      try (AsyncCursor<Member> cursor = members.async().cursor(query)) {
        for (List<Member> p = page(cursor.nextPage()); !p.isEmpty(); p = page(cursor.nextPage())) {
          asyncPages.add(p);
        }
      }
      assertEquals(7, asyncPages.size(), "617 matches in pages of 100");
      assertEquals(syncPages, asyncPages);
      assertEquals(query.list(), asyncPages.stream().flatMap(List::stream).toList());
    }
  }

  @Test
  void onePageAtATime() throws Exception {
    try (RedisServer server = RedisServer.start(); Rekord rekord = Rekord.connect(server.url())) {
      RekordRepository<Member, String> members = members(rekord);
      saveMembers(members, 30);
      server.suspend();
      try (AsyncCursor<Member> cursor = members.async().cursor(members.findAll().pageSize(10))) {
        CompletableFuture<List<Member>> first = cursor.nextPage();
        assertThrows(IllegalStateException.class, cursor::nextPage, "the first is still loading");
        server.resume();
        assertEquals(10, page(first).size());
        assertEquals(10, page(cursor.nextPage()).size());
      } finally {
        server.resume();
      }
    }
  }

  @Test
  void aPageCancelledBeforeItStartsIsNotRead() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    Executor gated = task -> new Thread(() -> {
      try {
        gate.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      task.run();
    }).start();
    try (RedisServer server = RedisServer.start();
        Rekord rekord = Rekord.builder().url(server.url()).asyncExecutor(gated).build()) {
      RekordRepository<Member, String> members = members(rekord);
      saveMembers(members, 25);
      try (AsyncCursor<Member> cursor = members.async().cursor(members.findAll().pageSize(10))) {
        CompletableFuture<List<Member>> cancelled = cursor.nextPage();
        assertTrue(cancelled.cancel(false));
        gate.countDown();
        List<Member> first = page(cursor.nextPage());
        assertEquals("m0000", first.get(0).id(), "the cancelled page was never read: the next is the first");
        assertEquals(10, first.size());
      }
    }
  }

  @Test
  void aPageCancelledWhileLoadingIsHandedToTheNextCall() throws Exception {
    try (RedisServer server = RedisServer.start(); Rekord rekord = Rekord.connect(server.url())) {
      RekordRepository<Member, String> members = members(rekord);
      saveMembers(members, 25);
      List<Member> all = new ArrayList<>();
      try (AsyncCursor<Member> cursor = members.async().cursor(members.findAll().pageSize(10))) {
        all.addAll(page(cursor.nextPage()));
        server.suspend(); // the second page's round trip waits on the stopped server
        CompletableFuture<List<Member>> loading = cursor.nextPage();
        Thread.sleep(300);
        assertTrue(loading.cancel(false));
        server.resume();
        for (List<Member> p = page(cursor.nextPage()); !p.isEmpty(); p = page(cursor.nextPage())) {
          all.addAll(p);
        }
      } finally {
        server.resume();
      }
      assertEquals(members.findAll().list(), all, "no document skipped, none twice");
    }
  }

  @Test
  void conditionalWritesAndUnitsOfWorkHaveAsyncFormsWithTheSyncExceptions() throws Exception {
    try (RedisServer server = RedisServer.start(); Rekord rekord = Rekord.connect(server.url())) {
      RekordRepository<Member, String> members = members(rekord);
      AsyncRepository<Member, String> async = members.async();
      Member ada = new Member("ada", "Oslo", 36, List.of());
      assertEquals(ada, async.insert(ada).get(10, TimeUnit.SECONDS));
      Throwable exists = async.insert(ada).handle((value, failure) -> failure).get(10, TimeUnit.SECONDS);
      assertTrue(exists instanceof dev.rekord.exception.DocumentExistsException, String.valueOf(exists));
      assertEquals(false, async.saveIfAbsent(ada).get(10, TimeUnit.SECONDS));

      UnitOfWork<Member, String> unit = members.unitOfWork().update(new Member("ada", "Rome", 37, List.of()))
          .insert(new Member("bob", "Rome", 20, List.of()));
      CompletableFuture<List<Member>> committed = async.commit(unit);
      unit.delete("ada"); // added after the call: not part of it
      assertEquals(2, committed.get(10, TimeUnit.SECONDS).size());
      assertEquals(2, members.find(Member_.city.eq("Rome")).count());
      List<UnitOfWork.ItemResult<Member, String>> results =
          async.applyEach(members.unitOfWork().insert(ada).delete("bob")).get(10, TimeUnit.SECONDS);
      assertTrue(results.get(0).failure() instanceof dev.rekord.exception.DocumentExistsException);
      assertTrue(results.get(1).written());
      assertEquals(1, members.count());
    }
  }
}
