package dev.rekord.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The race between choosing a free port and redis-server binding it. */
class ServerLauncherTest {

    private final ServerSettings defaults = RedisServer.builder().settings();

    @Test
    void retriesOnAnotherPortWhenTheChosenOneIsTakenByAnyProcess() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(ServerLauncher.HOST))) {
            AtomicInteger attempts = new AtomicInteger();
            ServerLauncher launcher = new ServerLauncher(() ->
                    attempts.incrementAndGet() == 1 ? squatter.getLocalPort() : ServerLauncher.freePort());
            try (RedisServer server = launcher.start(defaults)) {
                assertNotEquals(squatter.getLocalPort(), server.port());
                assertEquals(2, attempts.get());
            }
        }
    }

    @Test
    void doesNotMistakeAnotherRedisOnThePortForItsOwn() {
        try (RedisServer other = RedisServer.start()) {
            AtomicInteger attempts = new AtomicInteger();
            ServerLauncher launcher = new ServerLauncher(() ->
                    attempts.incrementAndGet() == 1 ? other.port() : ServerLauncher.freePort());
            try (RedisServer server = launcher.start(defaults)) {
                assertNotEquals(other.port(), server.port());
                assertNotEquals(other.pid(), server.pid());
            }
        }
    }

    @Test
    void givesUpAfterRepeatedlyLosingTheRace() throws IOException {
        try (ServerSocket squatter = new ServerSocket(0, 1, InetAddress.getByName(ServerLauncher.HOST))) {
            ServerLauncher launcher = new ServerLauncher(squatter::getLocalPort);
            RedisStartupException e = assertThrows(RedisStartupException.class, () -> launcher.start(defaults));
            assertTrue(e.getMessage().contains("took the free port"), e.getMessage());
        }
    }
}
