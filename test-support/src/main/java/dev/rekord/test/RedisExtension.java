package dev.rekord.test;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that gives tests a real Redis server.
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
 * }</pre>
 *
 * <p>By default each test class gets its own server (nested classes use their outer class's),
 * started before the class or on first use and stopped after it. A {@linkplain #shared() shared}
 * extension instead keeps one server per configuration for the whole test run, which saves the
 * start-up time in large suites. Either way all data is flushed before each test unless
 * {@link Builder#flushBeforeEach(boolean)} says otherwise; tests that share a server and run in
 * parallel should turn flushing off and use distinct keys.
 *
 * <p>Parameters of type {@link RedisServer} or {@link RedisDeployment} are resolved to the server.
 */
public final class RedisExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    private final ServerSettings settings;
    private final boolean flushBeforeEach;
    private final boolean shared;
    private volatile RedisServer current;

    /** A per-class server with the defaults; this is what {@code @ExtendWith(RedisExtension.class)} uses. */
    public RedisExtension() {
        this(builder());
    }

    private RedisExtension(Builder builder) {
        this.settings = builder.server.settings();
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

    /** @return a builder for a server with a password or arguments, sharing, or no flushing */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The server of the test class currently running, for extensions registered with
     * {@code @RegisterExtension}.
     *
     * @return the running server
     * @throws IllegalStateException if no test has started yet
     */
    public RedisServer server() {
        RedisServer server = current;
        if (server == null) {
            throw new IllegalStateException("No Redis server yet: call server() from a test or a @BeforeAll/"
                    + "@BeforeEach method, and register the extension on a static field to start it before the class");
        }
        return server;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        serverFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RedisServer server = serverFor(context);
        if (flushBeforeEach) {
            server.flushAll();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == RedisServer.class || type == RedisDeployment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return serverFor(context);
    }

    /**
     * Finds or starts the server in the store whose lifetime it should have: the root store for
     * shared servers (closed at the end of the run), else the test class's store (closed after
     * the class). Stores close {@link AutoCloseable} values themselves.
     */
    private RedisServer serverFor(ExtensionContext context) {
        ExtensionContext owner = shared ? context.getRoot() : classContext(context);
        Object key = shared ? new SharedServerKey(settings) : this;
        RedisServer server = owner.getStore(NAMESPACE)
                .computeIfAbsent(key, ignored -> ServerLauncher.launch(settings), RedisServer.class);
        current = server;
        return server;
    }

    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext candidate = context;
        while (!(candidate.getElement().orElse(null) instanceof Class) && candidate.getParent().isPresent()) {
            candidate = candidate.getParent().get();
        }
        return candidate;
    }

    /** Equal configurations share one server across test classes. */
    private record SharedServerKey(ServerSettings settings) {
    }

    /** Configures a {@link RedisExtension}. */
    public static final class Builder {

        private final RedisServer.Builder server = RedisServer.builder();
        private boolean flushBeforeEach = true;
        private boolean shared;

        Builder() {
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
         * @param timeout how long to wait for the server to answer PING; 10 seconds by default
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            server.startupTimeout(timeout);
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
    }
}
