package dev.rekord.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs small fixture classes through the JUnit launcher, so we can look at servers across test
 * classes and after the run ends. The fixtures record which server process they saw.
 */
class RedisExtensionLifecycleTest {

    /** Fixture name → pid of the redis-server it used. */
    private static final Map<String, Long> SEEN = new ConcurrentHashMap<>();
    /** The pids of the nodes of the cluster {@link ClusterFixture} used. */
    private static final List<Long> CLUSTER_PIDS = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forgetEarlierRuns() {
        SEEN.clear();
        CLUSTER_PIDS.clear();
    }

    @Test
    void eachClassGetsItsOwnServerStoppedAfterTheClass() {
        assertAllPass(run(PerClassA.class, PerClassB.class));
        assertNotEquals(SEEN.get("PerClassA"), SEEN.get("PerClassB"));
        assertEquals(0L, SEEN.get("PerClassB.sawPreviousAlive"), "A's server outlived its class");
        assertStopped(SEEN.get("PerClassB"));
    }

    @Test
    void sharedServerIsReusedAcrossClassesAndStoppedAtTheEnd() {
        assertAllPass(run(SharedA.class, SharedB.class));
        assertEquals(SEEN.get("SharedA"), SEEN.get("SharedB"));
        assertStopped(SEEN.get("SharedA"));
    }

    @Test
    void sharedServersWithDifferentSettingsAreDistinct() {
        assertAllPass(run(SharedA.class, SharedWithPassword.class));
        assertNotEquals(SEEN.get("SharedA"), SEEN.get("SharedWithPassword"));
        assertStopped(SEEN.get("SharedA"));
        assertStopped(SEEN.get("SharedWithPassword"));
    }

    @Test
    void flushingCanBeTurnedOff() {
        assertAllPass(run(NotFlushing.class));
    }

    @Test
    void nestedClassesUseTheOuterClassServer() {
        assertAllPass(run(Outer.class));
        assertEquals(SEEN.get("Outer"), SEEN.get("Outer.Inner"));
        assertStopped(SEEN.get("Outer"));
    }

    @Test
    void instanceFieldRegistrationStartsTheServerLazily() {
        assertAllPass(run(InstanceField.class));
        assertStopped(SEEN.get("InstanceField"));
    }

    @Test
    void clusterExtensionFormsAClusterFlushesItAndStopsEveryNodeAfterTheClass() {
        assertAllPass(run(ClusterFixture.class));
        assertEquals(3, CLUSTER_PIDS.size());
        CLUSTER_PIDS.forEach(RedisExtensionLifecycleTest::assertStopped);
    }

    @Test
    void sharedClusterIsReusedAcrossClasses() {
        assertAllPass(run(SharedClusterA.class, SharedClusterB.class));
        assertEquals(SEEN.get("SharedClusterA"), SEEN.get("SharedClusterB"));
        assertStopped(SEEN.get("SharedClusterA"));
    }

    @Test
    void startupFailureFailsTheClassWithTheInstallHint() {
        TestExecutionSummary summary = run(MissingBinary.class);
        String failures = summary.getFailures().stream()
                .map(failure -> String.valueOf(failure.getException().getMessage()))
                .collect(Collectors.joining("\n"));
        assertTrue(failures.contains("apt-get install redis-server"), failures);
    }

