package dev.rekord.docs.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.exception.DeserializationException;
import dev.rekord.Rekord;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.exception.RekordException;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/** The snippets of errors.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class ErrorsTest {

  @Test
  void namesKeyModelAndField(RedisServer server) {
    try (Rekord rekord = Rekord.connect(server.url())) {
      MemberRepository members = new MemberRepository(rekord);
      members.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      rekord.connection().unwrap(UnifiedJedis.class).hset(members.keyOf("ada"), "joinDate", "2024-13-01");
      String message = null;
      // tag::deserialization[]
      try {
        members.findById("ada");
      } catch (DeserializationException e) {
        e.key();   // "{member}:ada"
        e.model(); // "Member"
        e.field(); // "joinDate"
        message = e.getMessage(); // Cannot read Member.joinDate from key '{member}:ada': …
      }
      // end::deserialization[]
      DeserializationException e =
          assertThrows(DeserializationException.class, () -> members.findById("ada"));
      assertEquals("{member}:ada", e.key());
      assertEquals("Member", e.model());
      assertEquals("joinDate", e.field());
      assertEquals(e.getMessage(), message);
    }
  }

  @Test
  void connectionFailures() throws IOException {
    String url = "redis://127.0.0.1:" + freePort();
    RekordException failure = assertThrows(RekordException.class, () -> {
      try (Rekord rekord = Rekord.connect(url)) {
        new MemberRepository(rekord).count();
      }
    });
    // Either while connecting or at the first command, the failure is a RekordConnectionException.
    assertEquals(RekordConnectionException.class, failure.getClass(), String.valueOf(failure));
  }

  /** A loopback port nothing listens on. */
  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
