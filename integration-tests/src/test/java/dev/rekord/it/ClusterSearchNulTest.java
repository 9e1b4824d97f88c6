package dev.rekord.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link SearchNulTest} on a 3-master/3-replica cluster whose nodes load the Redis Query Engine:
 * each shard's nearest neighbours are read with their documents, and the merge keeps them whole.
 * An order by relevance is refused on a cluster, so that test is skipped here.
 */
class ClusterSearchNulTest extends SearchNulTest {

  /** Hides the standalone server's start: the shared search cluster is started on first use. */
  @BeforeAll
  static void startServerWithModule() {
    Assumptions.assumeTrue(RedisTarget.searchCluster().isPresent(), dev.rekord.test.RedisModules.searchMissingMessage());
  }

  /** Hides the standalone server's stop: the shared cluster stops with the JVM. */
  @org.junit.jupiter.api.AfterAll
  static void stopServer() {}

  @Override
  RedisTarget target() {
    return RedisTarget.searchCluster().orElseThrow();
  }
}
