package dev.rekord.it;

/** {@link CompactCompoundIndexDifferentialTest} on a 3-master/3-replica cluster: the same cases, the same results. */
class ClusterCompactCompoundIndexDifferentialTest extends CompactCompoundIndexDifferentialTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
