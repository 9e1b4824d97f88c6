package dev.rekord.docs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisExtension;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The extension starting a Redis Cluster, as testing.md registers it. */
// tag::cluster-extension[]
class MembersOnAClusterTest {

  @RegisterExtension
  static RedisExtension redis = RedisExtension.builder()
      .cluster(3, 0) // 3 masters, no replicas
      .shared(true)  // form it once for the whole run: it takes a few seconds
      .build();

  @Test
  void savesAcrossTheCluster(RedisCluster cluster) { // or redis.cluster()
    try (Rekord rekord = Rekord.connect(cluster.url())) { // a seed node; Rekord finds the others
      MemberRepository members = new MemberRepository(rekord);
      members.save(new Member("ada", "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
      assertEquals(1, members.count());
      assertEquals(3, cluster.masters().size());
    }
  }
}
// end::cluster-extension[]
