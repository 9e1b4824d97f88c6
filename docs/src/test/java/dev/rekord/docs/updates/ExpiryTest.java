package dev.rekord.docs.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.docs.gettingstarted.Member_;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The expiry snippets of updates.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class ExpiryTest {

  private Rekord rekord;
  private MemberRepository members;

  @BeforeEach
  void connect(RedisServer server) {
    rekord = Rekord.connect(server.url());
    members = new MemberRepository(rekord);
  }

  @AfterEach
  void close() {
    rekord.close();
  }

  @Test
  void expireTtlPersist() throws Exception {
    String id = members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1))).id();
    // tag::expire[]
    members.expire(id, Duration.ofMinutes(10));                        // true: it exists
    Optional<Duration> left = members.ttl(id);                         // about 10 minutes
    members.expireAt(id, Instant.parse("2030-01-01T00:00:00Z"));       // at a time
    members.persist(id);                                               // never again
    Optional<Duration> none = members.ttl(id);                         // empty: no expiry
    // end::expire[]
    assertTrue(left.orElseThrow().compareTo(Duration.ofMinutes(9)) > 0);
    assertTrue(none.isEmpty());
    members.expire(id, Duration.ofMillis(50));
    Thread.sleep(150);
    assertEquals(0, members.find(Member_.city.eq("Oslo")).count());
    assertFalse(members.existsById(id));
  }

  @Test
  void refreshOnRead() {
    WebSessionRepository sessions = new WebSessionRepository(rekord);
    sessions.save(new WebSession("w1", "ada"));
    sessions.expire("w1", Duration.ofMinutes(1));
    // tag::refresh[]
    WebSession session = sessions.findById("w1").orElseThrow(); // its 30 minutes start again
    // end::refresh[]
    assertEquals("ada", session.user());
    assertTrue(sessions.ttl("w1").orElseThrow().compareTo(Duration.ofMinutes(29)) > 0);
  }
}
