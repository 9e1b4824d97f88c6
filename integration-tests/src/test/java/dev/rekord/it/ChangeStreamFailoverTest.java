package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.changes.ChangeEvent;
import dev.rekord.changes.ChangeKind;
import dev.rekord.changes.ChangeOptions;
import dev.rekord.changes.ChangeSubscription;
import dev.rekord.changes.SubscribeOptions;
import dev.rekord.it.model.Session;
import dev.rekord.it.model.SessionRepository;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A change stream through the failover of a primary, on a cluster of its own: writes acknowledged
 * by a replica too ({@code waitForReplicas}) before the primary dies and after it rejoins as a
 * replica each have exactly one event in the stream, and a subscriber that runs through it all
 * gets every one of them — at least once: an acknowledgement the dead primary took and had not
 * replicated is lost, so that event comes again, with the same position.
 */
class ChangeStreamFailoverTest {

  private static RedisCluster cluster;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void everyAcknowledgedWriteAppearsOnceThroughAFailover() throws Exception {
    try (Rekord rekord = Rekord.builder().url(cluster.seedUrl()).waitForReplicas(1, Duration.ofSeconds(2))
        .changes(Session.class, ChangeOptions.stream()).build()) {
      rekord.migrate();
      SessionRepository sessions = new SessionRepository(rekord);
      Map<String, List<ChangeEvent<String>>> seen = new ConcurrentHashMap<>();
      try (ChangeSubscription subscription = sessions.changes().subscribe("failover", "c1",
          event -> seen.computeIfAbsent(event.id(), id -> Collections.synchronizedList(new ArrayList<>())).add(event),
          SubscribeOptions.defaults().withPollInterval(Duration.ofMillis(20)))) {
        List<String> before = write(sessions, "before", 60);
        RedisServer victim = cluster.masters().get(0);
        cluster.killMasterAndAwaitFailover(victim, Duration.ofSeconds(30));
        cluster.restartAndAwaitReplica(victim, Duration.ofSeconds(30));
        List<String> after = write(sessions, "after", 60);

        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!all.stream().allMatch(seen::containsKey) && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        Thread.sleep(300);
        assertTrue(subscription.isRunning());
        int redelivered = 0;
        for (String id : all) {
          List<ChangeEvent<String>> events = seen.getOrDefault(id, List.of());
          assertEquals(1, events.stream().map(ChangeEvent::position).distinct().count(), id + ": " + events);
          assertEquals(ChangeKind.CREATED, events.get(0).kind());
          redelivered += events.size() - 1;
        }
        System.out.println("change stream failover: " + all.size() + " writes, " + redelivered + " redelivered");
      }
    }
  }

  /** Creates {@code n} sessions, retrying each until acknowledged; returns their ids. */
  private static List<String> write(SessionRepository sessions, String prefix, int n) throws InterruptedException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = prefix + i;
      for (int attempt = 0; ; attempt++) {
        try {
          // insert: a retry after an uncertain failure that did write is refused, not written twice
          sessions.saveIfAbsent(new Session(id, "u", Instant.EPOCH));
          break;
        } catch (RuntimeException e) {
          if (attempt > 50) {
            throw e;
          }
          Thread.sleep(100);
        }
      }
      ids.add(id);
    }
    return ids;
  }
}
