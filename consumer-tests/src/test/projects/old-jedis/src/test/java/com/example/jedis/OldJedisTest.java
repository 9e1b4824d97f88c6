package com.example.jedis;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.Rekord;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class OldJedisTest {

    /** ConsumerProjectsTest reads the message from target/jedis-message.txt and checks it. */
    @Test
    void connectRefusesJedis6(RedisServer redis) throws IOException {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Rekord.connect(redis.url()));
        Files.writeString(Path.of("target/jedis-message.txt"), refused.getMessage());
    }
}
