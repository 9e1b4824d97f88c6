package com.example.boot;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;

@ExtendWith(RedisExtension.class)
class PinnedJedisTest {

    /** ConsumerProjectsTest reads the root cause's message from target/jedis-message.txt and checks it. */
    @Test
    void startUpFailsNamingTheProperty(RedisServer redis) throws IOException {
        Throwable failure = assertThrows(Exception.class,
                () -> SpringApplication.run(LibraryApplication.class, "--rekord.url=" + redis.url()));
        while (failure.getCause() != null) {
            failure = failure.getCause();
        }
        Files.writeString(Path.of("target/jedis-message.txt"), failure.getClass().getName() + ": " + failure.getMessage());
    }
}
