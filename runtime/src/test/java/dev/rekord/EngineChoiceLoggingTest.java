package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.internal.Engines;
import dev.rekord.model.Engine;
import dev.rekord.schema.MigrationListener;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The engine each model runs on is logged once, at its first use, with the reason, under the
 * logger docs/logging.md names; so are the search index's migration steps.
 */
@ExtendWith(RedisExtension.class)
class EngineChoiceLoggingTest {

  private static final String LOGGER = Engines.class.getName();

  @Test
  void autoWithoutTheModuleLogsThePortableEngineAndWhy(RedisServer server) {
    TestModel<String> model = TestModel.stringIds("chosen", Storage.HASH, Duration.ZERO);
    String log;
    try (Rekord rekord = Rekord.connect(server.url())) {
      log = Stderr.of(() -> {
        assertEquals(Engine.PORTABLE, rekord.engineOf(model));
        TestModel.repository(rekord, model).save(new Member("m1", "Oslo", 30, List.of()));
        TestModel.repository(rekord, model).save(new Member("m2", "Oslo", 30, List.of()));
      });
    }
    assertTrue(log.contains("INFO " + LOGGER + " - Rekord: Member (key prefix 'chosen') runs on the portable engine,"
        + " 1 bucket(s) (auto: the server has no Redis Query Engine)"), log);
    assertEquals(log.indexOf("runs on the"), log.lastIndexOf("runs on the"), "logged once: " + log);
  }

  @Test
  void autoWithTheModuleLogsTheSearchEngineAndItsIndex() {
    Path module = RedisModules.search().orElse(null);
    Assumptions.assumeTrue(module != null, RedisModules.searchMissingMessage());
    TestModel<String> model = TestModel.stringIds("chosen", Storage.HASH, Duration.ZERO);
    String log;
    try (RedisServer server = RedisServer.builder().module(module).start();
        Rekord rekord = Rekord.connect(server.url())) {
      log = Stderr.of(() -> RekordTesting.migrator(rekord).migrate(model, MigrationListener.NONE));
      assertEquals(Engine.SEARCH, rekord.engineOf(model));
    }
    assertTrue(log.contains("INFO " + LOGGER + " - Rekord: Member (key prefix 'chosen') runs on the search engine,"
        + " 1 bucket(s) (auto: the server has the Redis Query Engine)"), log);
    assertTrue(log.contains("INFO dev.rekord.internal.engine.search.SearchMigration - Rekord: building the search index"), log);
    assertTrue(log.contains("INFO dev.rekord.internal.engine.search.SearchMigration - Rekord: the search index of Member is"), log);
  }
}
