package dev.rekord.it;

/** {@link CompactDifferentialQueryTest} on a 3-master/3-replica cluster: the same cases, the same results. */
class ClusterCompactDifferentialQueryTest extends CompactDifferentialQueryTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
