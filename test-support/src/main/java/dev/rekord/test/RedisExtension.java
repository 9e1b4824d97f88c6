package dev.rekord.test;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that gives tests a real Redis server or a real Redis Cluster. It works
 * with JUnit 5.10 and later and with JUnit 6: it uses only extension APIs both have, and brings no
 * JUnit of its own (the dependency is {@code provided}), so your JUnit version is the one that runs.
 *
 * <pre>{@code
 * @ExtendWith(RedisExtension.class)
 * class MyTest {
 *     @Test void saves(RedisServer redis) { ... }
 * }
 *
 * class OtherTest {
 *     @RegisterExtension static RedisExtension redis = RedisExtension.shared();
 *     @Test void saves() { connect(redis.server().url()); }
 * }
 *
 * class ClusterTest {
 *     @RegisterExtension static RedisExtension redis = RedisExtension.builder().cluster(3, 0).build();
 *     @Test void saves(RedisCluster cluster) { connect(cluster.url()); }
 * }
 * }</pre>
 *
 * <p>By default each test class gets its own server (nested classes use their outer class's),
 * started before the class or on first use and stopped after it. A {@linkplain #shared() shared}
 * extension instead keeps one deployment per configuration for the whole test run, which saves
 * the start-up time in large suites (a cluster takes seconds to form). Either way all data is
 * flushed before each test unless {@link Builder#flushBeforeEach(boolean)} says otherwise; tests
 * that share a server and run in parallel should turn flushing off and use distinct keys.
 *
 * <p>Parameters of type {@link RedisDeployment} are resolved to the deployment, and those of type
 * {@link RedisServer} or {@link RedisCluster} to it when it is one.
 */
public final class RedisExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    private final DeploymentSpec spec;
    private final boolean flushBeforeEach;
    private final boolean shared;
    private volatile RedisDeployment current;

    /** A per-class server with the defaults; this is what {@code @ExtendWith(RedisExtension.class)} uses. */
    public RedisExtension() {
        this(builder());
    }

    private RedisExtension(Builder builder) {
        this.spec = builder.spec();
        this.flushBeforeEach = builder.flushBeforeEach;
        this.shared = builder.shared;
    }

    /** @return an extension giving each test class its own default server */
    public static RedisExtension create() {
        return new RedisExtension();
    }

    /** @return an extension whose default server is shared by every test class of the run */
    public static RedisExtension shared() {
        return builder().shared(true).build();
    }

    /** @return a builder for a cluster, a server with a password or arguments, sharing, or no flushing */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The server of the test class currently running, for extensions registered with
     * {@code @RegisterExtension}.
     *
     * @return the running server
     * @throws IllegalStateException if no test has started yet, or this extension runs a cluster
     */
    public RedisServer server() {
        if (spec.isCluster()) {
            throw new IllegalStateException("This extension runs a Redis Cluster: call cluster() or deployment()");
        }
        return (RedisServer) deployment();
    }

    /**
     * The cluster of the test class currently running, for extensions built with
     * {@link Builder#cluster(int, int)}.
     *
     * @return the running cluster
     * @throws IllegalStateException if no test has started yet, or this extension runs a single server
     */
    public RedisCluster cluster() {
        if (!spec.isCluster()) {
            throw new IllegalStateException("This extension runs a single server: call server(), or build it"
                    + " with RedisExtension.builder().cluster(masters, replicasPerMaster)");
        }
        return (RedisCluster) deployment();
    }

    /**
     * The server or cluster of the test class currently running.
     *
     * @return the running deployment
     * @throws IllegalStateException if no test has started yet
     */
    public RedisDeployment deployment() {
        RedisDeployment deployment = current;
        if (deployment == null) {
            throw new IllegalStateException("No Redis server yet: call server() from a test or a @BeforeAll/"
                    + "@BeforeEach method, and register the extension on a static field to start it before the class");
        }
        return deployment;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        deploymentFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RedisDeployment deployment = deploymentFor(context);
        if (flushBeforeEach) {
            deployment.flushAll();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RedisDeployment.class || type == (spec.isCluster() ? RedisCluster.class : RedisServer.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return deploymentFor(context);
    }

    /**
     * Finds or starts the deployment in the store whose lifetime it should have: the root store
     * for shared ones (closed at the end of the run), else the test class's store (closed after the
     * class). The store closes it: {@link StoredDeployment} is closeable in JUnit 5 and 6 alike.
     */
    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: deprecated in JUnit 6, but computeIfAbsent is missing from JUnit 5
    private RedisDeployment deploymentFor(ExtensionContext context) {
        ExtensionContext owner = shared ? context.getRoot() : classContext(context);
        Object key = shared ? spec : this;
        RedisDeployment deployment = owner.getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, ignored -> new StoredDeployment(spec.start()), StoredDeployment.class)
                .deployment();
        current = deployment;
        return deployment;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext candidate = context;
        while (!(candidate.getElement().orElse(null) instanceof Class) && candidate.getParent().isPresent()) {
            candidate = candidate.getParent().get();
        }
        return candidate;
    }

    /**
     * A deployment as a value of a JUnit store, which closes it when its scope ends: JUnit 6 closes
     * {@link AutoCloseable} values, JUnit 5 only {@code CloseableResource} ones (deprecated in 6,
     * and a value that is both is closed once).
     */
    @SuppressWarnings("deprecation")
    private record StoredDeployment(RedisDeployment deployment)
            implements AutoCloseable, ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            deployment.close();
        }
    }

    /** Configures a {@link RedisExtension}. */
    public static final class Builder {

        private final RedisServer.Builder server = RedisServer.builder();
        private Duration startupTimeout;
        private int masters;
        private int replicasPerMaster;
        private boolean flushBeforeEach = true;
        private boolean shared;

        Builder() {
        }

        /**
         * Starts a Redis Cluster instead of a single server (see {@link RedisCluster}); the other
         * settings apply to every node. Parameters of type {@link RedisCluster} are then resolved,
         * and {@link RedisExtension#cluster()} returns it.
         *
         * @param masters how many masters share the slots; at least 3
         * @param replicasPerMaster how many replicas follow each master; 0 or more
         * @return this builder
         */
        public Builder cluster(int masters, int replicasPerMaster) {
            RedisCluster.builder().masters(masters).replicasPerMaster(replicasPerMaster); // validates both
            this.masters = masters;
            this.replicasPerMaster = replicasPerMaster;
            return this;
        }

        /**
         * @param args extra redis-server arguments, see {@link RedisServer.Builder#args(String...)}
         * @return this builder
         */
        public Builder args(String... args) {
            server.args(args);
            return this;
        }

        /**
         * @param path a Redis module every server (or cluster node) loads, see {@link
         *     RedisServer.Builder#module(Path, String...)}
         * @param moduleArgs the module's own arguments
         * @return this builder
         */
        public Builder module(Path path, String... moduleArgs) {
            server.module(path, moduleArgs);
            return this;
        }

        /**
         * @param password the password the server requires, see {@link RedisServer.Builder#password(String)}
         * @return this builder
         */
        public Builder password(String password) {
            server.password(password);
            return this;
        }

        /**
         * @param executable the redis-server binary, see {@link RedisServer.Builder#executable(Path)}
         * @return this builder
         */
        public Builder executable(Path executable) {
            server.executable(executable);
            return this;
        }

        /**
         * @param timeout how long to wait for the server to answer PING (10 seconds by default) or
         *     for a cluster to be ready (30 seconds by default)
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            server.startupTimeout(timeout);
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * @param flush whether to run FLUSHALL before each test; {@code true} by default
         * @return this builder
         */
        public Builder flushBeforeEach(boolean flush) {
            this.flushBeforeEach = flush;
            return this;
        }

        /**
         * @param shared whether to keep one server per configuration for the whole test run
         *     instead of one per test class; {@code false} by default
         * @return this builder
         */
        public Builder shared(boolean shared) {
            this.shared = shared;
            return this;
        }

        /** @return the configured extension */
        public RedisExtension build() {
            return new RedisExtension(this);
        }

        DeploymentSpec spec() {
            if (masters > 0 && startupTimeout == null) {
                server.startupTimeout(RedisCluster.DEFAULT_STARTUP_TIMEOUT);
            }
            return new DeploymentSpec(server.settings(), masters, replicasPerMaster);
        }
    }
}
