package dev.rekord.it;

/** {@link MigrationTest} on a 3-master/3-replica cluster: the same cases, the same results. */
class ClusterMigrationTest extends MigrationTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
