package dev.rekord.docs.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.DocumentLock;
import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.exception.LockTimeoutException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The lock snippets of updates.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class LocksTest {

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
  void lockForMultiStepWork() {
    String id = members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1))).id();
    // tag::lock[]
    try (DocumentLock lock = members.lock(id, Duration.ofSeconds(30))) {
      Member member = members.findById(id).orElseThrow();
      // ... slow work: call another service, compute ...
      lock.renew(); // another 30 seconds from now
      members.save(new Member(id, member.name(), "Bergen", member.joinDate()));
    } // released here, also when the block throws
    // end::lock[]
    assertEquals("Bergen", members.findById(id).orElseThrow().city());
    assertTrue(members.tryLock(id, Duration.ofSeconds(1)).isPresent(), "released on close");
  }

  @Test
  void contention() {
    String id = "m1";
    try (DocumentLock held = members.lock(id, Duration.ofSeconds(30))) {
      // tag::contention[]
      Optional<DocumentLock> now = members.tryLock(id, Duration.ofSeconds(30)); // never waits
      try (DocumentLock lock = members.lock(id, Duration.ofSeconds(30), Duration.ofMillis(200))) {
        // ...
      } catch (LockTimeoutException e) {
        // held by someone else for more than 200 ms: e.key(), e.model(), e.id() say which
      }
      // end::contention[]
      assertFalse(now.isPresent());
      assertThrows(LockTimeoutException.class, () -> members.lock(id, Duration.ofSeconds(30), Duration.ofMillis(50)));
      assertTrue(held.isHeld());
    }
  }

  @Test
  void fencing() {
    // tag::fencing[]
    long token;
    try (DocumentLock lock = members.lock("m2", Duration.ofSeconds(30))) {
      token = lock.fencingToken(); // larger than every earlier lock's token in the same bucket
    }
    // end::fencing[]
    try (DocumentLock later = members.lock("m2", Duration.ofSeconds(30))) {
      assertTrue(later.fencingToken() > token);
    }
  }
}
