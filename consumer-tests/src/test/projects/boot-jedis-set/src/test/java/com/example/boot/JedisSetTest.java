package com.example.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

@ExtendWith(RedisExtension.class)
class JedisSetTest {

    @Test
    void startsWithTheRepositoryInjected(RedisServer redis) {
        try (ConfigurableApplicationContext context =
                SpringApplication.run(LibraryApplication.class, "--rekord.url=" + redis.url())) {
            BookRepository books = context.getBean(BookRepository.class);
            Book saved = books.save(new Book(null, "Le Guin", "The Dispossessed"));
            assertEquals(saved, books.findById(saved.id()).orElseThrow());
        }
    }
}
