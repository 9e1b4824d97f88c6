package dev.rekord.internal;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.portable.PortableQueryEngine;
import dev.rekord.internal.schema.SchemaStore;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.RekordModel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query engine of each model, made once per model and connection: the one place that decides
 * which engine runs a model (today always the portable engine) and with how many buckets (from the
 * model's schema record, created when missing). Thread-safe.
 */
public final class Engines {

  /** The name of the portable engine, as health reports and logs show it. */
  public static final String PORTABLE = "portable";

  private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

  private final RedisConnection connection;
  private final SchemaStore schemas;
  private final ConcurrentMap<RekordModel<?, ?>, QueryEngine<?>> engines = new ConcurrentHashMap<>();

  public Engines(RedisConnection connection, SchemaStore schemas) {
    this.connection = connection;
    this.schemas = schemas;
  }

  /** The engine of {@code model}. */
  @SuppressWarnings("unchecked") // keyed by the model (by identity): its engine is of its record type
  public <T> QueryEngine<T> of(RekordModel<T, ?> model) {
    QueryEngine<?> engine = engines.get(model);
    if (engine == null) {
      int buckets = schemas.get(model).buckets();
      engine = engines.computeIfAbsent(model, m -> {
        LOG.info("Rekord: {} (key prefix '{}') runs on the {} engine, {} bucket(s)", model.name(), model.keyPrefix(),
            PORTABLE, buckets);
        return new PortableQueryEngine<>(connection, model, DocumentStorage.of(model), buckets);
      });
    }
    return (QueryEngine<T>) engine;
  }

  /**
   * The name of the engine that runs (or will run) {@code model}, without making it (no schema
   * record is read or created): for health reports and logs.
   */
  public String engineName(RekordModel<?, ?> model) {
    return PORTABLE;
  }

  /**
   * The engine of {@code model} for a query: checks first that the model's index matches its
   * definition when {@code usesIndexFields} (a condition or a sort names indexed fields).
   *
   * @throws dev.rekord.exception.SchemaMismatchException when it does not
   */
  public <T> QueryEngine<T> forQuery(RekordModel<T, ?> model, boolean usesIndexFields) {
    if (usesIndexFields) {
      schemas.requireQueryable(model);
    }
    return of(model);
  }

  /** Forgets the cached schema records and engines (as a new process would start). */
  public void invalidate() {
    schemas.invalidate();
    engines.clear();
  }

  /** The schema records the engines are made from. */
  public SchemaStore schemas() {
    return schemas;
  }
}
