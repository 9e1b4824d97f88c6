package dev.rekord.it;

/** {@link CompactCompoundIndexDifferentialTest} on the 3-master/3-replica cluster. */
class ClusterCompactCompoundIndexDifferentialTest extends CompactCompoundIndexDifferentialTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