    private static TestExecutionSummary run(Class<?>... fixtures) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(fixtures).map(DiscoverySelectors::selectClass).toList())
                .build(), listener);
        return listener.getSummary();
    }

    private static void assertAllPass(TestExecutionSummary summary) {
        if (summary.getTotalFailureCount() > 0) {
            fail(summary.getFailures().stream()
                    .map(failure -> failure.getTestIdentifier().getDisplayName() + ": " + failure.getException())
                    .collect(Collectors.joining("\n")));
        }
        assertTrue(summary.getTestsSucceededCount() > 0, "no fixture test ran");
    }

    private static void assertStopped(Long pid) {
        assertTrue(pid != null, "fixture did not record its server");
        assertFalse(isAlive(pid), "redis-server " + pid + " is still running");
    }

    private static boolean isAlive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    // ---- fixtures: run only through the launcher above ----

    @ExtendWith(RedisExtension.class)
    static class PerClassA {
        @Test
        void records(RedisServer redis) {
            SEEN.put("PerClassA", redis.pid());
        }
    }

    @ExtendWith(RedisExtension.class)
    static class PerClassB {
        @Test
        void records(RedisServer redis) {
            SEEN.put("PerClassB", redis.pid());
            Long previous = SEEN.get("PerClassA");
            SEEN.put("PerClassB.sawPreviousAlive", previous != null && isAlive(previous) ? 1L : 0L);
        }
    }

    static class SharedA {
        @RegisterExtension
        static RedisExtension redis = RedisExtension.shared();

        @Test
        void records() {
            SEEN.put("SharedA", redis.server().pid());
            redis.server().call("SET", "left-by", "SharedA");
        }
    }

    static class SharedB {
        @RegisterExtension
        static RedisExtension redis = RedisExtension.shared();

        @Test
        void recordsAndSeesAFlushedServer() {
            SEEN.put("SharedB", redis.server().pid());
            assertEquals(0L, redis.server().call("EXISTS", "left-by"));
        }
    }

    static class SharedWithPassword {
        @RegisterExtension
        static RedisExtension redis = RedisExtension.builder().shared(true).password("s3cret").build();

        @Test
        void records(RedisServer server) {
            SEEN.put("SharedWithPassword", server.pid());
            assertEquals("s3cret", server.password().orElseThrow());
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class NotFlushing {
        @RegisterExtension
        static RedisExtension redis = RedisExtension.builder().flushBeforeEach(false).build();

        @Test
        @Order(1)
        void writes() {
            redis.server().call("SET", "kept", "yes");
        }

        @Test
        @Order(2)
        void stillThere() {
            assertEquals("yes", redis.server().call("GET", "kept"));
        }
    }

    @ExtendWith(RedisExtension.class)
    static class Outer {
        @Test
        void records(RedisServer redis) {
            SEEN.put("Outer", redis.pid());
        }

        @Nested
        class Inner {
            @Test
            void records(RedisServer redis) {
                SEEN.put("Outer.Inner", redis.pid());
            }
        }
    }

    static class InstanceField {
        @RegisterExtension
        RedisExtension redis = RedisExtension.create();

        @Test
        void records() {
            SEEN.put("InstanceField", redis.server().pid());
            assertEquals("PONG", redis.server().call("PING"));
        }
    }

    static class MissingBinary {
        @RegisterExtension
        static RedisExtension redis =
                RedisExtension.builder().executable(Path.of("/nonexistent/redis-server")).build();

        @Test
        void neverRuns() {
            fail("the server should not have started");
        }
    }

    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class ClusterFixture {
        @RegisterExtension
        static RedisExtension redis = RedisExtension.builder().cluster(3, 0).build();

        @Test
        @Order(1)
        void injectsAFormedCluster(RedisCluster cluster, RedisDeployment deployment) {
            assertSame(cluster, deployment);
            assertSame(cluster, redis.cluster());
            assertThrows(IllegalStateException.class, redis::server);
            cluster.nodes().forEach(node -> CLUSTER_PIDS.add(node.pid()));
            assertTrue(String.valueOf(cluster.nodes().get(0).call("CLUSTER", "INFO")).contains("cluster_state:ok"));
            cluster.masterOf(0).call("SET", "{06S}written-by", "first test"); // {06S} hashes to slot 0
        }

        @Test
        @Order(2)
        void flushesEveryMasterBeforeEachTest(RedisCluster cluster) {
            assertEquals(0L, cluster.masterOf(0).call("EXISTS", "{06S}written-by"));
        }
    }

    static class SharedClusterA {
        @RegisterExtension
        static RedisExtension redis = RedisExtension.builder().cluster(3, 0).shared(true).build();

        @Test
        void records() {
            SEEN.put("SharedClusterA", redis.cluster().nodes().get(0).pid());
        }
    }

    static class SharedClusterB {
        @RegisterExtension
        static RedisExtension redis = RedisExtension.builder().cluster(3, 0).shared(true).build();

        @Test
        void records(RedisCluster cluster) {
            SEEN.put("SharedClusterB", cluster.nodes().get(0).pid());
        }
    }
}
