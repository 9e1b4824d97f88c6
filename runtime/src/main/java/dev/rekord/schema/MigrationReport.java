package dev.rekord.schema;

import java.time.Duration;
import java.util.List;

/**
 * What {@code Rekord.migrate()} did, per model.
 *
 * @param models one entry per registered model, sorted by key prefix
 * @param duration how long the whole migration took
 */
public record MigrationReport(List<ModelMigration> models, Duration duration) {

  public MigrationReport {
    models = List.copyOf(models);
  }

  /** What happened to one model's index. */
  public enum Outcome {
    /** There was no schema record: it was created (the index starts empty). */
    CREATED,
    /** The index matched the model's fingerprint: nothing to do. */
    VERIFIED,
    /** The index was built for another definition (or a rebuild was interrupted): rebuilt. */
    REBUILT
  }

  /**
   * @param model the model's name
   * @param keyPrefix the model's key prefix
   * @param outcome what was done
   * @param buckets the model's number of buckets
   * @param fingerprint the fingerprint the index now has
   * @param reindexed documents whose index entries were rewritten
   * @param undecodable documents skipped because they could not be decoded
   * @param undecodableKeys the keys of the first undecodable documents (at most ten)
   * @param duration how long this model took
   */
  public record ModelMigration(
      String model,
      String keyPrefix,
      Outcome outcome,
      int buckets,
      String fingerprint,
      long reindexed,
      long undecodable,
      List<String> undecodableKeys,
      Duration duration) {

    public ModelMigration {
      undecodableKeys = List.copyOf(undecodableKeys);
    }
  }

  /** The entry of the model with {@code keyPrefix}. */
  public ModelMigration model(String keyPrefix) {
    return models.stream().filter(m -> m.keyPrefix().equals(keyPrefix)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no model with prefix " + keyPrefix));
  }
}
