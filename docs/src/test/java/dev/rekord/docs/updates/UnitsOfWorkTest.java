package dev.rekord.docs.updates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static dev.rekord.update.Update.increment;

import dev.rekord.Rekord;
import dev.rekord.UnitOfWork;
import dev.rekord.exception.DocumentExistsException;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The unit-of-work snippets of updates.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class UnitsOfWorkTest {

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
  void aTransferIsAllOrNothing() {
    accounts.saveAll(List.of(new Account("ada", 0, "Ada", 100), new Account("bob", 0, "Bob", 20)));
    Account from = accounts.findById("ada").orElseThrow();
    Account to = accounts.findById("bob").orElseThrow();
    // tag::commit[]
    List<Account> stored = accounts.unitOfWork()
        .save(new Account(from.id(), from.version(), from.owner(), from.balance() - 30))
        .save(new Account(to.id(), to.version(), to.owner(), to.balance() + 30))
        .delete("closed-account")
        .commit(); // one script: both versions checked, then everything written — or nothing
    // end::commit[]
    assertEquals(List.of(70L, 50L), stored.stream().map(Account::balance).toList());

    Account staleFrom = from; // version 1; stored is 2 now
    OptimisticLockException conflict = assertThrows(OptimisticLockException.class, () ->
        accounts.unitOfWork()
            .save(new Account(to.id(), 2, to.owner(), 0))
            .save(new Account(staleFrom.id(), staleFrom.version(), staleFrom.owner(), 0))
            .commit());
    assertEquals(1, conflict.expectedVersion());
    assertEquals(50, accounts.findById("bob").orElseThrow().balance(), "bob's valid save was not written either");
    assertTrue(accounts.verifyIndex().consistent());
  }

  @Test
  void applyEachReportsEveryItem() {
    accounts.save(new Account("ada", 0, "Ada", 100));
    // tag::applyEach[]
    List<UnitOfWork.ItemResult<Account, String>> results = accounts.unitOfWork()
        .insert(new Account("ada", 0, "Ada", 0))   // exists: refused, the others still written
        .insert(new Account("cy", 0, "Cy", 10))
        .delete("bob")
        .applyEach();
    for (UnitOfWork.ItemResult<Account, String> result : results) {
      if (!result.written()) {
        // result.id(), result.failure(): DocumentExistsException, DocumentNotFoundException
        // or OptimisticLockException, as the single operation would throw
      }
    }
    // end::applyEach[]
    assertFalse(results.get(0).written());
    assertInstanceOf(DocumentExistsException.class, results.get(0).failure());
    assertTrue(results.get(1).written());
    assertEquals(10, accounts.findById("cy").orElseThrow().balance());
  }

  @Test
  void partialUpdatesJoinAUnit() {
    accounts.saveAll(List.of(new Account("ada", 0, "Ada", 100), new Account("bob", 0, "Bob", 20)));
    // tag::partial[]
    List<Account> stored = accounts.unitOfWork()
        .update("ada", increment(Account_.balance, -30L))
        .update("bob", increment(Account_.balance, 30L))
        .commit(); // both read in one round trip, then both written in one script — or neither
    // end::partial[]
    assertEquals(List.of(70L, 50L), stored.stream().map(Account::balance).toList());
    assertEquals(List.of(2L, 2L), stored.stream().map(Account::version).toList());
    assertEquals(70, accounts.findById("ada").orElseThrow().balance());
    assertThrows(dev.rekord.exception.DocumentNotFoundException.class, () -> accounts.unitOfWork()
        .update("ada", increment(Account_.balance, -30L)).update("nobody", increment(Account_.balance, 30L)).commit());
    assertEquals(70, accounts.findById("ada").orElseThrow().balance(), "nothing of the refused unit was written");
    assertTrue(accounts.verifyIndex().consistent());
  }
}
