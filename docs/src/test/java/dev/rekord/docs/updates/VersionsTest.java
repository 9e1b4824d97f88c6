package dev.rekord.docs.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.Rekord;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The @Version snippets of updates.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class VersionsTest {

  private Rekord rekord;
  private AccountRepository accounts;

  @BeforeEach
  void connect(RedisServer server) {
    rekord = Rekord.connect(server.url());
    accounts = new AccountRepository(rekord);
  }

  @AfterEach
  void close() {
    rekord.close();
  }

  @Test
  void versionedSaves() {
    // tag::save[]
    Account created = accounts.save(new Account("a1", 0, "Ada", 100)); // new: version 0 → stored as 1
    Account read = accounts.findById("a1").orElseThrow();              // version 1
    Account saved = accounts.save(new Account("a1", read.version(), "Ada", read.balance() + 10)); // version 2
    // end::save[]
    assertEquals(1, created.version());
    assertEquals(2, saved.version());
    assertEquals(saved, accounts.findById("a1").orElseThrow());

    Account stale = read; // still version 1
    // tag::conflict[]
    try {
      accounts.save(new Account("a1", stale.version(), "Ada", stale.balance() - 50));
    } catch (OptimisticLockException e) {
      // a1 was saved since it was read: e.key(), e.expectedVersion() (1), e.actualVersion() (2);
      // nothing was written — read it again and retry
    }
    // end::conflict[]
    assertEquals(110, accounts.findById("a1").orElseThrow().balance());
    OptimisticLockException e = assertThrows(OptimisticLockException.class,
        () -> accounts.save(new Account("a1", stale.version(), "Ada", 0)));
    assertEquals(1, e.expectedVersion());
    assertEquals(2, e.actualVersion());
  }
}
