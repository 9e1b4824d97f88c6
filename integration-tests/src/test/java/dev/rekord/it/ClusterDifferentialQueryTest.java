package dev.rekord.it;

/**
 * {@link DifferentialQueryTest} on a 3-master/3-replica cluster, with the same seed, buckets (1 and
 * 4) and expected results: the generated code gives identical answers on both.
 */
class ClusterDifferentialQueryTest extends DifferentialQueryTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
