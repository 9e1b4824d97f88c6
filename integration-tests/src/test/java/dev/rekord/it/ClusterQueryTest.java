package dev.rekord.it;

/** {@link QueryTest} on a 3-master/3-replica cluster (16 buckets): the same cases, the same results. */
class ClusterQueryTest extends QueryTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
