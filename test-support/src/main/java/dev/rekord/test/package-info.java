/**
 * Real, throwaway Redis for tests: {@link dev.rekord.test.RedisServer} and {@link
 * dev.rekord.test.RedisCluster} start {@code redis-server} processes on free loopback ports, and
 * {@link dev.rekord.test.RedisExtension} gives them to JUnit Jupiter tests (JUnit 5.10 and later,
 * and JUnit 6). No dependency on the Rekord runtime or any Redis client. See {@code
 * docs/testing.md}.
 */
package dev.rekord.test;
