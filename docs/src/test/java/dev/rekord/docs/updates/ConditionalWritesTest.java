package dev.rekord.docs.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.ConditionalWrites;
import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.DocumentNotFoundException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The conditional-write snippets of updates.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class ConditionalWritesTest {

  private static final LocalDate MAY = LocalDate.of(2024, 5, 1);

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
  void insertAndUpdate() {
    members.save(new Member("m1", "Ada", "Oslo", MAY));
    boolean refused = false;
    boolean missing = false;
    // tag::insert[]
    try {
      members.insert(new Member("m1", "Grace", "Bergen", MAY)); // only if no document has id m1
    } catch (DocumentExistsException e) {
      refused = true; // e.key(), e.model(), e.id(); the stored m1 and its index are untouched
    }
    try {
      members.update(new Member("m9", "Linus", "Oslo", MAY)); // only if m9 exists
    } catch (DocumentNotFoundException e) {
      missing = true; // nothing was written
    }
    boolean created = members.saveIfAbsent(new Member("m2", "Grace", "Bergen", MAY)); // true: m2 was new
    // end::insert[]
    assertTrue(refused);
    assertTrue(missing);
    assertTrue(created);
    assertEquals("Ada", members.findById("m1").orElseThrow().name());
    assertFalse(members.findById("m9").isPresent());
    assertFalse(members.saveIfAbsent(new Member("m2", "Other", "Oslo", MAY)));
  }

  @Test
  void insertAll() {
    members.save(new Member("m1", "Ada", "Oslo", MAY));
    // tag::insertAll[]
    ConditionalWrites<Member, String> result = members.insertAll(List.of(
        new Member("m1", "Grace", "Bergen", MAY),
        new Member("m2", "Linus", "Oslo", MAY)));
    result.written(); // [m2 as stored]
    result.refused(); // ["m1"]: it existed and was left alone
    // end::insertAll[]
    assertEquals(List.of("m1"), result.refused());
    assertEquals(List.of("m2"), result.written().stream().map(Member::id).toList());
    assertEquals("Ada", members.findById("m1").orElseThrow().name());
  }
}
