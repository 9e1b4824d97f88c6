package dev.rekord.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutablesTest {

    @TempDir
    Path temp;

    @Test
    void findsTheBinaryOnThePath() throws IOException {
        Path binary = fakeBinary(temp.resolve("bin"));
        Executables executables = new Executables(Map.of("PATH", "/nowhere:" + binary.getParent()), List.of());
        assertEquals(binary, executables.locate("redis-server", "REDIS_SERVER", null));
    }

    @Test
    void fallsBackToTheUsualDirectories() throws IOException {
        Path binary = fakeBinary(temp.resolve("usual"));
        Executables executables = new Executables(Map.of("PATH", "/nowhere"), List.of(binary.getParent()));
        assertEquals(binary, executables.locate("redis-server", "REDIS_SERVER", null));
    }

    @Test
    void environmentVariableWinsOverThePath() throws IOException {
        Path onPath = fakeBinary(temp.resolve("bin"));
        Path chosen = fakeBinary(temp.resolve("chosen"));
        Executables executables = new Executables(
                Map.of("PATH", onPath.getParent().toString(), "REDIS_SERVER", chosen.toString()), List.of());
        assertEquals(chosen, executables.locate("redis-server", "REDIS_SERVER", null));
    }

    @Test
    void explicitPathWinsOverEverything() throws IOException {
        Path fromVariable = fakeBinary(temp.resolve("variable"));
        Path explicit = fakeBinary(temp.resolve("explicit"));
        Executables executables = new Executables(Map.of("REDIS_SERVER", fromVariable.toString()), List.of());
        assertEquals(explicit, executables.locate("redis-server", "REDIS_SERVER", explicit));
    }

    @Test
    void variablePointingNowhereIsAnErrorRatherThanIgnored() throws IOException {
        fakeBinary(temp.resolve("bin"));
        Executables executables = new Executables(
                Map.of("PATH", temp.resolve("bin").toString(), "REDIS_SERVER", "/missing/redis-server"), List.of());
        RedisStartupException e = assertThrows(RedisStartupException.class,
                () -> executables.locate("redis-server", "REDIS_SERVER", null));
        assertTrue(e.getMessage().contains("REDIS_SERVER points at /missing/redis-server"), e.getMessage());
    }

    @Test
    void missingEverywhereSaysHowToInstall() {
        Executables executables = new Executables(Map.of("PATH", temp.toString()), List.of());
        RedisStartupException e = assertThrows(RedisStartupException.class,
                () -> executables.locate("redis-server", "REDIS_SERVER", null));
        assertTrue(e.getMessage().startsWith("redis-server was not found"), e.getMessage());
        assertTrue(e.getMessage().contains("sudo apt-get install redis-server"), e.getMessage());
        assertTrue(e.getMessage().contains("brew install redis"), e.getMessage());
        assertTrue(e.getMessage().contains("REDIS_SERVER"), e.getMessage());
    }

    @Test
    void nonExecutableFileIsSkipped() throws IOException {
        Path directory = Files.createDirectories(temp.resolve("plain"));
        Files.writeString(directory.resolve("redis-server"), "not a program");
        Executables executables = new Executables(Map.of("PATH", directory.toString()), List.of());
        assertThrows(RedisStartupException.class, () -> executables.locate("redis-server", "REDIS_SERVER", null));
    }

    private static Path fakeBinary(Path directory) throws IOException {
        Files.createDirectories(directory);
        Path binary = directory.resolve("redis-server");
        Files.writeString(binary, "#!/bin/sh\n");
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        return binary;
    }
}
