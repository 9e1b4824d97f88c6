package dev.rekord.docs.updates;

import static dev.rekord.update.Update.add;
import static dev.rekord.update.Update.append;
import static dev.rekord.update.Update.increment;
import static dev.rekord.update.Update.plus;
import static dev.rekord.update.Update.put;
import static dev.rekord.update.Update.set;
import static dev.rekord.update.Update.trim;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.DocumentLock;
import dev.rekord.Rekord;
import dev.rekord.exception.FencedWriteException;
import dev.rekord.exception.OptimisticLockException;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import dev.rekord.update.Update;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The partial-update snippets of updates.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class PartialUpdatesTest {

  private Rekord rekord;
  private PlayerRepository players;
  private AccountRepository accounts;

  @BeforeEach
  void connect(RedisServer server) {
    rekord = Rekord.connect(server.url());
    players = new PlayerRepository(rekord);
    accounts = new AccountRepository(rekord);
    players.save(new Player("p1", "red", 10, "Go", List.of("rookie"), Set.of(), Map.of(), LocalDate.of(2025, 1, 31)));
  }

  @AfterEach
  void close() {
    rekord.close();
  }

  @Test
  void update() {
    // tag::update[]
    Player p1 = players.update("p1",
        increment(Player_.score, 5),            // 10 → 15
        append(Player_.motto, "!"),             // "Go" → "Go!"
        append(Player_.badges, "scorer"),       // [rookie] → [rookie, scorer]
        trim(Player_.badges, -10, -1),          // keep the last ten
        add(Player_.friends, "p2"),
        put(Player_.stats, "goals", 1),
        plus(Player_.renewal, Period.ofMonths(1)), // 2025-01-31 → 2025-02-28
        set(Player_.team, "blue"));
    // p1 is the document as stored now; the index already has score 15 and team blue
    // end::update[]
    assertEquals(new Player("p1", "blue", 15, "Go!", List.of("rookie", "scorer"), Set.of("p2"), Map.of("goals", 1),
        LocalDate.of(2025, 2, 28)), p1);
    assertEquals(p1, players.findById("p1").orElseThrow());
    assertEquals(List.of(p1), players.find(Player_.team.eq("blue").and(Player_.score.eq(15))).list());
    assertTrue(players.verifyIndex().consistent());
  }

  @Test
  void updateIf() {
    // tag::updateIf[]
    Optional<Player> promoted = players.updateIf("p1", Player_.score.gte(10), add(Player_.friends, "coach"));
    Optional<Player> notYet = players.updateIf("p1", Player_.score.gte(100), set(Player_.team, "stars"));
    // promoted: the updated player; notYet: empty, nothing written
    // end::updateIf[]
    assertEquals(Set.of("coach"), promoted.orElseThrow().friends());
    assertEquals(Optional.empty(), notYet);
    assertEquals("red", players.findById("p1").orElseThrow().team());
  }

  @Test
  void versions() {
    accounts.save(new Account("a1", 0, "Ada", 100));
    // tag::versioned[]
    Account paid = accounts.update("a1", Update.decrement(Account_.balance, 30L)); // version 1 → 2
    Account checked = accounts.updateIfVersion("a1", 2, Update.increment(Account_.balance, 5L)); // 2 → 3
    boolean deleted = accounts.deleteById("a1", 3); // only if version 3 is stored
    // end::versioned[]
    assertEquals(70, paid.balance());
    assertEquals(2, paid.version());
    assertEquals(3, checked.version());
    assertTrue(deleted);
    accounts.save(new Account("a2", 0, "Grace", 1));
    assertEquals(2, assertThrows(OptimisticLockException.class, () -> accounts.deleteById("a2", 2)).expectedVersion());
  }

  @Test
  void fenced() throws InterruptedException {
    // tag::fenced[]
    try (DocumentLock lock = players.lock("p1", Duration.ofSeconds(30))) {
      Player read = players.findById("p1").orElseThrow();
      // … long work; the write is refused if the lease ran out and someone else took the lock
      players.updateFenced(lock, set(Player_.motto, read.motto() + " (checked)"));
    } catch (FencedWriteException e) {
      // e.fencingToken() is stale: nothing was written
    }
    // end::fenced[]
    assertEquals("Go (checked)", players.findById("p1").orElseThrow().motto());
    DocumentLock lost = players.lock("p1", Duration.ofMillis(50));
    Thread.sleep(100);
    try (DocumentLock newer = players.lock("p1", Duration.ofSeconds(5))) {
      assertThrows(FencedWriteException.class, () -> players.updateFenced(lost, set(Player_.motto, "late")));
      assertTrue(newer.isHeld());
    }
  }

  @Test
  void fencedBatch() {
    players.save(new Player("p2", "blue", 5, "Hi", List.of(), Set.of(), Map.of(), LocalDate.of(2025, 1, 31)));
    // tag::fencedBatch[]
    try (DocumentLock first = players.lock("p1", Duration.ofSeconds(30));
        DocumentLock second = players.lock("p2", Duration.ofSeconds(30))) {
      List<Player> checked = new ArrayList<>();
      for (Player p : players.findAllById(List.of("p1", "p2")).found().values()) {
        // … long work
        checked.add(new Player(p.id(), p.team(), p.score(), p.motto() + " (checked)", p.badges(), p.friends(),
            p.stats(), p.renewal()));
      }
      // one round trip; each document written only while its lock's token is the newest issued
      players.saveAllFenced(checked, List.of(first, second));
    } catch (FencedWriteException e) {
      // e.id(): a document whose lease ran out; the others were written
    }
    // end::fencedBatch[]
    assertEquals("Hi (checked)", players.findById("p2").orElseThrow().motto());
    assertEquals("Go (checked)", players.findById("p1").orElseThrow().motto());
  }
}
