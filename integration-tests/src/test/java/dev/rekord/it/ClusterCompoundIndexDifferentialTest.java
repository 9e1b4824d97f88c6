package dev.rekord.it;

/**
 * {@link CompoundIndexDifferentialTest} on a 3-master/3-replica cluster, with the same seed, buckets
 * (1 and 4) and expected results.
 */
class ClusterCompoundIndexDifferentialTest extends CompoundIndexDifferentialTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
