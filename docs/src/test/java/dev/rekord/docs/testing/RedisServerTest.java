package dev.rekord.docs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.test.RedisServer;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link RedisServer} without JUnit's help, as testing.md shows it. */
class RedisServerTest {

  @Test
  void startsAndStopsAServer() {
    // tag::standalone[]
    try (RedisServer server = RedisServer.builder().password("s3cret").start()) {
      String url = server.url(); // also host(), port(), password()
      try (Rekord rekord = Rekord.connect(url)) {
        new MemberRepository(rekord).save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      }
      server.flushAll();
    }
    // end::standalone[]
  }

  @Test
  void reportsWhereItListens() {
    RedisServer stopped;
    try (RedisServer server = RedisServer.builder().password("s3cret").start()) {
      assertEquals("127.0.0.1", server.host());
      assertEquals(Optional.of("s3cret"), server.password());
      assertEquals("redis://:s3cret@127.0.0.1:" + server.port(), server.url());
      try (Rekord rekord = Rekord.connect(server.url())) {
        MemberRepository members = new MemberRepository(rekord);
        members.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
        server.flushAll();
        assertEquals(0, members.count());
      }
      stopped = server;
    }
    assertFalse(stopped.isRunning());
  }

  @Test
  void startsWithTheDefaults() {
    try (RedisServer server = RedisServer.start()) {
      assertTrue(server.isRunning());
      assertEquals(Optional.empty(), server.password());
      assertEquals("redis://127.0.0.1:" + server.port(), server.url());
    }
  }

  @Test
  void takesRequirepassFromTheArguments() {
    try (RedisServer server = RedisServer.builder().args("--requirepass", "s3cret").start()) {
      assertEquals(Optional.of("s3cret"), server.password());
    }
  }
}
