package com.example.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@Order(1)
@ExtendWith(RedisExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PerClassServerTest {

    @Test
    @Order(1)
    void injectsARunningServer(RedisServer redis) {
        Seen.recordJUnitVersion();
        Seen.perClass = redis;
        assertEquals("PONG", redis.command("PING"));
        redis.command("SET", "left-by", "first test");
    }

    @Test
    @Order(2)
    void flushesBeforeEachTestAndKeepsTheServer(RedisServer redis) {
        assertSame(Seen.perClass, redis);
        assertEquals(0L, redis.command("EXISTS", "left-by"));
    }

    @Nested
    class Inner {
        @Test
        void usesTheOuterClassServer(RedisServer redis) {
            assertSame(Seen.perClass, redis);
        }
    }
}
