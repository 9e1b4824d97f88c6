package dev.rekord.internal;

import dev.rekord.changes.ChangeOptions;
import dev.rekord.model.Engine;
import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.portable.Feed;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.internal.engine.portable.PortableQueryEngine;
import dev.rekord.internal.engine.search.SearchQueryEngine;
import dev.rekord.internal.engine.search.SearchSupport;
import dev.rekord.internal.schema.SchemaStore;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.RekordModel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query engine of each model, made once per model and connection: the one place that decides
 * which engine runs a model ({@link Engine}: configured, or detected from the server and the
 * model's storage for {@link Engine#AUTO}; logged once per model) and with how many buckets (from
 * the model's schema record, created when missing). Thread-safe.
 */
public final class Engines {

  private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

  private final RedisConnection connection;
  private final SchemaStore schemas;
  private final Engine configured;
  private final Map<Class<?>, Engine> modelEngines;
  private final Map<Class<?>, ChangeOptions> changes;
  private final ConcurrentMap<RekordModel<?, ?>, QueryEngine<?>> engines = new ConcurrentHashMap<>();
  private volatile Boolean module;

  public Engines(RedisConnection connection, SchemaStore schemas) {
    this(connection, schemas, Engine.AUTO, Map.of());
  }

  /**
   * @param configured the engine of every model without one of its own
   * @param modelEngines the engines of particular models, by record type
   */
  public Engines(RedisConnection connection, SchemaStore schemas, Engine configured,
      Map<Class<?>, Engine> modelEngines) {
    this(connection, schemas, configured, modelEngines, Map.of());
  }

  /**
   * @param changes the change feeds of the models that have one, by record type (they run on the
   *     portable engine, which writes them)
   */
  public Engines(RedisConnection connection, SchemaStore schemas, Engine configured,
      Map<Class<?>, Engine> modelEngines, Map<Class<?>, ChangeOptions> changes) {
    this.changes = Map.copyOf(changes);
    this.connection = connection;
    this.schemas = schemas;
    this.configured = java.util.Objects.requireNonNull(configured, "engine");
    this.modelEngines = Map.copyOf(modelEngines);
  }

  /** The version of the portable index layout {@code model} is configured with ({@link SchemaStore#layoutVersion}). */
  public int layoutVersion(RekordModel<?, ?> model) {
    return schemas.layoutVersion(model);
  }

  /** The engine configured for {@code model}: its own, else the one for every model ({@link Engine#AUTO} unless set). */
  public Engine configured(RekordModel<?, ?> model) {
    return modelEngines.getOrDefault(model.type(), configured);
  }

  /**
   * Which engine runs {@code model}: the configured one, or for {@link Engine#AUTO} the search
   * engine when the server has the Redis Query Engine, is no cluster and the model is a hash.
   *
   * @throws IllegalStateException when {@link Engine#SEARCH} is configured and the model or the
   *     server cannot run on it (the message names the model and why)
   */
  public Engine engineOf(RekordModel<?, ?> model) {
    QueryEngine<?> engine = engines.get(model);
    if (engine != null) {
      return engine instanceof SearchQueryEngine<?> ? Engine.SEARCH : Engine.PORTABLE;
    }
    return choose(model);
  }

  private Engine choose(RekordModel<?, ?> model) {
    Engine configured = configured(model);
    if (configured == Engine.PORTABLE) {
      return Engine.PORTABLE;
    }
    String portableOnly = portableOnly(model);
    if (portableOnly != null) {
      if (configured == Engine.SEARCH) {
        throw new IllegalStateException("Rekord is configured with Engine.SEARCH, but " + model.name() + " has "
            + portableOnly + ", which only the portable engine supports; run it on Engine.PORTABLE or Engine.AUTO");
      }
      return Engine.PORTABLE;
    }
    String obstacle = SearchSupport.obstacle(model, hasModule());
    if (configured == Engine.SEARCH && obstacle != null) {
      throw new IllegalStateException("Rekord is configured with Engine.SEARCH, but " + obstacle);
    }
    return obstacle == null ? Engine.SEARCH : Engine.PORTABLE;
  }

  /**
   * What keeps {@code model} on the portable engine (a change feed, which only it writes; the
   * compact index layout, which only it keeps), or null.
   */
  private String portableOnly(RekordModel<?, ?> model) {
    if (changes.containsKey(model.type())) {
      return "a change feed (Rekord.Builder.changes)";
    }
    return schemas.compact(model) ? "the compact index layout (Rekord.Builder.indexLayout)" : null;
  }

  private boolean hasModule() {
    Boolean known = module;
    if (known == null) {
      known = SearchSupport.hasModule(connection);
      module = known;
    }
    return known;
  }

  /** The engine of {@code model}. */
  @SuppressWarnings("unchecked") // keyed by the model (by identity): its engine is of its record type
  public <T> QueryEngine<T> of(RekordModel<T, ?> model) {
    QueryEngine<?> engine = engines.get(model);
    if (engine == null) {
      int buckets = schemas.get(model).buckets();
      Engine chosen = choose(model);
      engine = engines.computeIfAbsent(model, m -> {
        LOG.info("Rekord: {} (key prefix '{}') runs on the {} engine, {} bucket(s) ({})", model.name(),
            model.keyPrefix(), nameOf(chosen), buckets, reason(model, chosen));
        return chosen == Engine.SEARCH
            ? new SearchQueryEngine<>(connection, model, DocumentStorage.of(model), buckets)
            : new PortableQueryEngine<>(connection, model, DocumentStorage.of(model),
                KeyLayout.of(model.keyPrefix(), buckets, schemas.compact(model)),
                Feed.of(changes.get(model.type()), model.keyPrefix()));
      });
    }
    return (QueryEngine<T>) engine;
  }

  /** Why {@code model} runs on {@code chosen}, for the log. */
  private String reason(RekordModel<?, ?> model, Engine chosen) {
    if (configured(model) != Engine.AUTO) {
      return "configured";
    }
    String portableOnly = portableOnly(model);
    if (portableOnly != null) {
      return "auto: it has " + portableOnly;
    }
    return chosen == Engine.SEARCH ? "auto: the server has the Redis Query Engine"
        : "auto: " + (hasModule() ? SearchSupport.obstacle(model, true)
            : "the server has no Redis Query Engine");
  }

  /**
   * The name of the engine that runs (or will run) {@code model}, without making it (no schema
   * record is read or created): for health reports and logs.
   */
  public String engineName(RekordModel<?, ?> model) {
    try {
      return nameOf(engineOf(model));
    } catch (IllegalStateException e) {
      return "none (" + e.getMessage() + ")";
    }
  }

  /** {@code portable} or {@code search}, as logs and health reports show an engine. */
  private static String nameOf(Engine engine) {
    return engine.name().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * The engine of {@code model} for a query: checks first that the model's index matches its
   * definition when {@code usesIndexFields} (a condition or a sort names indexed fields).
   *
   * @throws dev.rekord.exception.SchemaMismatchException when it does not
   */
  public <T> QueryEngine<T> forQuery(RekordModel<T, ?> model, boolean usesIndexFields) {
    QueryEngine<T> engine = of(model);
    if (usesIndexFields && !(engine instanceof SearchQueryEngine<?>)) {
      // the search engine's alias always names a complete index: queries run through a rebuild
      schemas.requireQueryable(model);
    }
    return engine;
  }

  /** Forgets the cached schema records and engines (as a new process would start). */
  public void invalidate() {
    schemas.invalidate();
    engines.clear();
    module = null;
  }

  /** The schema records the engines are made from. */
  public SchemaStore schemas() {
    return schemas;
  }
}
