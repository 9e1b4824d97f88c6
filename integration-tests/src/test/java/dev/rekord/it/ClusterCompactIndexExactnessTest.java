package dev.rekord.it;

/** {@link CompactIndexExactnessTest} on a 3-master/3-replica cluster: the same cases, the same results. */
class ClusterCompactIndexExactnessTest extends CompactIndexExactnessTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
