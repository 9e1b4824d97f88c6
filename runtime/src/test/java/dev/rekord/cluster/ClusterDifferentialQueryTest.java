package dev.rekord.cluster;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.portable.DifferentialQueryTest;

/**
 * The differential query suite, case for case, against a real 3-master/3-replica cluster: the same
 * seeded documents and queries must give the same results as the in-memory evaluation (and so as
 * the standalone run).
 */
class ClusterDifferentialQueryTest extends DifferentialQueryTest {

  @Override
  protected RedisConnection connect() {
    return SharedCluster.connect();
  }
}
