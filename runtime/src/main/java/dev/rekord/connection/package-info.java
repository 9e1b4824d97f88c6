/**
 * The connection to Redis, standalone or cluster: {@link dev.rekord.connection.RedisConnection}
 * (what {@code Rekord.connection()} returns) runs {@link dev.rekord.connection.Command}s (built by
 * {@link dev.rekord.connection.Commands}), {@link dev.rekord.connection.Batch}es and {@link
 * dev.rekord.connection.LuaScript} calls, with the {@link dev.rekord.connection.RetryPolicy} for
 * transient failures and the {@link dev.rekord.connection.ReplicaWait} for {@code WAIT}; {@code
 * unwrap} reaches the Jedis client underneath. Made by {@code Rekord.connect(url)} or {@code
 * Rekord.builder()}.
 */
package dev.rekord.connection;
