package dev.rekord.docs.async;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.rekord.AsyncCursor;
import dev.rekord.Rekord;
import dev.rekord.config.AsyncConfigStore;
import dev.rekord.config.Versioned;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.docs.gettingstarted.Member_;
import dev.rekord.exception.DeserializationException;
import dev.rekord.ratelimit.RateDecision;
import dev.rekord.ratelimit.RateLimiter;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The snippets of async.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class AsyncTest {

  @Test
  void async(RedisServer server) throws Exception {
    try (Rekord rekord = Rekord.builder().url(server.url()).maxInFlight(64).build()) {
      MemberRepository members = new MemberRepository(rekord);
      // tag::async[]
      CompletableFuture<Member> saved = members.async().save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      CompletableFuture<List<Member>> inOslo = saved.thenCompose(ada ->
          members.async().list(members.find(Member_.city.eq("Oslo")).limit(20)));
      CompletableFuture<Optional<Member>> missing = members.async().findById("nobody");
      // end::async[]
      assertEquals(1, inOslo.get(10, TimeUnit.SECONDS).size());
      assertEquals(Optional.empty(), missing.get(10, TimeUnit.SECONDS));

      rekord.connection().execute(dev.rekord.connection.Command.of("SET", List.of(members.keyOf("broken")), List.of("x")));
      // tag::async-failure[]
      members.async().findById("broken")
          .exceptionally(failure -> {
            // the exception findById throws, not wrapped: here a DeserializationException
            return Optional.empty();
          });
      // end::async-failure[]
      Throwable failure = members.async().findById("broken").handle((value, e) -> e).get(10, TimeUnit.SECONDS);
      assertInstanceOf(DeserializationException.class, failure);
    }
  }

  @Test
  void asyncCursor(RedisServer server) throws Exception {
    try (Rekord rekord = Rekord.connect(server.url())) {
      MemberRepository members = new MemberRepository(rekord);
      for (int i = 0; i < 250; i++) {
        members.save(new Member(null, "Ada" + i, "Oslo", LocalDate.of(2024, 5, 1)));
      }
      // tag::async-cursor[]
      AsyncCursor<Member> cursor = members.async().cursor(members.find(Member_.city.eq("Oslo")).pageSize(100));
      CompletableFuture<Integer> read = readAll(cursor, 0);
      // end::async-cursor[]
      assertEquals(250, read.get(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void toolkit(RedisServer server) throws Exception {
    try (Rekord rekord = Rekord.connect(server.url())) {
      // tag::toolkit[]
      RateLimiter api = rekord.rateLimiters().slidingWindow("api", 100, Duration.ofMinutes(1));
      CompletableFuture<RateDecision> decision = api.async().tryAcquire("user:42");

      AsyncConfigStore config = rekord.config().async();
      CompletableFuture<OptionalLong> changed = config.get("theme", String.class)
          .thenCompose(current -> config.compareAndSet("theme", "dark",
              current.map(Versioned::version).orElse(0L)));   // empty when another change came first
      // end::toolkit[]
      assertEquals(99, decision.get(10, TimeUnit.SECONDS).remaining());
      assertEquals(OptionalLong.of(1), changed.get(10, TimeUnit.SECONDS));
      assertEquals(Optional.of(new Versioned<>("dark", 1)), rekord.config().get("theme", String.class));
    }
  }

  // tag::async-cursor-pages[]
  static CompletableFuture<Integer> readAll(AsyncCursor<Member> cursor, int before) {
    return cursor.nextPage().thenCompose(page -> page.isEmpty()
        ? CompletableFuture.completedFuture(before)              // the end: the cursor closed itself
        : readAll(cursor, before + page.size()));                // the next page once this one is here
  }
  // end::async-cursor-pages[]
}
