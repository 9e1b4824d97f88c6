package com.example.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rekord.test.RedisExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@Order(2)
class SharedServerTest {

    @RegisterExtension
    static RedisExtension redis = RedisExtension.shared();

    @Test
    void thePreviousClassServerWasStoppedAfterItsClass() {
        assertFalse(Seen.perClass.isRunning(), Seen.perClass + " outlived its test class");
    }

    @Test
    void getsASharedServer() {
        Seen.shared = redis.server();
        assertEquals("PONG", redis.server().command("PING"));
    }
}
