package dev.rekord.schema;

/** Hears how a rebuild of a model's index is going ({@code Rekord.migrate(listener)}). */
@FunctionalInterface
public interface MigrationListener {

  /** Does nothing. */
  MigrationListener NONE = (model, done, total) -> {};

  /**
   * Called after every batch of a rebuild, and once when it finishes.
   *
   * @param model the model's name ({@code Member})
   * @param done documents reindexed so far
   * @param total the documents expected: the ids in the index when the rebuild started (at least
   *     {@code done}), so an estimate until the end
   */
  void progress(String model, long done, long total);
}
