package dev.rekord.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisServerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void startsOnLoopbackAnswersPingAndStopsCompletely() throws IOException {
        RedisServer server = RedisServer.start();
        long pid = server.pid();
        Path directory = server.directory();
        try {
            assertEquals("127.0.0.1", server.host());
            assertEquals("redis://127.0.0.1:" + server.port(), server.url());
            assertEquals("PONG", ping(server, null));
            assertTrue(server.isRunning());
            assertTrue(Files.isDirectory(directory));
        } finally {
            server.close();
        }
        assertFalse(server.isRunning());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "process still alive");
        assertFalse(Files.exists(directory), "temporary directory left behind");
        assertThrows(IOException.class, () -> ping(server, null));
    }

    @Test
    void closingTwiceIsHarmless() {
        RedisServer server = RedisServer.start();
        server.close();
        server.close();
        assertFalse(server.isRunning());
    }

    @Test
    void persistsNothingAndUsesItsTemporaryDirectory() {
        try (RedisServer server = RedisServer.start()) {
            assertEquals(List.of("save", ""), server.call("CONFIG", "GET", "save"));
            assertEquals(List.of("appendonly", "no"), server.call("CONFIG", "GET", "appendonly"));
            assertEquals(List.of("dir", server.directory().toString()), server.call("CONFIG", "GET", "dir"));
        }
    }

    @Test
    void twoServersRunAtOnceOnDifferentPorts() throws IOException {
        try (RedisServer first = RedisServer.start(); RedisServer second = RedisServer.start()) {
            assertNotEquals(first.port(), second.port());
            first.call("SET", "only-in", "first");
            assertEquals(0L, second.call("EXISTS", "only-in"));
            assertEquals("PONG", ping(second, null));
        }
    }

    @Test
    void flushAllRemovesEveryKey() {
        try (RedisServer server = RedisServer.start()) {
            server.call("SET", "a", "1");
            server.call("SELECT", "0");
            server.flushAll();
            assertEquals(0L, server.call("DBSIZE"));
        }
    }

    @Test
    void passesExtraArguments() {
        try (RedisServer server = RedisServer.builder().args("--maxmemory", "5mb").start()) {
            assertEquals(List.of("maxmemory", "5242880"), server.call("CONFIG", "GET", "maxmemory"));
        }
    }

    @Test
    void passwordIsRequiredAndUsedForItsOwnCommands() throws IOException {
        try (RedisServer server = RedisServer.builder().password("s3cret").start()) {
            RespErrorException refused = assertThrows(RespErrorException.class, () -> ping(server, null));
            assertTrue(refused.getMessage().startsWith("NOAUTH"), refused.getMessage());
            assertEquals("PONG", ping(server, "s3cret"));
            assertEquals("redis://:s3cret@127.0.0.1:" + server.port(), server.url());
            assertEquals("s3cret", server.password().orElseThrow());
            server.call("SET", "k", "v");
            server.flushAll();
            assertEquals(0L, server.call("DBSIZE"));
        }
    }

    @Test
    void requirepassGivenAsArgumentIsUsedAsPassword() throws IOException {
        try (RedisServer server = RedisServer.builder().args("--requirepass", "s3cret").start()) {
            assertThrows(RespErrorException.class, () -> ping(server, null));
            assertEquals("PONG", ping(server, "s3cret"));
            assertTrue(server.url().contains(":s3cret@"), server.url());
        }
    }

    @Test
    void passwordInUrlIsPercentEncoded() {
        try (RedisServer server = RedisServer.builder().password("p@ss word/1").start()) {
            assertEquals("redis://:p%40ss%20word%2F1@127.0.0.1:" + server.port(), server.url());
        }
    }

    @Test
    void missingBinaryExplainsHowToInstallRedis() {
        RedisStartupException e = assertThrows(RedisStartupException.class,
                () -> RedisServer.builder().executable(Path.of("/nonexistent/redis-server")).start());
        assertTrue(e.getMessage().contains("/nonexistent/redis-server"), e.getMessage());
        assertTrue(e.getMessage().contains("apt-get install redis-server"), e.getMessage());
        assertTrue(e.getMessage().contains("brew install redis"), e.getMessage());
    }

    @Test
    void startupFailureShowsTheServerLog() {
        RedisStartupException e = assertThrows(RedisStartupException.class,
                () -> RedisServer.builder().args("--no-such-directive", "x").start());
        assertTrue(e.getMessage().contains("exited with code"), e.getMessage());
        assertTrue(e.getMessage().contains("no-such-directive"), e.getMessage());
    }

    @Test
    void startupTimeoutIsReportedWithTheLog() {
        // The later --requirepass wins on the command line, so the launcher authenticates with the
        // wrong password and never sees PONG. The timeout leaves a loaded machine time to start the
        // server (300 ms did not, and then neither WRONGPASS nor the ready line was there to report);
        // the start fails after it whatever it is.
        RedisServer.Builder builder = RedisServer.builder().password("wrong").args("--requirepass", "right");
        RedisStartupException e = assertThrows(RedisStartupException.class,
                () -> builder.startupTimeout(Duration.ofSeconds(5)).start());
        assertTrue(e.getMessage().contains("did not answer PING"), e.getMessage());
        assertTrue(e.getMessage().contains("WRONGPASS"), e.getMessage());
        assertTrue(e.getMessage().contains("Ready to accept connections"), e.getMessage());
    }

    private static Object ping(RedisServer server, String password) throws IOException {
        try (RespConnection connection = RespConnection.open(server.host(), server.port(), password, TIMEOUT)) {
            return connection.call("PING");
        }
    }
}
