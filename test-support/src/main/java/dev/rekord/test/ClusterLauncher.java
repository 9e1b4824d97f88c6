package dev.rekord.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Starts cluster-enabled nodes, joins them with {@code redis-cli --cluster create}, waits until ready. */
final class ClusterLauncher {

    private static final int ALL_SLOTS = 16384;
    private static final long POLL_MILLIS = 50;

    private final int masters;
    private final int replicasPerMaster;
    private final Path executable;
    private final List<String> extraArgs;
    private final String password;
    private final Duration timeout;

    /**
     * @param nodes how each node is started: its executable, extra arguments and password; its
     *     startup timeout is the whole cluster's
     */
    ClusterLauncher(int masters, int replicasPerMaster, ServerSettings nodes) {
        this.masters = masters;
        this.replicasPerMaster = replicasPerMaster;
        this.executable = nodes.executable();
        this.extraArgs = nodes.extraArgs();
        this.password = nodes.effectivePassword();
        this.timeout = nodes.startupTimeout();
    }

    RedisCluster start() {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RedisServer> nodes = new ArrayList<>();
        try {
            RedisServer.Builder node = nodeBuilder();
            for (int i = 0; i < masters * (1 + replicasPerMaster); i++) {
                nodes.add(node.start());
            }
            createCluster(nodes, deadline);
            awaitReady(nodes, deadline);
            return new RedisCluster(nodes);
        } catch (RuntimeException e) {
            nodes.forEach(RedisServer::close);
            throw e;
        }
    }

    static boolean isMaster(RedisServer node) {
        Object role = node.call("ROLE");
        return role instanceof List<?> reply && "master".equals(reply.get(0));
    }

    private RedisServer.Builder nodeBuilder() {
        RedisServer.Builder builder = RedisServer.builder()
                .startupTimeout(timeout)
                // A relative nodes.conf lands in the node's own directory (its --dir).
                .args("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000",
                        // A replica (re)joining syncs at once instead of after the 5 s default delay.
                        "--repl-diskless-sync-delay", "0");
        if (executable != null) {
            builder.executable(executable);
        }
        if (password != null) {
            builder.password(password).args("--masterauth", password);
        }
        return builder.args(extraArgs.toArray(String[]::new));
    }

    private void createCluster(List<RedisServer> nodes, long deadline) {
        List<String> command = new ArrayList<>(List.of(redisCli().toString(), "--cluster", "create"));
        nodes.forEach(node -> command.add(node.host() + ":" + node.port()));
        command.addAll(List.of("--cluster-replicas", Integer.toString(replicasPerMaster), "--cluster-yes"));
        Path output = nodes.get(0).directory().resolve("cluster-create.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        if (password != null) {
            builder.environment().put("REDISCLI_AUTH", password); // keeps it off the command line
        }
        try {
            Process process = builder.start();
            if (!process.waitFor(remainingMillis(deadline), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new RedisStartupException("redis-cli --cluster create did not finish in time:\n" + read(output));
            }
            if (process.exitValue() != 0) {
                throw new RedisStartupException("redis-cli --cluster create failed with code "
                        + process.exitValue() + ":\n" + read(output));
            }
        } catch (IOException e) {
            throw new RedisStartupException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisStartupException("Interrupted while creating the cluster", e);
        }
    }

    private Path redisCli() {
        Path server = Executables.system().locate("redis-server", "REDIS_SERVER", executable);
        Path sibling = server.resolveSibling("redis-cli");
        if (Files.isExecutable(sibling)) {
            return sibling;
        }
        return Executables.system().locate("redis-cli", "REDIS_CLI", null);
    }

    /** Polls until every node agrees the cluster is whole and every replica has synced. */
    private void awaitReady(List<RedisServer> nodes, long deadline) {
        String problem = "";
        while (remainingMillis(deadline) > 0) {
            problem = firstProblem(nodes);
            if (problem.isEmpty()) {
                return;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RedisStartupException("Interrupted while waiting for the cluster", e);
            }
        }
        throw new RedisStartupException("The cluster was not ready within " + timeout.toMillis() + " ms: " + problem);
    }

    private static String firstProblem(List<RedisServer> nodes) {
        for (RedisServer node : nodes) {
            String info = String.valueOf(node.call("CLUSTER", "INFO"));
            if (!info.contains("cluster_state:ok")
                    || !info.contains("cluster_slots_ok:" + ALL_SLOTS)
                    || !info.contains("cluster_known_nodes:" + nodes.size() + "\r\n")) {
                return node + " reports " + info.lines().limit(6).toList();
            }
            String replication = String.valueOf(node.call("INFO", "replication"));
            if (replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
                return node + " is a replica not yet in sync with its master";
            }
        }
        return "";
    }

    private static long remainingMillis(long deadline) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | UncheckedIOException e) {
            return "(no output)";
        }
    }
}
