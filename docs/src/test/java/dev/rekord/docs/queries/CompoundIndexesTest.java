package dev.rekord.docs.queries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/** The snippets of the compound index section of queries.md, run against a real redis-server. */
@ExtendWith(RedisExtension.class)
class CompoundIndexesTest {

  @Test
  void aTagAndARangeReadOneSortedSet(RedisServer server) {
    try (Rekord rekord = Rekord.connect(server.url())) {
      ResidentRepository residents = new ResidentRepository(rekord);
      residents.saveAll(List.of(
          new Resident("ada", "Oslo", 28, "Ada"),
          new Resident("bob", "Bergen", 30, "Bob"),
          new Resident("cleo", "Oslo", 31, "Cleo"),
          new Resident("dag", "Oslo", 44, "Dag"),
          new Resident("eve", "Oslo", 19, "Eve")));
      // tag::query[]
      List<Resident> page = residents.find(Resident_.city.eq("Oslo").and(Resident_.age.between(25, 35)))
          .sortBy(Resident_.age.asc())
          .limit(20)
          .list(); // ada (28), cleo (31): one range of the sorted set {residents}#cmp:city+age:4:Oslo
      long older = residents.find(Resident_.city.eq("Oslo").and(Resident_.age.gte(30))).count(); // 2: one ZCOUNT
      List<Resident> oldestFirst = residents.find(Resident_.city.eq("Oslo"))
          .sortBy(Resident_.age.desc())
          .limit(2)
          .list(); // dag (44), cleo (31): age is an int, never null, so a sort alone uses it too
      // end::query[]
      assertEquals(List.of("ada", "cleo"), page.stream().map(Resident::id).toList());
      assertEquals(2, older);
      assertEquals(List.of("dag", "cleo"), oldestFirst.stream().map(Resident::id).toList());

      UnifiedJedis redis = rekord.connection().unwrap(UnifiedJedis.class);
      Map<String, Double> oslo = new TreeMap<>();
      for (Tuple member : redis.zrangeWithScores("{residents}#cmp:city+age:4:Oslo", 0, -1)) {
        oslo.put(member.getElement(), member.getScore());
      }
      assertEquals(Map.of("ada", 28.0, "cleo", 31.0, "dag", 44.0, "eve", 19.0), oslo);
      assertTrue(redis.exists("{residents}#cmp:city+age:6:Bergen"));
    }
  }
}
