package dev.rekord.docs.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.Rekord;
import dev.rekord.docs.gettingstarted.Member;
import dev.rekord.docs.gettingstarted.MemberModel;
import dev.rekord.docs.gettingstarted.MemberRepository;
import dev.rekord.docs.gettingstarted.Member_;
import dev.rekord.model.Engine;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisModules;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The cluster snippet of search-engine.md: a 3-master cluster whose nodes load the Redis Query Engine. */
class SearchClusterDocsTest {

  @Test
  void theSameQueriesOnACluster() {
    Path module = RedisModules.search().orElse(null);
    Assumptions.assumeTrue(module != null, RedisModules.searchMissingMessage());
    // tag::cluster[]
    try (RedisCluster cluster = RedisCluster.builder().masters(3).module(module).start(); // every node loads it
        Rekord rekord = Rekord.builder().url(cluster.seedUrl()).engine(Member.class, Engine.SEARCH).build()) {
      rekord.migrate();                            // FT.CREATE and the alias on every master
      MemberRepository members = new MemberRepository(rekord);
      for (int i = 0; i < 100; i++) {              // spread over the masters' slots
        members.save(new Member("m" + i, "M" + i, i % 2 == 0 ? "Oslo" : "Rome", LocalDate.of(2024, 1, 1).plusDays(i)));
      }
      long inOslo = members.find(Member_.city.eq("Oslo")).count();          // every master's count, summed
      List<String> page = members.find(Member_.city.eq("Oslo"))
          .offset(10).limit(5).ids();              // in id order: every master's first 15 rows, merged
      // end::cluster[]
      assertEquals(Engine.SEARCH, rekord.engineOf(MemberModel.INSTANCE));
      assertEquals(50, inOslo);
      assertEquals(List.of("m26", "m28", "m30", "m32", "m34"), page);
    }
  }
}
