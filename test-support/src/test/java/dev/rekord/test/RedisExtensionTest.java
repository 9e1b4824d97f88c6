package dev.rekord.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/** The extension used the plain way; lifecycle across classes is in {@link RedisExtensionLifecycleTest}. */
@ExtendWith(RedisExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisExtensionTest {

    private static RedisServer first;

    @Test
    @Order(1)
    void injectsARunningServer(RedisServer redis) {
        first = redis;
        assertEquals("PONG", redis.call("PING"));
        redis.call("SET", "written-by", "first test");
    }

    @Test
    @Order(2)
    void flushesBeforeEachTestButKeepsTheServer(RedisServer redis) {
        assertSame(first, redis);
        assertEquals(0L, redis.call("EXISTS", "written-by"));
    }

    @Test
    @Order(3)
    void resolvesTheDeploymentInterfaceToo(RedisDeployment deployment, RedisServer redis) {
        assertSame(redis, deployment);
    }

    @Test
    void serverIsUnavailableBeforeAnyTestStarted() {
        assertThrows(IllegalStateException.class, () -> RedisExtension.create().server());
    }

    @Test
    void aSingleServerExtensionHasNoCluster() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RedisExtension.create().cluster());
        assertTrue(e.getMessage().contains("builder().cluster("), e.getMessage());
    }

    @Test
    void aClusterNeedsThreeMasters() {
        assertThrows(IllegalArgumentException.class, () -> RedisExtension.builder().cluster(2, 0));
    }
}
