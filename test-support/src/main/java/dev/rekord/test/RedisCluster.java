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

    static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(30);

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

    /** Runs FLUSHALL on every running master; replicas follow through replication. */
    @Override
    public void flushAll() {
        for (RedisServer node : nodes) {
            if (node.isRunning() && ClusterLauncher.isMaster(node)) {
                node.flushAll();
            }
        }
    }

    /** @return the running nodes that are masters now (failovers change which ones) */
    public List<RedisServer> masters() {
        return nodes.stream().filter(RedisServer::isRunning).filter(ClusterLauncher::isMaster).toList();
    }

    /**
     * @param node a node of this cluster
     * @return its cluster node id ({@code CLUSTER MYID})
     */
    public String nodeId(RedisServer node) {
        return String.valueOf(node.call("CLUSTER", "MYID"));
    }

    /**
     * @param slot a hash slot, 0 to 16383
     * @return the running master that serves it, as a running node sees the cluster
     */
    public RedisServer masterOf(int slot) {
        return ClusterTopology.read(this).masterOf(slot);
    }

    /**
     * @param master a master of this cluster
     * @return its replicas, as a running node sees the cluster
     */
    public List<RedisServer> replicasOf(RedisServer master) {
        return ClusterTopology.read(this).replicasOf(nodeId(master));
    }

    /**
     * Kills {@code master} (SIGKILL) and waits until one of its replicas has been promoted and
     * every running node reports {@code cluster_state:ok} again: detection takes the cluster's
     * node timeout (2 s here), the election a moment more.
     *
     * @param master a master with at least one replica
     * @param timeout how long to wait for the promotion
     * @return the promoted replica, now a master
     * @throws RedisStartupException if no replica took over in time
     */
    public RedisServer killMasterAndAwaitFailover(RedisServer master, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RedisServer> replicas = syncedReplicasOf(master, deadline);
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException(master + " has no replica to take over");
        }
        master.kill();
        while (System.nanoTime() - deadline < 0) {
            for (RedisServer replica : replicas) {
                if (replica.isRunning() && ClusterLauncher.isMaster(replica) && allOk()) {
                    return replica;
                }
            }
            pause(100);
        }
        throw new RedisStartupException("No replica of " + master + " took over within " + timeout.toMillis() + " ms");
    }

    /**
     * The replicas of {@code master} that have synchronised with it ({@code ROLE}: connected), waiting
     * until {@code deadline} for one: right after start-up a replica may not be known to every node
     * yet, or still be loading the master's data, and could not take over.
     */
    private List<RedisServer> syncedReplicasOf(RedisServer master, long deadline) {
        while (true) {
            List<RedisServer> synced = replicasOf(master).stream().filter(RedisCluster::isSyncedReplica).toList();
            if (!synced.isEmpty() || System.nanoTime() - deadline >= 0) {
                return synced;
            }
            pause(100);
        }
    }

    private static boolean isSyncedReplica(RedisServer node) {
        return node.isRunning() && node.call("ROLE") instanceof List<?> role && role.size() > 3
                && "connected".equals(String.valueOf(role.get(3)));
    }

    /**
     * Restarts a node that was {@linkplain RedisServer#kill() killed} (same port, same directory,
     * so the same {@code nodes.conf} and node id) and waits until it has rejoined: a former master
     * whose slots a replica took over meanwhile comes back as a replica of that new master (Redis
     * does this itself on seeing a newer configuration for its slots), resynchronises from it, and
     * every running node reports {@code cluster_state:ok}. From then on {@code WAIT 1} on the new
     * master is answered again.
     *
     * @param node a killed node of this cluster
     * @param timeout how long to wait for it to rejoin and finish its initial sync
     * @throws RedisStartupException if it does not rejoin as an in-sync replica in time
     */
    public void restartAndAwaitReplica(RedisServer node, Duration timeout) {
        if (!nodes.contains(node)) {
            throw new IllegalArgumentException(node + " is not a node of " + this);
        }
        node.restart();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() - deadline < 0) {
            try {
                String replication = String.valueOf(node.call("INFO", "replication"));
                if (replication.contains("role:slave") && replication.contains("master_link_status:up") && allOk()) {
                    return;
                }
                last = replication.lines().filter(line -> line.startsWith("role:")
                        || line.startsWith("master_link_status:") || line.startsWith("master_port:")).toList().toString();
            } catch (RuntimeException e) {
                last = e.getMessage();
            }
            pause(50);
        }
        throw new RedisStartupException(node + " did not rejoin as an in-sync replica within "
                + timeout.toMillis() + " ms: " + last);
    }

    /**
     * Waits until every running node reports {@code cluster_state:ok}.
     *
     * @param timeout how long to wait
     * @throws RedisStartupException if the cluster is not ok in time
     */
    public void awaitOk(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!allOk()) {
            if (System.nanoTime() - deadline > 0) {
                throw new RedisStartupException("The cluster is not ok after " + timeout.toMillis() + " ms");
            }
            pause(100);
        }
    }

    /**
     * Moves one hash slot, with its keys, to {@code target} the way {@code redis-cli --cluster
     * reshard} does: {@code CLUSTER SETSLOT IMPORTING}/{@code MIGRATING}, {@code MIGRATE … KEYS} in
     * batches of {@code batchSize} (pausing {@code pause} between batches, so clients meet the
     * half-migrated slot: {@code ASK} and {@code TRYAGAIN}), then {@code SETSLOT NODE} on every
     * master.
     *
     * @param slot the slot to move
     * @param target the master that receives it
     * @param batchSize keys per MIGRATE
     * @param pause the pause between batches
     */
    public void migrateSlot(int slot, RedisServer target, int batchSize, Duration pause) {
        if (masterOf(slot).port() == target.port()) {
            return;
        }
        SlotMigration migration = beginSlotMigration(slot, target);
        while (true) {
            List<String> batch = migration.keys(batchSize);
            if (batch.isEmpty()) {
                break;
            }
            migration.move(batch);
            pause(pause.toMillis());
        }
        migration.finish();
    }

    /**
     * Begins moving {@code slot} to {@code target} ({@code CLUSTER SETSLOT IMPORTING} on the target,
     * {@code MIGRATING} on the source) and leaves every key where it is: the test drives each step of
     * the migration by hand with the {@link SlotMigration} returned.
     *
     * @param slot the slot to move
     * @param target the master that receives it, not its current one
     * @return the migration, to move keys and finish (or, closed unfinished, to abandon)
     */
    public SlotMigration beginSlotMigration(int slot, RedisServer target) {
        RedisServer source = masterOf(slot);
        if (source.port() == target.port()) {
            throw new IllegalArgumentException("slot " + slot + " is already served by " + target);
        }
        String slotText = Integer.toString(slot);
        target.call("CLUSTER", "SETSLOT", slotText, "IMPORTING", nodeId(source));
        source.call("CLUSTER", "SETSLOT", slotText, "MIGRATING", nodeId(target));
        return new SlotMigration(slot, source, target);
    }

    /**
     * A slot half moved from its source to its target master, as {@link #beginSlotMigration} left
     * it. Not thread-safe.
     */
    public final class SlotMigration implements AutoCloseable {
        private final String slot;
        private final RedisServer source;
        private final RedisServer target;
        private boolean finished;

        private SlotMigration(int slot, RedisServer source, RedisServer target) {
            this.slot = Integer.toString(slot);
            this.source = source;
            this.target = target;
        }

        /** The master the slot moves from. */
        public RedisServer source() {
            return source;
        }

        /** The master the slot moves to. */
        public RedisServer target() {
            return target;
        }

        /** The slot's keys still on the source: at most {@code count} ({@code CLUSTER GETKEYSINSLOT}). */
        public List<String> keys(int count) {
            Object keys = source.call("CLUSTER", "GETKEYSINSLOT", slot, Integer.toString(count));
            List<String> names = new java.util.ArrayList<>();
            if (keys instanceof List<?> list) {
                list.forEach(key -> names.add(String.valueOf(key)));
            }
            return names;
        }

        /** {@code MIGRATE … REPLACE KEYS}: moves {@code keys} from the source to the target. */
        public void move(List<String> keys) {
            migrate(keys, false);
        }

        /**
         * {@code MIGRATE … COPY REPLACE KEYS}: copies {@code keys} to the target and leaves them on the
         * source too, the moment between the target's {@code RESTORE} and the source's delete made
         * lasting.
         */
        public void copy(List<String> keys) {
            migrate(keys, true);
        }

        private void migrate(List<String> keys, boolean copy) {
            if (keys.isEmpty()) {
                return;
            }
            List<String> command = new java.util.ArrayList<>(List.of("MIGRATE", target.host(),
                    Integer.toString(target.port()), "", "0", "10000"));
            if (copy) {
                command.add("COPY");
            }
            command.add("REPLACE");
            target.password().ifPresent(password -> command.addAll(List.of("AUTH", password)));
            command.add("KEYS");
            command.addAll(keys);
            source.call(command.toArray(String[]::new));
        }

        /** Moves every key left on the source, then {@link #finish()}. */
        public void complete() {
            for (List<String> batch = keys(1000); !batch.isEmpty(); batch = keys(1000)) {
                move(batch);
            }
            finish();
        }

        /** {@code CLUSTER SETSLOT … NODE target} on the target, the source, then every other master. */
        public void finish() {
            String targetId = nodeId(target);
            target.call("CLUSTER", "SETSLOT", slot, "NODE", targetId);
            source.call("CLUSTER", "SETSLOT", slot, "NODE", targetId);
            for (RedisServer master : masters()) {
                if (master.port() != source.port() && master.port() != target.port()) {
                    master.call("CLUSTER", "SETSLOT", slot, "NODE", targetId);
                }
            }
            finished = true;
        }

        /** Abandons a migration not finished ({@code SETSLOT … STABLE} on both), so no test inherits it. */
        @Override
        public void close() {
            if (!finished) {
                target.call("CLUSTER", "SETSLOT", slot, "STABLE");
                source.call("CLUSTER", "SETSLOT", slot, "STABLE");
                finished = true;
            }
        }
    }

    private boolean allOk() {
        for (RedisServer node : nodes) {
            if (!node.isRunning()) {
                continue;
            }
            try {
                if (!String.valueOf(node.call("CLUSTER", "INFO")).contains("cluster_state:ok")) {
                    return false;
                }
            } catch (RuntimeException e) {
                return false;
            }
        }
        return true;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisStartupException("Interrupted while waiting for the cluster", e);
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
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;
        private final List<String> extraArgs = new java.util.ArrayList<>();

        Builder() {
        }

        /**
         * Appends arguments passed to every node's redis-server after the cluster's own, e.g. an
         * ACL user: {@code args("--user", "app", "on", ">secret", "~*", "+@all")}.
         *
         * @param args redis-server arguments
         * @return this builder
         */
        public Builder args(String... args) {
            extraArgs.addAll(List.of(args));
            return this;
        }

        /**
         * Loads a Redis module on every node, masters and replicas ({@code --loadmodule path
         * args…}), e.g. the Redis Query Engine; may be called once per module.
         *
         * @param path the module's shared library ({@code .so}); it must exist
         * @param moduleArgs the module's own arguments
         * @return this builder
         * @throws IllegalArgumentException when {@code path} is not a readable file
         */
        public Builder module(Path path, String... moduleArgs) {
            extraArgs.addAll(RedisModules.loadArguments(path, moduleArgs));
            return this;
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
            return new ClusterLauncher(masters, replicasPerMaster,
                    new ServerSettings(executable, extraArgs, password, startupTimeout)).start();
        }
    }
}
