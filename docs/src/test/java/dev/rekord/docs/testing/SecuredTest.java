package dev.rekord.docs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.test.RedisExtension;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An extension registered on a field, with settings, as testing.md shows it. */
// tag::registered[]
class SecuredTest {

  @RegisterExtension
  static RedisExtension redis = RedisExtension.builder()
      .password("s3cret")          // --requirepass; url() becomes redis://:s3cret@127.0.0.1:<port>
      .args("--maxmemory", "64mb") // any redis-server arguments
      .flushBeforeEach(false)      // keep data between tests of this class
      .build();

  @Test
  void connects() {
    try (Rekord rekord = Rekord.connect(redis.server().url())) {
      MemberRepository members = new MemberRepository(rekord);
      members.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      assertEquals(1, members.count());
    }
  }
}
// end::registered[]
