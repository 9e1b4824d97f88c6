package dev.rekord.it;

/** {@link CompactDifferentialQueryTest} on the 3-master/3-replica cluster. */
class ClusterCompactDifferentialQueryTest extends CompactDifferentialQueryTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
