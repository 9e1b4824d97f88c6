package com.example.junit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Order(4)
class AfterTheClusterTest {

    @RegisterExtension
    static RedisExtension redis = RedisExtension.shared();

    @Test
    void theClusterWasStoppedAfterItsClassAndTheSharedServerKept() {
        for (RedisServer node : Seen.cluster.nodes()) {
            assertFalse(node.isRunning(), node + " outlived its test class");
        }
        assertSame(Seen.shared, redis.server());
    }
}
