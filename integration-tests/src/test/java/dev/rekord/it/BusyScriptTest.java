package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.it.model.Ticket;
import dev.rekord.it.model.TicketRepository;
import dev.rekord.test.RedisServer;
import dev.rekord.values.SetOptions;
import dev.rekord.values.ValueType;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Calls made while another client's Lua script keeps the server busy (past {@code
 * busy-reply-threshold} the server answers every other command {@code BUSY}, running none): each
 * is retried as the retry policy says and succeeds once the script ends; a call that is not
 * idempotent runs once.
 */
class BusyScriptTest {

  /** Runs for {@code ARGV[1]} ms of server time, then returns 1. */
  private static final String BUSY_LOOP = """
      local function now() local t = redis.call('TIME') return t[1] * 1000 + t[2] / 1000 end
      local start = now()
      while now() - start < tonumber(ARGV[1]) do end
      return 1
      """;

  private static RedisServer server;
  @BeforeAll
  static void start() {
    server = RedisServer.start();
    server.command("CONFIG", "SET", "busy-reply-threshold", "50");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void flush() {
    server.flushAll();
  }

  private Rekord rekord() {
    RetryPolicy patient = RetryPolicy.fixed(Duration.ofMillis(50)).withMaxAttempts(200).withDeadline(Duration.ofSeconds(20));
    return Rekord.builder().url(server.url()).retryPolicy(patient).build();
  }

  @Test
  void aReadAndAnIdempotentWriteSucceedOnceTheScriptEnds() {
    try (Rekord rekord = rekord()) {
      rekord.values().set("a", "before");
      assertEquals(Optional.of("before"), whileBusy(() -> rekord.values().get("a", String.class)));
      whileBusy(() -> {
        rekord.values().set("b", "written");
        return null;
      });
      assertEquals(Optional.of("written"), rekord.values().get("b", String.class));
    }
  }

  @Test
  void aCallThatIsNotIdempotentRunsOnce() {
    try (Rekord rekord = rekord()) {
      assertTrue(whileBusy(() -> rekord.values().set("nx", "first", SetOptions.NONE.onlyIfAbsent())),
          "SET NX sent once: a second run would have answered false");
      rekord.values().set("old", "v1");
      assertEquals(Optional.of("v1"), whileBusy(() -> rekord.values().getAndSet("old", ValueType.of(String.class),
          "v2", SetOptions.NONE)), "SET GET sent once: a second run would have returned v2");
    }
  }

  @Test
  void aVersionedSaveAndAUnitOfWorkAreWrittenOnce() {
    try (Rekord rekord = rekord()) {
      TicketRepository tickets = new TicketRepository(rekord);
      Ticket saved = whileBusy(() -> tickets.save(new Ticket(100L, 0, "v0", 0)));
      assertEquals(1, saved.version(), "a second run would have been refused as a version conflict");
      List<Ticket> committed = whileBusy(() -> tickets.unitOfWork().save(new Ticket(null, 0, "uow", 1))
          .save(new Ticket(100L, 1, "v1", 0)).commit());
      assertEquals(2, committed.size());
      assertEquals(2, tickets.count(), "the generated-id ticket written once");
      assertEquals(new Ticket(100L, 2, "v1", 0), tickets.findById(100L).orElseThrow());
    }
  }

  /**
   * A plain saveAll on a standalone server sends a transaction ({@code MULTI}, {@code index.lua},
   * the entries and documents, {@code EXEC}); while busy, {@code EXEC} answers {@code EXECABORT …
   * BUSY}, having run nothing, and the whole transaction is sent again.
   */
  @Test
  void aTransactionAbortedByBusyIsSentAgain() {
    try (Rekord rekord = rekord()) {
      MemberRepository members = new MemberRepository(rekord);
      List<Member> saved = List.of(new Member("a", "Oslo", LocalDate.of(2020, 1, 1), 30, List.of("x"), null),
          new Member("b", "Rome", LocalDate.of(2021, 1, 1), 40, List.of("y"), null));
      whileBusy(() -> members.saveAll(saved));
      assertEquals(saved, members.find(Member_.age.gte(0)).sortBy(Member_.age.asc()).list());
    }
  }

  /**
   * Runs {@code call} while a script keeps the server busy for 1.5 s (begun first, and seen
   * answering {@code BUSY}), and returns its result.
   */
  private static <T> T whileBusy(Supplier<T> call) {
    CompletableFuture<Object> script = CompletableFuture.supplyAsync(() -> server.command("EVAL", BUSY_LOOP, "0", "1500"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!isBusy()) {
      assertTrue(System.nanoTime() < deadline, "the server never answered BUSY");
      assertFalse(script.isDone(), "the script ended before the server answered BUSY");
    }
    T result = call.get(); // its first attempt answered BUSY, a retry ran once the script ended
    assertEquals(1L, script.join());
    return result;
  }

  private static boolean isBusy() {
    try {
      server.command("PING");
      return false;
    } catch (UncheckedIOException e) {
      if (String.valueOf(e.getMessage()).contains("BUSY")) {
        return true;
      }
      throw e;
    }
  }
}
