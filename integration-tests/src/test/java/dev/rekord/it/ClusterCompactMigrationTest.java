package dev.rekord.it;

/** {@link CompactMigrationTest} on the 3-master/3-replica cluster. */
class ClusterCompactMigrationTest extends CompactMigrationTest {
  @Override
  RedisTarget target() {
    return RedisTarget.cluster();
  }
}
