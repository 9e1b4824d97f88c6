package dev.rekord.test;

/**
 * A running Redis deployment started for tests: a single {@link RedisServer} or a
 * {@link RedisCluster}. Closing it stops every process it started and deletes their files.
 */
public interface RedisDeployment extends AutoCloseable {

    /**
     * A URL a client can connect to, such as {@code redis://127.0.0.1:6380}; it carries the
     * password when one is set. For a multi-node deployment this is one seed node.
     *
     * @return the connection URL
     */
    String url();

    /** Removes every key from every database (on every primary node). */
    void flushAll();

    /** Stops the deployment; calling it again has no effect. */
    @Override
    void close();
}
