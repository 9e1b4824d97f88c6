/**
 * The connection to Redis, standalone or cluster: {@link dev.rekord.connection.RedisConnection}
 * (what {@code Rekord.connection()} returns), the {@link dev.rekord.connection.RetryPolicy} for
 * transient failures and the {@link dev.rekord.connection.ReplicaWait} for {@code WAIT}. Made by
 * {@code Rekord.connect(url)} or {@code Rekord.builder()}.
 */
package dev.rekord.connection;
