package dev.rekord.internal;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.portable.PortableQueryEngine;
import dev.rekord.internal.schema.SchemaStore;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.RekordModel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The query engine of each model, made once per model and connection: the one place that decides
 * which engine runs a model (today always the portable engine) and with how many buckets (from the
 * model's schema record, created when missing). Thread-safe.
 */
public final class Engines {

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
      engine = engines.computeIfAbsent(model,
          m -> new PortableQueryEngine<>(connection, model, DocumentStorage.of(model), buckets));
    }
    return (QueryEngine<T>) engine;
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
