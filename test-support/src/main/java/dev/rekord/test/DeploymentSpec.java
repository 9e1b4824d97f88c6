package dev.rekord.test;

/**
 * What a {@link RedisExtension} starts: one server, or a cluster of {@code masters} masters with
 * {@code replicasPerMaster} replicas each. A value: equal specs share one deployment when the
 * extension is {@linkplain RedisExtension#shared() shared}.
 *
 * @param settings how each server (or cluster node) is started
 * @param masters 0 for a single server, else the cluster's masters (at least 3)
 * @param replicasPerMaster replicas per master of a cluster
 */
record DeploymentSpec(ServerSettings settings, int masters, int replicasPerMaster) {

    boolean isCluster() {
        return masters > 0;
    }

    RedisDeployment start() {
        return isCluster()
                ? new ClusterLauncher(masters, replicasPerMaster, settings).start()
                : ServerLauncher.launch(settings);
    }
}
