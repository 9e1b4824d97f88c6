package dev.rekord.cluster;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.connection.ConnectionSettings;
import dev.rekord.internal.connection.Connections;
import dev.rekord.internal.connection.RedisNode;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.util.List;

/**
 * One 3-master/3-replica cluster for the cluster test classes that leave it whole (starting one
 * takes seconds); stopped when the JVM exits. Tests that kill nodes start their own.
 */
public final class SharedCluster {
  private static RedisCluster cluster;

  private SharedCluster() {}

  public static synchronized RedisCluster get() {
    if (cluster == null) {
      cluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start();
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::close));
    }
    return cluster;
  }

  /** A connection to the shared cluster (seeded with its first node), checked to be a cluster's. */
  public static RedisConnection connect() {
    RedisServer seed = get().nodes().get(0);
    RedisConnection connection = Connections.open(new ConnectionSettings(
        List.of(new RedisNode(seed.host(), seed.port())), null, null, 0, false, null, null, 0, null));
    if (!connection.isCluster()) {
      throw new AssertionError("expected a cluster connection");
    }
    return connection;
  }
}
