package dev.rekord.it;

/** {@link IndexExactnessTest} on a 3-master/3-replica cluster: the same cases, the same results. */
class ClusterIndexExactnessTest extends IndexExactnessTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
