package dev.rekord.cluster;

import dev.rekord.internal.connection.ConnectionSettings;
import dev.rekord.internal.connection.Connections;
import dev.rekord.internal.connection.RedisNode;
import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.portable.DifferentialQueryTest;
import dev.rekord.test.RedisServer;
import java.util.List;

/**
 * The differential query suite, case for case, against a real 3-master/3-replica cluster: the same
 * seeded documents and queries must give the same results as the in-memory evaluation (and so as
 * the standalone run).
 */
class ClusterDifferentialQueryTest extends DifferentialQueryTest {

  @Override
  protected RedisConnection connect() {
    RedisServer seed = SharedCluster.get().nodes().get(0);
    RedisConnection connection = Connections.open(new ConnectionSettings(
        List.of(new RedisNode(seed.host(), seed.port())), null, null, 0, false, null, null, 0, null));
    if (!connection.isCluster()) {
      throw new AssertionError("expected a cluster connection");
    }
    return connection;
  }
}
