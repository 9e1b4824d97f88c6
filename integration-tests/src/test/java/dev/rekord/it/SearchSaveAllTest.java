package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.ConditionalWrites;
import dev.rekord.Rekord;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.it.model.Ticket;
import dev.rekord.it.model.TicketRepository;
import dev.rekord.it.model.Ticket_;
import dev.rekord.model.Engine;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/**
 * The search engine's {@code saveAll} joins the documents of a bucket into calls of its write script
 * (20 each), sent in one pipeline, while each document keeps its own checks: refusals land on the right
 * documents, and an id saved twice in one batch is checked against its first save.
 */
class SearchSaveAllTest {

  private static RedisServer server;
  private static Rekord rekord;

  @BeforeAll
  static void start() {
    Path module = RedisModules.search().orElse(null);
    Assumptions.assumeTrue(module != null, RedisModules.searchMissingMessage());
    server = RedisServer.builder().module(module).start();
    rekord = Rekord.builder().url(server.url()).engine(Member.class, Engine.SEARCH).engine(Ticket.class, Engine.SEARCH)
        .build();
  }

  @AfterAll
  static void stop() {
    if (rekord != null) {
      rekord.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void flush() {
    server.flushAll();
    rekord.migrate();
  }

  private static Member member(int i, String city) {
    return new Member("m" + i, city, LocalDate.of(2024, 1, 1).plusDays(i % 30), i % 90, List.of("t"), null);
  }

  private static List<Member> members(int from, int to, String city) {
    List<Member> members = new ArrayList<>();
    for (int i = from; i < to; i++) {
      members.add(member(i, city));
    }
    return members;
  }

  @Test
  void aSaveAllOfFiveHundredDocumentsIsTwentyFiveScriptCalls() {
    MemberRepository repository = new MemberRepository(rekord);
    repository.saveAll(members(0, 10, "warm")); // the script is loaded, the connection open
    try (UnifiedJedis raw = new RedisTarget(server).raw()) {
      server.command("CONFIG", "RESETSTAT");
      repository.saveAll(members(0, 500, "Oslo")); // one batch of the repository
      String stats = raw.info("commandstats");
      assertEquals(500 / 20, counter(stats, "cmdstat_evalsha:", "calls="), stats); // was 500, one per document
    }
    assertEquals(500, repository.find(Member_.city.eq("Oslo")).count());
    assertEquals(member(499, "Oslo"), repository.findById("m499").orElseThrow());
  }

  @Test
  void insertAllRefusesExactlyTheDocumentsThatExistAcrossJoinedCalls() {
    MemberRepository repository = new MemberRepository(rekord);
    List<Member> existing = new ArrayList<>();
    for (int i = 0; i < 130; i += 7) {
      existing.add(member(i, "Old"));
    }
    repository.saveAll(existing);
    ConditionalWrites<Member, String> result = repository.insertAll(members(0, 130, "New"));
    assertEquals(existing.stream().map(Member::id).toList(), result.refused());
    assertEquals(130 - existing.size(), result.written().size());
    assertEquals(existing.size(), repository.find(Member_.city.eq("Old")).count());
    assertEquals(130 - existing.size(), repository.find(Member_.city.eq("New")).count());
    assertEquals(member(7, "Old"), repository.findById("m7").orElseThrow());
    assertEquals(member(8, "New"), repository.findById("m8").orElseThrow());
  }

  @Test
  void anIdInsertedTwiceInOneBatchIsWrittenOnceAndRefusedOnce() {
    MemberRepository repository = new MemberRepository(rekord);
    List<Member> batch = new ArrayList<>(members(0, 10, "First"));
    batch.add(member(3, "Second")); // one call would check both inserts against no document
    ConditionalWrites<Member, String> result = repository.insertAll(batch);
    assertEquals(List.of("m3"), result.refused());
    assertEquals(10, result.written().size());
    assertEquals(member(3, "First"), repository.findById("m3").orElseThrow());
    assertEquals(0, repository.find(Member_.city.eq("Second")).count());
  }

  @Test
  void anIdSavedTwiceInOneBatchRunsItsSavesInOrderAndChecksTheSecondVersionAgainstTheFirst() {
    TicketRepository tickets = new TicketRepository(rekord);
    List<Ticket> batch = new ArrayList<>();
    for (long i = 1; i <= 40; i++) {
      batch.add(new Ticket(i, 0, "t" + i, 1));
    }
    batch.add(new Ticket(5L, 0, "again", 2)); // stale once the first save of ticket 5 ran
    OptimisticLockException stale = assertThrows(OptimisticLockException.class, () -> tickets.saveAll(batch));
    assertEquals(0, stale.expectedVersion());
    assertEquals(1, stale.actualVersion());
    assertEquals(new Ticket(5L, 1, "t5", 1), tickets.findById(5L).orElseThrow());
    assertEquals(40, tickets.find(Ticket_.priority.eq(1)).count());
    assertEquals(0, tickets.find(Ticket_.title.eq("again")).count());

    // saved in order: the second save of an id sees the first's version and content
    List<Ticket> twice = List.of(new Ticket(41L, 0, "one", 1), new Ticket(41L, 1, "two", 2));
    tickets.saveAll(twice);
    assertEquals(new Ticket(41L, 2, "two", 2), tickets.findById(41L).orElseThrow());
  }

  /** The number after {@code key} on its line of an {@code INFO} reply (after {@code field} within it). */
  private static long counter(String info, String key, String field) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(key)) {
        String rest = line.substring(key.length());
        int at = rest.indexOf(field) + field.length();
        int end = at;
        while (end < rest.length() && Character.isDigit(rest.charAt(end))) {
          end++;
        }
        return Long.parseLong(rest.substring(at, end));
      }
    }
    return 0;
  }
}
