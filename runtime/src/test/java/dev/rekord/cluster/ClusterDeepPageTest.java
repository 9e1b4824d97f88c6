package dev.rekord.cluster;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.connection.ConnectionSettings;
import dev.rekord.internal.connection.Connections;
import dev.rekord.internal.connection.RedisNode;
import dev.rekord.internal.engine.portable.DeepPageTest;
import dev.rekord.test.RedisServer;
import java.util.List;

/** The deep-page suite on a real 3-master cluster: each round of counting spans every node. */
class ClusterDeepPageTest extends DeepPageTest {

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

  @Override
  protected List<RedisServer> masters() {
    return SharedCluster.get().masters();
  }
}
