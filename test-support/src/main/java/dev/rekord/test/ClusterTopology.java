package dev.rekord.test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The cluster as one running node sees it ({@code CLUSTER NODES}): slot owners and replicas. */
final class ClusterTopology {

    private record Node(String id, int port, boolean master, boolean failed, String masterId, List<int[]> slots) {}

    private final RedisCluster cluster;
    private final List<Node> nodes;

    private ClusterTopology(RedisCluster cluster, List<Node> nodes) {
        this.cluster = cluster;
        this.nodes = nodes;
    }

    static ClusterTopology read(RedisCluster cluster) {
        RuntimeException last = null;
        for (RedisServer server : cluster.nodes()) {
            if (!server.isRunning()) {
                continue;
            }
            try {
                return new ClusterTopology(cluster, parse(String.valueOf(server.call("CLUSTER", "NODES"))));
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("No running node answered CLUSTER NODES", last);
    }

    private static List<Node> parse(String text) {
        List<Node> nodes = new ArrayList<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split(" ");
            String address = f[1].substring(0, f[1].indexOf('@'));
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            boolean master = f[2].contains("master");
            boolean failed = f[2].contains("fail");
            List<int[]> slots = new ArrayList<>();
            for (int i = 8; i < f.length; i++) {
                if (f[i].startsWith("[")) {
                    continue; // a migration in progress
                }
                String[] range = f[i].split("-");
                int from = Integer.parseInt(range[0]);
                slots.add(new int[] {from, range.length == 1 ? from : Integer.parseInt(range[1])});
            }
            nodes.add(new Node(f[0], port, master, failed, f[3], slots));
        }
        return nodes;
    }

    RedisServer masterOf(int slot) {
        for (Node node : nodes) {
            if (node.master() && !node.failed()) {
                for (int[] range : node.slots()) {
                    if (slot >= range[0] && slot <= range[1]) {
                        return server(node.port());
                    }
                }
            }
        }
        throw new IllegalStateException("No master serves slot " + slot);
    }

    List<RedisServer> replicasOf(String masterId) {
        List<RedisServer> replicas = new ArrayList<>();
        for (Node node : nodes) {
            if (!node.master() && masterId.equals(node.masterId()) && !node.failed()) {
                replicas.add(server(node.port()));
            }
        }
        return replicas;
    }

    private RedisServer server(int port) {
        Map<Integer, RedisServer> byPort = new HashMap<>();
        cluster.nodes().forEach(server -> byPort.put(server.port(), server));
        RedisServer server = byPort.get(port);
        if (server == null) {
            throw new IllegalStateException("Port " + port + " is not a node of " + cluster);
        }
        return server;
    }
}
