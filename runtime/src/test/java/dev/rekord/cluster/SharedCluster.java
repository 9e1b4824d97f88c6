package dev.rekord.cluster;

import dev.rekord.test.RedisCluster;

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
}
