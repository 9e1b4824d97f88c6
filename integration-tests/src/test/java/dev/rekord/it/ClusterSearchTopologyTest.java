package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.model.Engine;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The search engine on a cluster of its own (3 masters, 1 replica each, every node with the Redis
 * Query Engine) while its topology changes under running queries: a slot full of documents moves
 * to another master, key batch by key batch; the slot whose tag names one master's index moves
 * away (that master answers {@code MOVED} for its index and gets a new one); a master is killed
 * and its replica, which received the index by replication, takes over. A reader checks a count,
 * a sorted page with an offset and a merged cursor against the known answer all along: no query
 * may fail and every answer must be exact, in every phase (while keys move too).
 */
class ClusterSearchTopologyTest {

  private static final int MEMBERS = 400;
  private static RedisCluster cluster;

  @BeforeAll
  static void start() {
    cluster = RedisModules.startSearchCluster(3, 1);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void answersStayExactWhileSlotsMoveAndAMasterFails() throws Exception {
    phase = "steady";
    RetryPolicy patient = RetryPolicy.fixed(Duration.ofMillis(100)).withMaxAttempts(400).withDeadline(Duration.ofSeconds(40));
    try (Rekord rekord = Rekord.builder().url(cluster.seedUrl()).engine(Member.class, Engine.SEARCH)
        .retryPolicy(patient).build()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      List<Member> all = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        all.add(new Member("m" + i, "city" + (i % 7), LocalDate.of(2020, 1, 1).plusDays(i % 50), i % 90, List.of("t"), null));
      }
      members.saveAll(all);
      List<String> byAgeDesc = all.stream()
          .sorted(Comparator.comparingInt(Member::age).reversed().thenComparing(Member::id, Comparator.reverseOrder()))
          .map(Member::id).toList();
      List<String> page = byAgeDesc.subList(37, 37 + 25);
      long inCity3 = all.stream().filter(m -> m.city().equals("city3")).count();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger rounds = new AtomicInteger();
      AtomicInteger duringMove = new AtomicInteger();
      List<String> wrong = new CopyOnWriteArrayList<>();
      Thread reader = new Thread(() -> {
        while (!stop.get()) {
          String started = phase; // a round that overlaps the key migration at either end counts as in it
          try {
            check(wrong, started, "count", inCity3, members.find(Member_.city.eq("city3")).count());
            check(wrong, started, "page", page, members.find(Member_.age.gte(0)).sortBy(Member_.age.desc())
                .offset(37).limit(25).ids());
            // every match: read through a cursor per shard, merged
            check(wrong, started, "cursor", byAgeDesc, members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).ids());
            rounds.incrementAndGet();
            if (!started.equals("resharded") && !started.equals("failover") && !phase.equals("steady")) {
              duringMove.incrementAndGet(); // began before the keys finished moving and ended after they began
            }
          } catch (RuntimeException e) {
            wrong.add(started + "/" + phase + " failed: " + e);
          }
        }
      }, "search-reader");
      reader.start();
      try {
        Thread.sleep(300);
        // a slot with documents moves while queries run
        int slot = JedisClusterCRC16.getSlot("{member:3}"); // a bucket of 16: about 25 members
        RedisServer source = cluster.masterOf(slot);
        RedisServer target = otherMaster(source);
        phase = "keys moving";
        cluster.migrateSlot(slot, target, 3, Duration.ofMillis(15));
        phase = "resharded";
        int afterReshard = awaitRounds(rounds, rounds.get() + 1);
        // the slot that one master's index name hashes to moves away: that master gets a new index
        RedisServer named = otherMaster(target);
        int tagSlot = indexSlot(named);
        cluster.migrateSlot(tagSlot, otherMaster(named), 10, Duration.ZERO);
        int afterTagMove = awaitRounds(rounds, afterReshard + 2); // the second round starts after the move
        // a master dies; its replica takes over with the replicated index
        phase = "failover";
        cluster.killMasterAndAwaitFailover(cluster.masters().get(0), Duration.ofSeconds(30));
        awaitRounds(rounds, afterTagMove + 2);
        stop.set(true);
        reader.join(60_000);
        System.out.println("search while keys move: " + duringMove.get() + " round(s) of three queries overlapped the key migration");
        assertEquals(List.of(), wrong, "inexact or failed answers");
        assertTrue(duringMove.get() > 0, "a round overlapped the key migration");
        assertTrue(afterReshard > 0 && afterTagMove > afterReshard && rounds.get() > afterTagMove,
            "queries answered in every phase: " + afterReshard + ", " + afterTagMove + ", " + rounds.get());
        assertEquals(byAgeDesc, members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).ids());
      } finally {
        stop.set(true);
        reader.join(60_000);
      }
    }
  }

  /** The phase the topology is in, named in a wrong answer. */
  private volatile String phase = "steady";

  private void check(List<String> wrong, String started, String what, Object expected, Object actual) {
    if (!expected.equals(actual)) {
      wrong.add(started + "/" + phase + " " + what + ": expected " + expected + " but was " + actual);
    }
  }

  /** Waits (at most 30 s) until the reader has finished {@code count} rounds; the rounds then. */
  private static int awaitRounds(AtomicInteger rounds, int count) throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (rounds.get() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return rounds.get();
  }

  private static RedisServer otherMaster(RedisServer master) {
    return cluster.masters().stream().filter(m -> m.port() != master.port()).findFirst().orElseThrow();
  }

  /** The slot of the tag in the name of {@code master}'s Member index ({@code rekord:{tag}:member-idx:…}). */
  private static int indexSlot(RedisServer master) {
    for (Object name : (List<?>) master.command("FT._LIST")) {
      String index = String.valueOf(name);
      if (index.contains("member-idx")) {
        return JedisClusterCRC16.getSlot(index);
      }
    }
    throw new AssertionError("no Member index on " + master);
  }
}
