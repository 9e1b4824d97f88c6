package dev.rekord.it;

import static dev.rekord.it.RecordAssertions.assertSameComponents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rekord.Rekord;
import dev.rekord.it.model.AllTypesHash;
import dev.rekord.it.model.AllTypesHashRepository;
import dev.rekord.it.model.AllTypesJson;
import dev.rekord.it.model.AllTypesJsonRepository;
import dev.rekord.BatchRead;
import dev.rekord.test.RedisExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Breadth: a few hundred seeded random documents per storage, written with saveAll and read back
 * with findAllById and findById. Run with {@code -Drekord.seed=<n>} to replay a failure.
 */
class RandomRoundTripTest {

  private static final int DOCUMENTS = 300;
  private static final long SEED = Long.getLong("rekord.seed", 20_240_229L);

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private Rekord rekord;

  @BeforeEach
  void connect() {
    rekord = Rekord.connect(redis.server().url());
  }

  @AfterEach
  void disconnect() {
    rekord.close();
  }

  @Test
  void hashDocuments() {
    RandomValues random = new RandomValues(SEED);
    List<AllTypesHash> documents = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      documents.add(random.next().toHash("random-" + i));
    }
    AllTypesHashRepository repository = new AllTypesHashRepository(rekord);
    repository.saveAll(documents);

    BatchRead<String, AllTypesHash> read =
        repository.findAllById(documents.stream().map(AllTypesHash::id).toList());

    assertReadAll(documents, read.values(), read.hasFailures(), read.failures().toString());
    for (AllTypesHash document : documents) {
      assertSameComponents(document, repository.findById(document.id()).orElseThrow());
    }
  }

  @Test
  void jsonDocuments() {
    RandomValues random = new RandomValues(SEED);
    List<AllTypesJson> documents = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      documents.add(random.next().toJson(new UUID(0x7000L, i)));
    }
    AllTypesJsonRepository repository = new AllTypesJsonRepository(rekord);
    repository.saveAll(documents);

    BatchRead<UUID, AllTypesJson> read =
        repository.findAllById(documents.stream().map(AllTypesJson::id).toList());

    assertReadAll(documents, read.values(), read.hasFailures(), read.failures().toString());
    for (AllTypesJson document : documents) {
      assertSameComponents(document, repository.findById(document.id()).orElseThrow());
    }
  }

  private static void assertReadAll(
      List<? extends Record> saved, List<? extends Record> read, boolean failed, String failures) {
    assertFalse(failed, () -> "seed " + SEED + ": " + failures);
    assertEquals(saved.size(), read.size(), "seed " + SEED);
    for (int i = 0; i < saved.size(); i++) {
      assertSameComponents(saved.get(i), read.get(i));
    }
  }
}
