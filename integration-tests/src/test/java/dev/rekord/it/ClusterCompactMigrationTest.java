package dev.rekord.it;

/** {@link CompactMigrationTest} on a 3-master/3-replica cluster: the same cases, the same results. */
class ClusterCompactMigrationTest extends CompactMigrationTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
