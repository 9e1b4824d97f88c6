package dev.rekord.it;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link VectorSearchTest} on a 3-master/3-replica cluster whose nodes load the Redis Query Engine:
 * each shard answers its own {@code k} nearest and the merge keeps the global {@code k}, equal to
 * the exact in-memory KNN (documents spread over 16 buckets, so over every master).
 */
class ClusterVectorSearchTest extends VectorSearchTest {

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
