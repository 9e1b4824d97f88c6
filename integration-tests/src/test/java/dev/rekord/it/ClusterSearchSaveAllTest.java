package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.it.model.Ticket;
import dev.rekord.it.model.TicketRepository;
import dev.rekord.it.model.Ticket_;
import dev.rekord.model.Engine;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The search engine's {@code saveAll} on a cluster of its own (3 masters with the Redis Query Engine)
 * while a slot full of its documents moves to another master, key batch by key batch: its joined
 * write calls meet {@code ASK} and {@code TRYAGAIN} and are sent again. Every save is versioned, so a
 * call that ran twice would be refused as stale (an {@code OptimisticLockException}) and one that
 * was lost would leave its documents a version behind: neither may happen.
 */
class ClusterSearchSaveAllTest {

  private static final int TICKETS = 480;
  private static RedisCluster cluster;

  @BeforeAll
  static void start() {
    cluster = RedisModules.startSearchCluster(3, 0);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aSaveAllWhileASlotMovesLosesNothingAndWritesNothingTwice() throws Exception {
    cluster.flushAll();
    RetryPolicy patient = RetryPolicy.fixed(Duration.ofMillis(50)).withMaxAttempts(400).withDeadline(Duration.ofSeconds(40));
    try (Rekord rekord = Rekord.builder().url(cluster.seedUrl()).engine(Ticket.class, Engine.SEARCH)
        .retryPolicy(patient).build()) {
      rekord.migrate();
      TicketRepository tickets = new TicketRepository(rekord);
      List<Ticket> current = new ArrayList<>();
      for (long id = 1; id <= TICKETS; id++) {
        current.add(new Ticket(id, 0, "v0", 0));
      }
      current = tickets.saveAll(current);
      int slot = JedisClusterCRC16.getSlot("{ticket:" + bucket(1) + "}"); // a bucket of 16: ~30 tickets
      RedisServer source = cluster.masterOf(slot);
      RedisServer target = cluster.masters().stream().filter(m -> m.port() != source.port()).findFirst().orElseThrow();
      CompletableFuture<Void> moving = CompletableFuture.runAsync(() -> cluster.migrateSlot(slot, target, 2, Duration.ofMillis(20)));
      int round = 0;
      int whileMoving = 0;
      do { // save every ticket, at its next version, until the slot has moved, and once after
        round++;
        whileMoving += moving.isDone() ? 0 : 1;
        List<Ticket> next = new ArrayList<>(current.size());
        for (Ticket ticket : current) {
          next.add(new Ticket(ticket.id(), ticket.version(), "v" + round, round));
        }
        current = tickets.saveAll(next); // a call sent twice would be refused as stale: this throws
      } while (!moving.isDone() || round < 2);
      moving.get();
      assertEquals(target.port(), cluster.masterOf(slot).port());
      for (Ticket ticket : current) {
        assertEquals(new Ticket(ticket.id(), round + 1, "v" + round, round), tickets.findById(ticket.id()).orElseThrow());
      }
      assertEquals(TICKETS, tickets.find(Ticket_.priority.eq(round)).count()); // every node's index, the moved ones too
      assertTrue(whileMoving >= 1, "no saveAll began while the slot moved: " + round + " rounds");
    }
  }

  /**
   * A versioned save of a document whose slot is migrating, every key still on the source: the
   * write script runs there and writes over the document. A script that deleted it first was
   * refused mid-script (the key missing from a migrating slot), lost the document, and its retry
   * was refused as "at version 0".
   */
  @Test
  void aVersionedSaveOfADocumentOfAMigratingSlotIsWrittenWhereTheDocumentIs() {
    cluster.flushAll();
    try (Rekord rekord = Rekord.builder().url(cluster.seedUrl()).engine(Ticket.class, Engine.SEARCH).build()) {
      rekord.migrate();
      TicketRepository tickets = new TicketRepository(rekord);
      List<Ticket> saved = tickets.saveAll(List.of(new Ticket(1L, 0, "v0", 0), new Ticket(2L, 0, "v0", 0)));
      int slot = JedisClusterCRC16.getSlot(tickets.keyOf(1L));
      RedisServer source = cluster.masterOf(slot);
      RedisServer target = cluster.masters().stream().filter(m -> m.port() != source.port()).findFirst().orElseThrow();
      try (RedisCluster.SlotMigration migration = cluster.beginSlotMigration(slot, target)) {
        Ticket next = tickets.save(new Ticket(1L, saved.get(0).version(), "v1", 1));
        assertEquals(2, next.version());
        assertEquals(List.of("v1"), List.of(source.command("HGET", tickets.keyOf(1L), "title")).stream()
            .map(String::valueOf).toList(), "written on the source, where the document is");
        migration.complete();
      }
      assertEquals(new Ticket(1L, 2, "v1", 1), tickets.findById(1L).orElseThrow());
      assertEquals(List.of(1L), tickets.find(Ticket_.priority.eq(1)).ids());
    }
  }

  /** The bucket (of the 16 a cluster model gets) of the ticket with {@code id}, as KeyLayout computes it. */
  private static long bucket(long id) {
    CRC32 crc = new CRC32();
    crc.update(Long.toString(id).getBytes(StandardCharsets.UTF_8));
    return crc.getValue() % 16;
  }
}
