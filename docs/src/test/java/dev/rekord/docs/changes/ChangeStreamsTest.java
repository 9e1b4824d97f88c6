package dev.rekord.docs.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.changes.ChangeKind;
import dev.rekord.changes.ChangeOptions;
import dev.rekord.changes.ChangeSubscription;
import dev.rekord.docs.updates.Account;
import dev.rekord.docs.updates.AccountRepository;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The snippets of change-streams.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class ChangeStreamsTest {

  @Test
  void subscribeAndListen(RedisServer server) throws Exception {
    String url = server.url();
    // tag::configure[]
    Rekord rekord = Rekord.builder().url(url)
        .changes(Account.class, ChangeOptions.stream(50_000).withNotices()) // ~50,000 events per bucket
        .build();
    // end::configure[]
    try (rekord) {
      AccountRepository accounts = new AccountRepository(rekord);
      Map<String, Long> balances = new ConcurrentHashMap<>();
      List<String> dropped = new CopyOnWriteArrayList<>();
      // tag::subscribe[]
      ChangeSubscription billing = accounts.changes().subscribe("billing", "billing-1", event -> {
        // event.id(), event.kind() (CREATED, UPDATED, DELETED, EXPIRED, EXPIRY_CHANGED),
        // event.fields(), event.version(), event.time(), event.position(); acknowledged when this returns
        if (event.kind() == ChangeKind.CREATED || event.kind() == ChangeKind.UPDATED) {
          balances.put(event.id(), accounts.findById(event.id()).map(Account::balance).orElse(0L));
        }
      });
      // end::subscribe[]
      // tag::listen[]
      ChangeSubscription cache = accounts.changes().listen(notice -> dropped.add(notice.id()));
      // end::listen[]
      accounts.save(new Account("a1", 0, "Ada", 100));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while ((!balances.containsKey("a1") || dropped.isEmpty()) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // tag::close[]
      billing.close(); // the event in hand finishes and is acknowledged; a restart resumes after it
      cache.close();
      // end::close[]
      assertEquals(100L, balances.get("a1"));
      assertEquals(List.of("a1"), dropped);

      // tag::sweeper[]
      ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor();
      sweeper.scheduleWithFixedDelay(accounts::sweepExpired, 1, 1, TimeUnit.SECONDS);
      // end::sweeper[]
      sweeper.shutdownNow();
      assertTrue(sweeper.awaitTermination(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void expiryChangesAndDeletesCarryTheVersion(RedisServer server) throws Exception {
    try (Rekord rekord = Rekord.builder().url(server.url()).changes(Account.class, ChangeOptions.stream()).build()) {
      AccountRepository accounts = new AccountRepository(rekord);
      accounts.save(new Account("a2", 0, "Bo", 10));
      // tag::expiry[]
      accounts.expire("a2", Duration.ofHours(1)); // EXPIRY_CHANGED: no fields, version 1
      accounts.persist("a2");                     // EXPIRY_CHANGED again
      accounts.deleteById("a2", 1);               // DELETED, with the version it had: 1
      // end::expiry[]
      List<String> events = new CopyOnWriteArrayList<>();
      try (ChangeSubscription subscription = accounts.changes().subscribe("audit", "audit-1",
          event -> events.add(event.kind() + " " + event.version().orElse(-1) + " " + event.fields()))) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (events.size() < 4 && System.nanoTime() < deadline) {
          Thread.sleep(10);
        }
      }
      assertEquals(List.of("CREATED 1 [balance, id, owner, version]", "EXPIRY_CHANGED 1 []", "EXPIRY_CHANGED 1 []",
          "DELETED 1 []"), events);
    }
  }
}
