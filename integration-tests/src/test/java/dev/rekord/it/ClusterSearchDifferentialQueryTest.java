package dev.rekord.it;

import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.provider.Arguments;

/**
 * {@link SearchDifferentialQueryTest} on a 3-master/3-replica cluster whose nodes load the Redis
 * Query Engine: the hash model's queries run on every master and are merged (sorted pages with
 * offsets, counts, cursors), with the same seed, data and in-memory evaluation. 16 buckets spread
 * the documents over every master; 4 over some of them.
 */
class ClusterSearchDifferentialQueryTest extends SearchDifferentialQueryTest {

  /** Hides the standalone server's start: the shared search cluster is started on first use. */
  @BeforeAll
  static void startServerWithModule() {
    Assumptions.assumeTrue(RedisTarget.searchCluster().isPresent(), dev.rekord.test.RedisModules.searchMissingMessage());
  }

  /** Hides the standalone server's stop: the shared cluster stops with the JVM. */
  @org.junit.jupiter.api.AfterAll
  static void stopServer() {}

  static Stream<Arguments> setups() {
    return Stream.of(Arguments.of("HASH", 16), Arguments.of("HASH", 4));
  }

  @Override
  RedisTarget target() {
    return RedisTarget.searchCluster().orElseThrow();
  }
}
