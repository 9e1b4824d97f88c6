package com.example.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisDeployment;
import dev.rekord.test.RedisExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Order(3)
class ClusterTest {

    @RegisterExtension
    static RedisExtension redis = RedisExtension.builder().cluster(3, 0).build();

    @Test
    void injectsAFormedCluster(RedisCluster cluster, RedisDeployment deployment) {
        Seen.cluster = cluster;
        assertSame(cluster, deployment);
        assertSame(cluster, redis.cluster());
        assertEquals(3, cluster.nodes().size());
        assertTrue(String.valueOf(cluster.nodes().get(0).command("CLUSTER", "INFO")).contains("cluster_state:ok"));
        cluster.masterOf(0).command("SET", "{06S}key", "value"); // {06S} hashes to slot 0
        assertEquals("value", cluster.masterOf(0).command("GET", "{06S}key"));
    }
}
