package dev.rekord.it;

import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisDeployment;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where an integration test runs: the standalone server of its {@code RedisExtension}, or the one
 * 3-master/3-replica cluster shared by the {@code Cluster…Test} classes (started on first use,
 * stopped when the JVM exits). Tests that look at keys directly do it through here, so the same
 * checks hold on both.
 */
record RedisTarget(RedisDeployment deployment) {

  private static RedisCluster sharedCluster;

  /** The shared cluster; starting one takes seconds, so every cluster test class uses this one. */
  static synchronized RedisTarget cluster() {
    if (sharedCluster == null) {
      sharedCluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start();
      Runtime.getRuntime().addShutdownHook(new Thread(sharedCluster::close, "rekord-it-cluster"));
    }
    return new RedisTarget(sharedCluster);
  }

  private static RedisCluster searchCluster;

  /**
   * The 3-master/3-replica cluster whose every node loads the Redis Query Engine, shared by the
   * {@code Cluster…Search…} test classes; empty when the module is not found ({@link
   * RedisModules#search()}).
   */
  static synchronized java.util.Optional<RedisTarget> searchCluster() {
    java.nio.file.Path module = RedisModules.search().orElse(null);
    if (module == null) {
      return java.util.Optional.empty();
    }
    if (searchCluster == null) {
      searchCluster = RedisCluster.builder().masters(3).replicasPerMaster(1).module(module).start();
      Runtime.getRuntime().addShutdownHook(new Thread(searchCluster::close, "rekord-it-search-cluster"));
    }
    return java.util.Optional.of(new RedisTarget(searchCluster));
  }

  boolean isCluster() {
    return deployment instanceof RedisCluster;
  }

  String url() {
    return deployment.url();
  }

  /** FLUSHALL on the server, or on every master of the cluster. */
  void flushAll() {
    deployment.flushAll();
  }

  /** The server, or every master of the cluster. */
  java.util.List<dev.rekord.test.RedisServer> primaries() {
    return deployment instanceof RedisCluster cluster ? cluster.masters()
        : java.util.List.of((dev.rekord.test.RedisServer) deployment);
  }

  /** The bucket count Rekord gives a new model here: 1 standalone, 16 on a cluster. */
  int defaultBuckets() {
    return isCluster() ? 16 : 1;
  }

  /** A new client for direct commands on single keys (routed by slot on a cluster); close it. */
  UnifiedJedis raw() {
    if (deployment instanceof RedisCluster cluster) {
      Set<HostAndPort> nodes = cluster.nodes().stream()
          .map(node -> new HostAndPort(node.host(), node.port())).collect(Collectors.toSet());
      return RedisClusterClient.builder().nodes(nodes).build();
    }
    RedisServer server = (RedisServer) deployment;
    return RedisClient.create(server.host(), server.port());
  }

  /** {@code KEYS pattern} on the server, or on every master of the cluster; sorted. */
  Set<String> keys(String pattern) {
    List<RedisServer> servers = deployment instanceof RedisCluster cluster
        ? cluster.masters() : List.of((RedisServer) deployment);
    Set<String> keys = new TreeSet<>();
    for (RedisServer server : servers) {
      if (server.command("KEYS", pattern) instanceof List<?> found) {
        found.forEach(key -> keys.add(String.valueOf(key)));
      }
    }
    return keys;
  }
}
