package dev.rekord.it;

/** {@link CompactIndexExactnessTest} on the 3-master/3-replica cluster. */
class ClusterCompactIndexExactnessTest extends CompactIndexExactnessTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
