package dev.rekord.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.spring.app.BookShelf;
import dev.rekord.spring.app.LibraryApplication;
import dev.rekord.test.RedisExtension;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

/** A real {@code @SpringBootApplication} against a real redis-server. */
class SpringApplicationTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  @Test
  void theApplicationStartsWithItsRepositoryInjectedAndTheModelsMigrated() {
    SpringApplication application = new SpringApplication(LibraryApplication.class);
    application.setWebApplicationType(WebApplicationType.NONE);
    try (ConfigurableApplicationContext context = application.run("--rekord.url=" + redis.server().url())) {
      BookShelf shelf = context.getBean(BookShelf.class);
      shelf.shelve("Le Guin", "The Dispossessed");
      shelf.shelve("Le Guin", "The Lathe of Heaven");
      shelf.shelve("Banks", "Excession");

      assertEquals(List.of("The Dispossessed", "The Lathe of Heaven"),
          shelf.by("Le Guin").stream().map(book -> book.title()).sorted().toList());
      assertEquals("ready", redis.server().command("HGET", "rekord:schema:book", "state").toString());
      Rekord rekord = context.getBean(Rekord.class);
      assertTrue(rekord.health().model("Book").schema().usable());
    }
  }
}
