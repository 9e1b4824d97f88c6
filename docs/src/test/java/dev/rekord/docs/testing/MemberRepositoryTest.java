package dev.rekord.docs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The per-class server of testing.md, declared with {@code @ExtendWith}. */
// tag::per-class[]
@ExtendWith(RedisExtension.class)
class MemberRepositoryTest {

  @Test
  void savesAMember(RedisServer redis) {
    try (Rekord rekord = Rekord.connect(redis.url())) { // "redis://127.0.0.1:<port>"
      MemberRepository members = new MemberRepository(rekord);
      Member ada = members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      assertEquals(Optional.of(ada), members.findById(ada.id()));
    }
  }
}
// end::per-class[]
