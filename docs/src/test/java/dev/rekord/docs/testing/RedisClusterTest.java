package dev.rekord.docs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A real Redis Cluster of three masters with a replica each, as testing.md starts it. */
class RedisClusterTest {

  @Test
  void startsACluster() {
    // tag::cluster[]
    try (RedisCluster cluster = RedisCluster.builder()
        .masters(3)           // at least 3
        .replicasPerMaster(1) // 0 by default
        .start()) {
      String seed = cluster.seedUrl();           // one node; a cluster client discovers the rest
      List<RedisServer> nodes = cluster.nodes(); // every master and replica
      try (Rekord rekord = Rekord.connect(seed)) {
        MemberRepository members = new MemberRepository(rekord);
        members.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
        cluster.flushAll();                      // FLUSHALL on every master
        assertEquals(0, members.count());
      }
      assertEquals(6, nodes.size());
    }
    // end::cluster[]
  }
}
