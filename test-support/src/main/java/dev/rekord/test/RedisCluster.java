package dev.rekord.test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Redis Cluster of real {@code redis-server} processes on loopback ports, for tests. Started
 * with {@code redis-cli --cluster create}; {@link #builder()} returns once every node reports
 * {@code cluster_state:ok} with all 16384 slots covered and every replica in sync.
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.builder().masters(3).replicasPerMaster(1).start()) {
 *     connectToCluster(cluster.seedUrl());
 * }
 * }</pre>
 *
 * <p>Thread-safe. Nodes still running when the JVM exits are stopped by a shutdown hook.
 */
public final class RedisCluster implements RedisDeployment {

    private final List<RedisServer> nodes;
    private final AtomicBoolean closed = new AtomicBoolean();

    RedisCluster(List<RedisServer> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** @return a builder; by default three masters and no replicas */
    public static Builder builder() {
        return new Builder();
    }

    /** @return every node, masters and replicas, in the order they were started */
    public List<RedisServer> nodes() {
        return nodes;
    }

    /** @return the URL of one node, enough for a cluster-aware client to discover the rest */
    public String seedUrl() {
        return nodes.get(0).url();
    }

    /** @return the {@linkplain #seedUrl() seed URL} */
    @Override
    public String url() {
        return seedUrl();
    }

    /** Runs FLUSHALL on every master; replicas follow through replication. */
    @Override
    public void flushAll() {
        for (RedisServer node : nodes) {
            if (ClusterLauncher.isMaster(node)) {
                node.flushAll();
            }
        }
    }

    /** Stops every node and deletes their directories. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            nodes.parallelStream().forEach(RedisServer::close);
        }
    }

    @Override
    public String toString() {
        return "RedisCluster" + nodes.stream().map(node -> node.host() + ":" + node.port()).toList();
    }

    /** Configures a {@link RedisCluster} before starting it. */
    public static final class Builder {

        private int masters = 3;
        private int replicasPerMaster;
        private Path executable;
        private String password;
        private Duration startupTimeout = Duration.ofSeconds(30);

        Builder() {
        }

        /**
         * @param masters how many master nodes share the slots; at least 3 (a redis-cli rule)
         * @return this builder
         */
        public Builder masters(int masters) {
            if (masters < 3) {
                throw new IllegalArgumentException("A cluster needs at least 3 masters, got " + masters);
            }
            this.masters = masters;
            return this;
        }

        /**
         * @param replicas how many replicas follow each master; 0 by default
         * @return this builder
         */
        public Builder replicasPerMaster(int replicas) {
            if (replicas < 0) {
                throw new IllegalArgumentException("Replicas per master cannot be negative, got " + replicas);
            }
            this.replicasPerMaster = replicas;
            return this;
        }

        /**
         * Uses this redis-server binary; redis-cli is looked up beside it first.
         *
         * @param executable path to redis-server
         * @return this builder
         */
        public Builder executable(Path executable) {
            this.executable = Objects.requireNonNull(executable, "executable");
            return this;
        }

        /**
         * Requires clients to authenticate on every node; replicas use it to reach their masters.
         *
         * @param password the password
         * @return this builder
         */
        public Builder password(String password) {
            this.password = Objects.requireNonNull(password, "password");
            return this;
        }

        /**
         * @param timeout how long to wait for the whole cluster to be ready; 30 seconds by default
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Starts the nodes, joins them into a cluster and waits until it is ready.
         *
         * @return the running cluster
         * @throws RedisStartupException if a node does not start or the cluster does not form in time
         */
        public RedisCluster start() {
            return new ClusterLauncher(masters, replicasPerMaster, executable, password, startupTimeout).start();
        }
    }
}
