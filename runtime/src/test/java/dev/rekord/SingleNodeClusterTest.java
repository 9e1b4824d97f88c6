package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.SafeEncoder;

/**
 * The cluster code path on the smallest real cluster: one node owning all 16384 slots. Multi-node
 * behaviour (slot routing across primaries, replicas) is for the cluster harness.
 */
class SingleNodeClusterTest {

  private static RedisServer node;
  private static Rekord rekord;

  @BeforeAll
  static void startCluster() throws InterruptedException {
    node = RedisServer.builder().args("--cluster-enabled", "yes").start();
    try (Connection admin = new Connection(new HostAndPort(node.host(), node.port()))) {
      admin.executeCommand(new CommandArguments(Protocol.Command.CLUSTER).add("ADDSLOTSRANGE").add(0).add(16383));
      for (int i = 0; i < 100 && !clusterInfo(admin).contains("cluster_state:ok"); i++) {
        Thread.sleep(50);
      }
    }
    rekord = Rekord.connect(node.url());
  }

  private static String clusterInfo(Connection admin) {
    Object reply = admin.executeCommand(new CommandArguments(Protocol.Command.CLUSTER).add("INFO"));
    return SafeEncoder.encode((byte[]) reply);
  }

  @AfterAll
  static void stop() {
    if (rekord != null) {
      rekord.close();
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void detectsTheClusterAndRunsCrudCountAndDeleteAll() {
    assertTrue(rekord.connection().isCluster());
    RekordRepository<Member, String> members = TestModel.repository(rekord, TestModel.stringIds("member", Storage.HASH, Duration.ZERO));
    List<Member> batch = new ArrayList<>();
    for (int i = 0; i < 1100; i++) {
      batch.add(new Member(null, "Oslo", i, null));
    }
    rekord.connection().unwrap(UnifiedJedis.class).scriptFlush("member:any");
    List<Member> saved = members.saveAll(batch);

    assertEquals(Optional.of(saved.get(5)), members.findById(saved.get(5).id()));
    assertEquals(3, members.findAllById(List.of(saved.get(0).id(), saved.get(1).id(), saved.get(2).id())).found().size());
    assertEquals(1100, members.count());
    assertEquals(1100, members.deleteAll());
    assertEquals(0, members.count());
  }
}
