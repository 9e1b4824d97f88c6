package dev.rekord.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisClusterTest {

    @Test
    void formsAHealthyClusterWithReplicasAndStopsEveryNode() {
        RedisCluster cluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start();
        List<RedisServer> nodes = cluster.nodes();
        try {
            assertEquals(6, nodes.size());
            assertEquals(3, nodes.stream().filter(ClusterLauncher::isMaster).count());
            assertEquals(nodes.get(0).url(), cluster.seedUrl());
            for (RedisServer node : nodes) {
                String info = String.valueOf(node.call("CLUSTER", "INFO"));
                assertTrue(info.contains("cluster_state:ok"), info);
                assertTrue(info.contains("cluster_slots_assigned:16384"), info);
                assertTrue(info.contains("cluster_size:3"), info);
            }
            RedisServer owner = ownerOf(nodes, "some-key");
            owner.call("SET", "some-key", "v");
            cluster.flushAll();
            assertEquals(0L, owner.call("EXISTS", "some-key"));
        } finally {
            cluster.close();
        }
        for (RedisServer node : nodes) {
            assertFalse(node.isRunning(), node + " still running");
        }
    }

    @Test
    void passwordProtectsEveryNode() {
        try (RedisCluster cluster = RedisCluster.builder().password("s3cret").start()) {
            assertTrue(cluster.seedUrl().contains(":s3cret@"), cluster.seedUrl());
            assertEquals(3, cluster.nodes().size());
            cluster.flushAll();
        }
    }

    @Test
    void rejectsFewerThanThreeMasters() {
        assertThrows(IllegalArgumentException.class, () -> RedisCluster.builder().masters(2));
    }

    /** The master that serves the key's slot: the others answer MOVED. */
    private static RedisServer ownerOf(List<RedisServer> nodes, String key) {
        for (RedisServer node : nodes) {
            try {
                if (ClusterLauncher.isMaster(node)) {
                    node.call("EXISTS", key);
                    return node;
                }
            } catch (UncheckedIOException moved) {
                // not this one
            }
        }
        throw new AssertionError("no master serves " + key);
    }
}
