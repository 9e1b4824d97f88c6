package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.test.RedisCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** CRUD and queries on a real cluster of three primaries with a replica each: 16 buckets by default. */
class ClusterSmokeTest {

  private static RedisCluster cluster;
  private static Rekord rekord;

  @BeforeAll
  static void start() {
    cluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start();
    rekord = Rekord.connect(cluster.seedUrl());
  }

  @AfterAll
  static void stop() {
    if (rekord != null) {
      rekord.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void saveFindQueryCountDeleteAllAcrossSixteenBuckets() {
    RekordRepository<Member, String> members =
        TestModel.repository(rekord, TestModel.stringIds("member", Storage.HASH, Duration.ZERO));
    assertEquals(16, members.buckets());
    List<Member> batch = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      batch.add(new Member("c" + i, i % 4 == 0 ? "Oslo" : "Bergen", i % 100, null));
    }
    List<Member> saved = members.saveAll(batch);

    assertEquals(Optional.of(saved.get(7)), members.findById("c7"));
    List<Member> expected = saved.stream().filter(m -> m.city().equals("Oslo") && m.age() >= 50)
        .sorted(Comparator.comparing(Member::age).reversed().thenComparing(Member::id, Comparator.reverseOrder()))
        .limit(25).toList();
    Query<Member, String> query = members.find(Member_.city.eq("Oslo").and(Member_.age.gte(50)))
        .sortBy(Member_.age.desc());
    assertEquals(expected, query.limit(25).list());
    assertEquals(240, query.count());
    assertEquals(240, query.pageSize(40).stream().count());
    assertEquals(2000, members.count());
    assertEquals(500, members.find(Member_.city.eq("Oslo")).deleteAll());
    assertEquals(1500, members.deleteAll());
    assertEquals(0, members.count());
    assertTrue(members.findById("c7").isEmpty());
  }
}
