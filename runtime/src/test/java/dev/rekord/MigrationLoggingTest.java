package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.schema.MigrationListener;
import dev.rekord.internal.SchemaMigrator;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Migrations say what they did through SLF4J, under the logger and at the level docs/logging.md
 * names. The tests' provider is slf4j-simple, which writes to the current {@code System.err}.
 */
@ExtendWith(RedisExtension.class)
class MigrationLoggingTest {

  private static final String LOGGER = SchemaMigrator.class.getName();

  @Test
  void creatingAndRebuildingAnIndexLogAtInfo(RedisServer server) {
    TestModel<String> v1 = TestModel.stringIds("logged", Storage.HASH, Duration.ZERO);
    TestModel<String> v2 = v1.withTagsIndexed();
    String log;
    try (Rekord rekord = Rekord.connect(server.url())) {
      log = Stderr.of(() -> {
        RekordTesting.migrator(rekord).migrate(v1, MigrationListener.NONE);
        TestModel.repository(rekord, v1).save(new Member("m1", "Oslo", 30, List.of("red")));
        RekordTesting.invalidate(rekord); // as a new process with the changed model would
        RekordTesting.migrator(rekord).migrate(v2, MigrationListener.NONE);
      });
    }
    assertTrue(log.contains("INFO " + LOGGER + " - Rekord: created the index of "), log);
    assertTrue(log.contains("INFO " + LOGGER + " - Rekord: rebuilding the index of "), log);
    assertTrue(log.contains("INFO " + LOGGER + " - Rekord: rebuilt the index of "), log);
    assertTrue(log.contains("1 document(s) reindexed"), log);
  }
}
