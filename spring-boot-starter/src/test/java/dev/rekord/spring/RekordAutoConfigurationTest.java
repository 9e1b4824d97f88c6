package dev.rekord.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.spring.app.Book;
import dev.rekord.spring.app.BookRepository;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configuration against a real redis-server. */
class RekordAutoConfigurationTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(RekordAutoConfiguration.class));

  @Test
  void connectsRegistersEveryRepositoryAndMigrates() {
    runner.withPropertyValues("rekord.url=" + redis.server().url()).run(context -> {
      assertNull(context.getStartupFailure());
      BookRepository books = context.getBean(BookRepository.class);
      assertSame(context.getBean(Rekord.class), context.getBean(Rekord.class));
      assertTrue(context.containsBean("bookRepository"));
      Book saved = books.save(new Book(null, "Le Guin", "The Dispossessed"));
      assertEquals(saved, books.findById(saved.id()).orElseThrow());
      assertEquals("ready", redis.server().command("HGET", "rekord:schema:book", "state").toString());
    });
  }

  @Test
  void migrationsAtStartUpCanBeSwitchedOff() {
    runner.withPropertyValues("rekord.url=" + redis.server().url(), "rekord.migrate-on-startup=false").run(context -> {
      assertNull(context.getStartupFailure());
      assertEquals(0L, redis.server().command("EXISTS", "rekord:schema:book"));
    });
  }

  @Test
  void repositoriesCanBeLeftUnregistered() {
    runner.withPropertyValues("rekord.url=" + redis.server().url(), "rekord.register-repositories=false")
        .run(context -> assertFalse(context.containsBean("bookRepository")));
  }

  @Test
  void reusesSpringDataRedisProperties() {
    RedisServer server = redis.server();
    runner.withPropertyValues("spring.data.redis.host=" + server.host(), "spring.data.redis.port=" + server.port(),
        "spring.data.redis.client-name=from-spring-data").run(context -> {
          assertNull(context.getStartupFailure());
          context.getBean(BookRepository.class).save(new Book("b1", "Banks", "Excession"));
          assertTrue(server.command("CLIENT", "LIST").toString().contains("name=from-spring-data"));
        });
  }

  @Test
  void anApplicationsOwnRekordWins() {
    try (Rekord own = Rekord.connect(redis.server().url())) {
      runner.withBean(Rekord.class, () -> own).run(context -> {
        assertSame(own, context.getBean(Rekord.class));
        assertNotNull(context.getBean(BookRepository.class));
      });
    }
  }

  @Test
  void theHealthIndicatorIsUpThenDownWhenTheServerStops() {
    RedisServer own = RedisServer.start();
    try {
      runner.withPropertyValues("rekord.url=" + own.url()).run(context -> {
        RekordHealthIndicator indicator = context.getBean(RekordHealthIndicator.class);
        Health up = indicator.health(true);
        assertEquals(Status.UP, up.getStatus());
        assertEquals("standalone", up.getDetails().get("mode"));
        assertNotNull(up.getDetails().get("models"));

        own.close();
        Health down = indicator.health(true);
        assertEquals(Status.DOWN, down.getStatus());
        assertNotNull(down.getDetails().get("error"));
      });
    } finally {
      own.close();
    }
  }

  @Test
  void aStaleIndexIsDegraded() {
    runner.withPropertyValues("rekord.url=" + redis.server().url()).run(context -> {
      redis.server().command("HSET", "rekord:schema:book", "fingerprint", "0000stale");
      Health health = context.getBean(RekordHealthIndicator.class).health(true);
      assertEquals(RekordHealthIndicator.DEGRADED, health.getStatus().getCode());
    });
  }

  @Test
  void metricsGoToTheApplicationsMeterRegistry() {
    runner.withPropertyValues("rekord.url=" + redis.server().url())
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
          context.getBean(BookRepository.class).save(new Book("b1", "Banks", "Excession"));
          MeterRegistry meters = context.getBean(MeterRegistry.class);
          assertNotNull(meters.find("rekord.calls").tag("model", "Book").tag("operation", "save").timer(),
              () -> ((SimpleMeterRegistry) meters).getMetersAsString());
          assertNotNull(meters.find("rekord.pool.max").gauge());
        });
  }
}
