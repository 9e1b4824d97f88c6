package dev.rekord.internal;

import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.search.SearchQueryEngine;
import dev.rekord.internal.schema.SchemaRecord;
import dev.rekord.internal.schema.SchemaStore;
import dev.rekord.model.RekordModel;
import dev.rekord.schema.MigrationListener;
import dev.rekord.schema.MigrationReport;
import dev.rekord.schema.MigrationReport.ModelMigration;
import dev.rekord.schema.MigrationReport.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the index of every model in line with its generated definition ({@code
 * Rekord.migrate()}): creates missing schema records, verifies fingerprints and has the model's
 * query engine rebuild an index whose definition changed ({@link QueryEngine#rebuild}).
 *
 * <p><b>Rebuild.</b> The record is marked {@code building} with the {@code target} fingerprint,
 * the engine rebuilds, then the record becomes {@code ready} with the new fingerprint. Every step is idempotent: an interrupted rebuild (state
 * {@code building}) is simply run again by the next {@code migrate()}. Reads by id keep working
 * throughout; queries fail with {@link dev.rekord.exception.SchemaMismatchException} until it is done.
 * A document that cannot be decoded is skipped and reported, and keeps its old entries.
 *
 * <p>A model on the search engine migrates its own index ({@link SearchQueryEngine#migrate}: behind
 * an alias, queries keep working); its schema record keeps only the bucket count, and its
 * fingerprint becomes {@value #SEARCH_ENGINE}, so the portable index, no longer kept, is rebuilt
 * should the model run on the portable engine again.
 */
public final class SchemaMigrator {

  /** The fingerprint of a schema record while the model runs on the search engine: no portable index is kept. */
  static final String SEARCH_ENGINE = "search-engine";

  private static final QueryEngine.Rebuild NOTHING = new QueryEngine.Rebuild(0, 0, List.of());

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

  private final Engines engines;
  private final SchemaStore store;

  public SchemaMigrator(Engines engines) {
    this.engines = engines;
    this.store = engines.schemas();
  }

  /** Migrates every model in {@code models}. */
  public MigrationReport migrate(List<RekordModel<?, ?>> models, MigrationListener listener) {
    long started = System.nanoTime();
    List<ModelMigration> results = new ArrayList<>();
    for (RekordModel<?, ?> model : models) {
      results.add(migrate(model, listener));
    }
    return new MigrationReport(results, Duration.ofNanos(System.nanoTime() - started));
  }

  /** Migrates one model. */
  public <T> ModelMigration migrate(RekordModel<T, ?> model, MigrationListener listener) {
    long started = System.nanoTime();
    String fingerprint = model.index().fingerprint();
    SchemaStore.Ensured ensured = store.ensure(model);
    SchemaRecord record = ensured.record();
    if (engines.of(model) instanceof SearchQueryEngine<T> search) {
      ModelMigration migrated = search.migrate(listener, record.buckets());
      if (!record.fingerprint().equals(SEARCH_ENGINE)) {
        // the portable index is no longer kept: should the model run on it again, it is rebuilt first
        store.update(model, Map.of("fingerprint", SEARCH_ENGINE, "updated", Instant.now().toString()), List.of());
      }
      return migrated;
    }
    if (ensured.created()) {
      LOG.info("Rekord: created the index of {} (prefix '{}', {} bucket(s), fingerprint {})",
          model.name(), model.keyPrefix(), record.buckets(), fingerprint);
      return result(model, Outcome.CREATED, record, NOTHING, started);
    }
    int layout = store.layoutVersion(model);
    if (record.servesFingerprint(fingerprint, layout)) {
      LOG.debug("Rekord: the index of {} is up to date (fingerprint {})", model.name(), fingerprint);
      return result(model, Outcome.VERIFIED, record, NOTHING, started);
    }
    LOG.info("Rekord: rebuilding the index of {} (prefix '{}'): fingerprint {} -> {}, layout {} -> {}{}",
        model.name(), model.keyPrefix(), record.fingerprint(), fingerprint, record.layout(), layout,
        record.state() == SchemaRecord.State.BUILDING ? " (resuming an unfinished rebuild)" : "");
    store.update(model, Map.of("state", SchemaRecord.State.BUILDING.text(), "target", fingerprint,
        "updated", Instant.now().toString()), List.of());
    QueryEngine.Rebuild rebuild = engines.of(model).rebuild(listener);
    SchemaRecord done = store.update(model, Map.of("fingerprint", fingerprint,
        "state", SchemaRecord.State.READY.text(), "definition", SchemaRecord.describe(model.index()),
        "updated", Instant.now().toString(), "layout", Integer.toString(layout)),
        List.of("target"));
    ModelMigration result = result(model, Outcome.REBUILT, done, rebuild, started);
    LOG.info("Rekord: rebuilt the index of {}: {} document(s) reindexed, {} undecodable{} in {} ms",
        model.name(), rebuild.reindexed(), rebuild.undecodable(),
        rebuild.undecodableKeys().isEmpty() ? "" : " (first: " + rebuild.undecodableKeys() + ")",
        result.duration().toMillis());
    return result;
  }

  private static ModelMigration result(RekordModel<?, ?> model, Outcome outcome, SchemaRecord record,
      QueryEngine.Rebuild rebuild, long started) {
    return new ModelMigration(model.name(), model.keyPrefix(), outcome, record.buckets(),
        record.fingerprint(), rebuild.reindexed(), rebuild.undecodable(), rebuild.undecodableKeys(),
        Duration.ofNanos(System.nanoTime() - started));
  }
}
