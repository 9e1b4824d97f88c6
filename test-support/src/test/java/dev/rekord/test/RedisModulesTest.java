package dev.rekord.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class RedisModulesTest {

    @Test
    void aServerLoadsTheSearchModuleItIsGiven() {
        Path module = RedisModules.search().orElse(null);
        Assumptions.assumeTrue(module != null, RedisModules.searchMissingMessage());
        try (RedisServer server = RedisServer.builder().module(module).start()) {
            Object modules = server.call("MODULE", "LIST");
            assertTrue(String.valueOf(modules).contains("search"), String.valueOf(modules));
            assertEquals(List.of(), server.call("FT._LIST"));
        }
    }

    @Test
    void aSearchServerHasTheModuleAndTheArgumentsItIsGiven() {
        try (RedisServer server = RedisModules.startSearchServer("--enable-debug-command", "yes")) {
            assertTrue(String.valueOf(server.call("MODULE", "LIST")).contains("search"));
            assertEquals(List.of("enable-debug-command", "yes"), server.call("CONFIG", "GET", "enable-debug-command"));
        }
    }

    @Test
    void aMissingModuleFileIsRefusedBeforeAnyServerStarts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RedisServer.builder().module(Path.of("no-such-dir", "module.so")));
        assertTrue(e.getMessage().contains("no-such-dir"), e.getMessage());
    }
}
