package dev.rekord.cluster;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.portable.DeepPageTest;
import dev.rekord.test.RedisServer;
import java.util.List;

/** The deep-page suite on a real 3-master cluster: each round of counting spans every node. */
class ClusterDeepPageTest extends DeepPageTest {

  @Override
  protected RedisConnection connect() {
    return SharedCluster.connect();
  }

  @Override
  protected List<RedisServer> masters() {
    return SharedCluster.get().masters();
  }
}
