package dev.rekord;

import dev.rekord.internal.connection.ConnectionSettings;
import dev.rekord.internal.connection.Connections;
import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.connection.RedisNode;
import dev.rekord.internal.connection.RedisUrl;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.internal.connection.JedisRequirement;
import dev.rekord.internal.schema.ModelRegistry;
import dev.rekord.changes.ChangeOptions;
import dev.rekord.model.Engine;
import dev.rekord.model.IndexLayout;
import dev.rekord.model.RekordModel;
import dev.rekord.schema.MigrationListener;
import dev.rekord.schema.MigrationReport;
import dev.rekord.internal.Engines;
import dev.rekord.internal.SchemaMigrator;
import dev.rekord.internal.schema.SchemaStore;
import dev.rekord.internal.connection.TlsOptions;
import dev.rekord.cache.Cache;
import dev.rekord.config.ConfigStore;
import dev.rekord.cache.CacheOptions;
import dev.rekord.ratelimit.RateLimiters;
import dev.rekord.values.Namespace;
import dev.rekord.values.ValueMapper;
import dev.rekord.values.Values;
import dev.rekord.health.HealthReport;
import dev.rekord.internal.HealthCheck;
import dev.rekord.internal.async.AsyncRunner;
import dev.rekord.internal.async.AsyncRunners;
import dev.rekord.internal.connection.ConfiguredConnection;
import dev.rekord.internal.connection.Attempts;
import java.util.function.Supplier;
import dev.rekord.internal.instrument.InstrumentedConnection;
import dev.rekord.internal.instrument.Instrumentation;
import dev.rekord.internal.instrument.MicrometerInstrumentation;
import dev.rekord.internal.instrument.ModelNames;
import dev.rekord.schema.MigrationReport.ModelMigration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;

/**
 * The entry point: a connection to Redis and the models compiled into the application. With the
 * model {@code @RedisModel record Member(@Id String id, String name, @Indexed String city,
 * @Indexed LocalDate joinDate)} and the {@code MemberRepository} generated for it:
 *
 * <pre>{@code
 * try (Rekord rekord = Rekord.connect("redis://localhost:6379")) {
 *   MemberRepository members = new MemberRepository(rekord);
 *   members.save(new Member(null, "Ada", "Oslo", LocalDate.of(2024, 5, 1)));
 * }
 * }</pre>
 */
public final class Rekord implements AutoCloseable {

  private final RedisConnection connection;
  private final Engines engines;
  private final Namespace namespace;
  private volatile Values values;
  private ConfigStore config;
  /** One cache per name and options, so the threads of this process share its single-flight. */
  private final ConcurrentMap<CacheOptions, ConcurrentMap<String, Cache>> caches =
      new ConcurrentHashMap<>();
  private final Instrumentation instrumentation;
  private final ModelNames modelNames;
  private final Executor asyncExecutor;
  private final int maxInFlight;
  private volatile AsyncRunner async;
  /** Set by {@link #close()}: no async runner is made after it (its threads would outlive Rekord). */
  private boolean closed;

  /** A Rekord on {@code connection} with the settings of {@code options} other than the connection's. */
  private Rekord(RedisConnection connection, Builder options) {
    this.instrumentation = options.instrumentation();
    this.modelNames = new ModelNames(instrumentation.enabled() ? models() : List.of());
    this.connection = instrumentation.enabled() ? instrumented(connection) : connection;
    this.engines = new Engines(this.connection,
        new SchemaStore(this.connection, options.buckets, options.indexLayout, options.indexLayouts),
        options.engine, options.modelEngines, options.changes);
    this.namespace = options.namespace;
    this.asyncExecutor = options.asyncExecutor;
    this.maxInFlight = options.maxInFlight;
    AsyncRunners.bind(this.connection, this::async); // the toolkit's async views share the runner
  }

  /** {@code raw}, reporting its round trips, retries and pools to the instrumentation. */
  private RedisConnection instrumented(RedisConnection raw) {
    if (raw.isWrapperFor(ConfiguredConnection.class)) {
      ConfiguredConnection configured = raw.unwrap(ConfiguredConnection.class);
      configured.onRetry(instrumentation::retried);
      instrumentation.pools(configured::poolStats);
    }
    return new InstrumentedConnection(raw, instrumentation, modelNames);
  }

  /**
   * Connects to {@code redis://[user:password@]host:port[/database]} or {@code rediss://…} (TLS).
   */
  public static Rekord connect(String url) {
    return builder().url(url).build();
  }

  /**
   * Wraps an existing connection with default settings; {@code Rekord.builder()…build(connection)}
   * adds metrics, an engine, buckets or an async executor.
   */
  public static Rekord using(RedisConnection connection) {
    return builder().build(connection);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The connection repositories use, for Redis commands of your own: {@link
   * RedisConnection#execute} with Rekord's retries and exceptions, or {@link
   * RedisConnection#unwrap} for the Jedis client underneath.
   */
  public RedisConnection connection() {
    return connection;
  }

  /** Every model compiled into the application (found through generated registrations). */
  public List<RekordModel<?, ?>> models() {
    return ModelRegistry.load(Thread.currentThread().getContextClassLoader());
  }

  /**
   * The engine that runs {@code model}'s index and queries: {@link Engine#PORTABLE} or {@link
   * Engine#SEARCH}, as configured ({@link Builder#engine}) or, for {@link Engine#AUTO}, detected
   * from the server and the model's storage.
   *
   * @throws IllegalStateException when {@link Engine#SEARCH} is configured but the model or the
   *     server cannot run on it (the message names the model and why)
   */
  public Engine engineOf(RekordModel<?, ?> model) {
    return engines.engineOf(model);
  }

  /** The query engine of each model, with the schema records they are made from. */
  Engines engines() {
    return engines;
  }

  /** A repository of {@code model} was made: its keys are named after it in metrics. */
  void track(RekordModel<?, ?> model) {
    if (instrumentation.enabled()) {
      modelNames.add(model);
    }
  }

  /** Where repositories report their operations ({@link Instrumentation#NONE} without metrics). */
  Instrumentation instrumentation() {
    return instrumentation;
  }

  /** Runs the async views of repositories; made on first use. */
  AsyncRunner async() {
    AsyncRunner runner = async;
    if (runner == null) {
      synchronized (this) {
        if (closed) {
          throw new IllegalStateException("Rekord is closed: no async operation can start");
        }
        runner = async;
        if (runner == null) {
          runner = AsyncRunner.create(asyncExecutor, maxInFlight, instrumentation);
          instrumentation.inFlight(runner::inFlight);
          async = runner;
        }
      }
    }
    return runner;
  }

  /**
   * Checks Redis and every registered model ({@link #models()}): whether Redis answers and how
   * fast, its version and mode, on a cluster its state and how many primaries answered, and for
   * each model its engine and whether its index serves its definition (a stale index is {@link
   * HealthReport.Status#DEGRADED}, not hidden). One {@code PING} per primary with no retries, and one read
   * per model; never throws, never writes. See {@code docs/observability.md}.
   */
  public HealthReport health() {
    return HealthCheck.run(connection, engines, models());
  }

  /** {@link #migrate(MigrationListener)} without a listener. */
  public MigrationReport migrate() {
    return migrate(MigrationListener.NONE);
  }

  /**
   * Brings the index of every registered model ({@link #models()}) in line with its definition:
   * creates the schema record of a new model, verifies the fingerprint of a known one, and
   * rebuilds the index of a model whose definition changed, reporting progress to {@code
   * listener}. Safe to interrupt and run again; reads by id work throughout.
   */
  public MigrationReport migrate(MigrationListener listener) {
    MigrationReport report = new SchemaMigrator(engines).migrate(models(), instrumentation.migration(listener));
    for (ModelMigration model : report.models()) {
      instrumentation.migrated(model.model(), model.outcome().name().toLowerCase(Locale.ROOT), model.reindexed());
    }
    return report;
  }

  /**
   * Typed values at keys of your choosing ({@code GET}/{@code SET} with expiries, batches, key
   * listing, temporary keys), in the builder's {@link Builder#namespace namespace}. See {@code
   * docs/toolkit.md}.
   */
  public Values values() {
    Values made = values;
    if (made == null) {
      synchronized (this) {
        if (values == null) {
          values = Values.using(connection, namespace, ValueMapper.create());
        }
        made = values;
      }
    }
    return made;
  }

  /**
   * The cache-aside cache {@code name} ({@code getOrCompute} with single-flight across threads and
   * processes, invalidation of keys and of the whole cache), with default {@link CacheOptions}.
   */
  public Cache cache(String name) {
    return cache(name, CacheOptions.DEFAULT);
  }

  /**
   * The cache {@code name} with {@code options}; the same instance for the same name and options
   * (equal options: the same {@code cacheIf} predicate instance).
   */
  public Cache cache(String name, CacheOptions options) {
    return caches.computeIfAbsent(options, o -> new ConcurrentHashMap<>())
        .computeIfAbsent(name, n -> new Cache(values(), n, options));
  }

  /** Rate limiters whose counters live in the builder's namespace. See {@code docs/toolkit.md}. */
  public RateLimiters rateLimiters() {
    return new RateLimiters(values());
  }

  /**
   * Runs an idempotent operation of your own, retrying it under {@code policy} when it fails for a
   * transient reason, as Rekord retries its own calls: a Jedis connection error or timeout, a
   * cluster refusal ({@code CLUSTERDOWN}, {@code TRYAGAIN}, …), or a {@link
   * dev.rekord.exception.RekordConnectionException} that one caused. Anything else is thrown at
   * once. When the attempts or the deadline run out it throws a {@link
   * dev.rekord.exception.RekordConnectionException} naming the attempts and the time taken, and
   * logs as the connection's retries do. Only for operations that may safely run twice; a Rekord
   * call is retried by its connection already, so wrapping one multiplies the attempts. See
   * {@code docs/toolkit.md}.
   */
  public static <T> T retrying(RetryPolicy policy, Supplier<T> operation) {
    return Attempts.run(Objects.requireNonNull(policy, "policy"), Objects.requireNonNull(operation, "operation"));
  }

  /**
   * The configuration store (versioned values, history, watches that poll every second; ten
   * versions of history per key), closed with this {@code Rekord}.
   */
  public synchronized ConfigStore config() {
    if (config == null) {
      config = new ConfigStore(values(), Duration.ofSeconds(1), 10);
    }
    return config;
  }

  /**
   * Closes the connection pool, after the async operations that are running have finished (the
   * executor Rekord made for them is shut down; one passed to {@link Builder#asyncExecutor} is
   * left alone), the config store's watches and the caches' near caches.
   */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      if (config != null) {
        config.close();
      }
      caches.values().forEach(named -> named.values().forEach(Cache::close)); // near caches' connections
    }
    try {
      AsyncRunner runner = async;
      if (runner != null) {
        runner.close();
      }
    } finally {
      AsyncRunners.unbind(connection);
      connection.close();
    }
  }

  /**
   * Connection settings; unset values keep Jedis' defaults (localhost:6379, database 0, 2 s
   * timeouts, pools of 8). Later calls override earlier ones, so {@code url(…)} followed by
   * {@code password(…)} replaces the URL's password.
   */
  public static final class Builder {
    private List<RedisNode> nodes = List.of(new RedisNode("localhost", RedisUrl.DEFAULT_PORT));
    private String user;
    private String password;
    private int database;
    private boolean ssl;
    private Duration connectTimeout;
    private Duration socketTimeout;
    private int poolSize;
    private String clientName;
    private int buckets;
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private ReplicaWait replicaWait = ReplicaWait.NONE;
    private TlsOptions tls = TlsOptions.DEFAULT;
    private Namespace namespace = Namespace.NONE;
    private Engine engine = Engine.AUTO;
    private final Map<Class<?>, Engine> modelEngines = new HashMap<>();
    private final Map<Class<?>, ChangeOptions> changes = new HashMap<>();
    private IndexLayout indexLayout = IndexLayout.STANDARD;
    private final Map<Class<?>, IndexLayout> indexLayouts = new HashMap<>();
    // Object, not Micrometer's types: this class must load where Micrometer is absent.
    private Object meterRegistry;
    private Object observationRegistry;
    private Executor asyncExecutor;
    private int maxInFlight = AsyncRunner.DEFAULT_MAX_IN_FLIGHT;

    private Builder() {}

    /**
     * Puts every key of the toolkit ({@link Rekord#values()}, caches, rate limiters, config) under
     * {@code name:} so applications sharing a Redis do not meet; models keep their own key
     * prefixes.
     *
     * @throws IllegalArgumentException when {@code name} contains a brace
     */
    public Builder namespace(String name) {
      this.namespace = Namespace.of(name);
      return this;
    }

    /**
     * Takes host(s), port(s), credentials, database and TLS from {@code
     * redis://[user:password@]host:port[/database]} or {@code rediss://…}; a comma-separated list
     * of {@code host:port} seeds names the nodes of a cluster.
     *
     * @throws IllegalArgumentException when the URL is malformed (the message hides the password)
     */
    public Builder url(String url) {
      RedisUrl parsed = RedisUrl.parse(url);
      this.nodes = parsed.nodes();
      this.ssl = parsed.ssl();
      this.user = parsed.user();
      this.password = parsed.password();
      this.database = parsed.database() == null ? 0 : parsed.database();
      return this;
    }

    /** A single server (or cluster seed) host; keeps the current port. */
    public Builder host(String host) {
      this.nodes = List.of(new RedisNode(host, nodes.get(0).port()));
      return this;
    }

    /** A single server (or cluster seed) port; keeps the current host. */
    public Builder port(int port) {
      this.nodes = List.of(new RedisNode(nodes.get(0).host(), port));
      return this;
    }

    /** The ACL user; {@code null} authenticates as {@code default} when a password is set. */
    public Builder user(String user) {
      this.user = user;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    /** The logical database of a standalone server; a cluster has only database 0. */
    public Builder database(int database) {
      if (database < 0) {
        throw new IllegalArgumentException("database must not be negative: " + database);
      }
      this.database = database;
      return this;
    }

    /**
     * Whether to connect with TLS (as {@code rediss://} does). Without further settings the
     * server's certificate must be trusted by the JVM's trust store and name the host connected to.
     */
    public Builder ssl(boolean ssl) {
      this.ssl = ssl;
      return this;
    }

    /**
     * TLS: trusts the certificates in {@code path} (PKCS12 or JKS, recognised from the file) rather
     * than the JVM's trust store — typically the CA that signed the server's certificate. Needs
     * TLS on ({@code rediss://} or {@link #ssl(boolean) ssl(true)}).
     */
    public Builder trustStore(Path path, char[] password) {
      this.tls = tls.withTrustStore(path, password);
      return this;
    }

    /**
     * TLS: presents the private key and certificate in {@code path} (PKCS12 or JKS) to a server
     * that requires client certificates (mutual TLS, {@code tls-auth-clients yes}).
     */
    public Builder keyStore(Path path, char[] password) {
      this.tls = tls.withKeyStore(path, password);
      return this;
    }

    /**
     * TLS: uses {@code context} for trust and client certificates, instead of {@link #trustStore}
     * and {@link #keyStore}.
     */
    public Builder sslContext(SSLContext context) {
      this.tls = tls.withSslContext(context);
      return this;
    }

    /**
     * TLS: whether the server's certificate must name the host connected to ({@code true} by
     * default, as HTTPS checks it: DNS names and IP addresses). Turn it off only where the
     * certificate cannot name the host, e.g. behind a port forward.
     */
    public Builder verifyHostname(boolean verify) {
      this.tls = tls.withHostnameVerification(verify);
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long to wait for a reply. */
    public Builder socketTimeout(Duration timeout) {
      this.socketTimeout = positive(timeout, "socketTimeout");
      return this;
    }

    /** The maximum number of pooled connections (per node on a cluster). */
    public Builder poolSize(int poolSize) {
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be at least 1: " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    /** The name the connections give themselves ({@code CLIENT SETNAME}), seen in {@code CLIENT LIST}. */
    public Builder clientName(String clientName) {
      this.clientName = clientName;
      return this;
    }

    /**
     * The number of buckets a model gets when its schema record is first created (by {@link
     * #migrate()} or its first use); by default 1 on a standalone server and 16 on a cluster. A
     * model's bucket count never changes afterwards.
     */
    public Builder buckets(int buckets) {
      if (buckets < 1) {
        throw new IllegalArgumentException("buckets must be at least 1: " + buckets);
      }
      this.buckets = buckets;
      return this;
    }

    /**
     * How idempotent calls (document writes, reads, queries) are retried after transient failures
     * — a refused or broken connection, a failed primary, {@code CLUSTERDOWN}, {@code TRYAGAIN}
     * during a slot migration, a redirection inside a pipeline; {@link RetryPolicy#DEFAULT} (about
     * 2 s in all) unless set, {@link RetryPolicy#NONE} for exactly one attempt. See {@code
     * docs/cluster.md}.
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = java.util.Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * Makes every document write (and every batch, per node) wait until {@code replicas} replicas
     * have acknowledged it ({@code WAIT}), at most {@code timeout}; a write too few acknowledged
     * fails with {@link dev.rekord.exception.InsufficientReplicasException}. Without it replication is asynchronous and
     * a failover can lose acknowledged writes. {@code replicas} 0 turns it off.
     */
    public Builder waitForReplicas(int replicas, Duration timeout) {
      this.replicaWait = replicas == 0 ? ReplicaWait.NONE : new ReplicaWait(replicas, timeout);
      return this;
    }

    /**
     * Which query engine runs the models ({@link Engine#AUTO} unless set): {@link Engine#PORTABLE}
     * everywhere, {@link Engine#SEARCH} (the Redis Query Engine; a model that cannot run on it
     * fails at its first use, naming it), or {@link Engine#AUTO} to pick per model. See {@code
     * docs/search-engine.md}.
     */
    public Builder engine(Engine engine) {
      this.engine = java.util.Objects.requireNonNull(engine, "engine");
      return this;
    }

    /**
     * Records a timer per Redis round trip (tags {@code model}, {@code operation}, {@code
     * outcome}), error, retry and migration counters and connection-pool gauges in {@code
     * registry}. Needs {@code io.micrometer:micrometer-core} on the class path, an optional
     * dependency of Rekord; the meters are listed in {@code docs/observability.md}.
     */
    public Builder meterRegistry(MeterRegistry registry) {
      this.meterRegistry = java.util.Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The query engine of the model of record type {@code type} (e.g. {@code Member.class}),
     * overriding {@link #engine(Engine)} for it.
     */
    public Builder engine(Class<? extends Record> type, Engine engine) {
      modelEngines.put(java.util.Objects.requireNonNull(type, "type"), java.util.Objects.requireNonNull(engine, "engine"));
      return this;
    }

    /**
     * How the portable engine keeps the index of every model without a layout of its own ({@link
     * IndexLayout#STANDARD} unless set): {@link IndexLayout#COMPACT} takes about half the memory,
     * for slower index writes, counts and deep pages (and, on a cluster, calls that wait while a
     * slot of the model migrates). A model's index is rebuilt by {@link
     * Rekord#migrate()} when its layout changes; until then its queries fail with {@code
     * SchemaMismatchException}. See {@code docs/performance.md}.
     */
    public Builder indexLayout(IndexLayout layout) {
      this.indexLayout = java.util.Objects.requireNonNull(layout, "layout");
      return this;
    }

    /**
     * The index layout of the model of record type {@code type}, overriding {@link
     * #indexLayout(IndexLayout)} for it. A model with {@link IndexLayout#COMPACT} runs on the
     * portable engine.
     */
    public Builder indexLayout(Class<? extends Record> type, IndexLayout layout) {
      indexLayouts.put(java.util.Objects.requireNonNull(type, "type"), java.util.Objects.requireNonNull(layout, "layout"));
      return this;
    }

    /**
     * Gives the model of record type {@code type} a change feed: every create, update, delete and
     * expiry of its documents is appended to a Redis Stream (and/or published as a notice) in the
     * same atomic script as the change; read it with {@code repository.changes()}. The model runs
     * on the portable engine. See {@code docs/change-streams.md}.
     */
    public Builder changes(Class<? extends Record> type, ChangeOptions options) {
      changes.put(java.util.Objects.requireNonNull(type, "type"), java.util.Objects.requireNonNull(options, "options"));
      return this;
    }

    /**
     * Makes an observation ({@code rekord.redis}, low-cardinality key values {@code rekord.model}
     * and {@code rekord.operation}) of every Redis round trip in {@code registry}, which a tracing
     * bridge turns into spans. Needs {@code io.micrometer:micrometer-observation} on the class
     * path, an optional dependency of Rekord.
     */
    public Builder observationRegistry(ObservationRegistry registry) {
      this.observationRegistry = java.util.Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * Where the async views of repositories ({@code repository.async()}) run their operations;
     * Rekord does not shut it down. By default: virtual threads on Java 21+, otherwise a pool of
     * daemon threads that Rekord closes with itself.
     */
    public Builder asyncExecutor(Executor executor) {
      this.asyncExecutor = java.util.Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * The most async operations running or waiting to run at once ({@value
     * AsyncRunner#DEFAULT_MAX_IN_FLIGHT} by default); one more blocks its caller until one finishes
     * (back-pressure).
     */
    public Builder maxInFlight(int maxInFlight) {
      if (maxInFlight < 1) {
        throw new IllegalArgumentException("maxInFlight must be at least 1: " + maxInFlight);
      }
      this.maxInFlight = maxInFlight;
      return this;
    }

    /**
     * Connects, detecting from the server whether it is a cluster.
     *
     * @throws dev.rekord.exception.RekordConnectionException when Redis cannot be reached, refuses the credentials, or
     *     the TLS handshake fails (the message says why: an untrusted certificate, another host)
     * @throws IllegalStateException when TLS settings were given but TLS is off, or when the class
     *     path has a Jedis older than Jedis 8
     */
    public Rekord build() {
      JedisRequirement.check();
      if (!ssl && tls.isCustomized()) {
        throw new IllegalStateException("TLS settings (" + tls + ") were given but TLS is off: connect with"
            + " rediss://host:port or ssl(true)");
      }
      ConnectionSettings settings =
          new ConnectionSettings(
              nodes, user, password, database, ssl, connectTimeout, socketTimeout, poolSize, clientName, tls);
      return new Rekord(Connections.open(settings, retryPolicy, replicaWait), this);
    }

    /**
     * A Rekord on {@code connection} (one of your own, e.g. a test's) with this builder's settings
     * other than the connection's: metrics and tracing, engine, buckets, namespace, async executor
     * and in-flight bound apply; the connection settings (URL, credentials, TLS, timeouts, pool,
     * retry policy, replica wait) are the connection's own and ignored here. Closing the Rekord
     * closes {@code connection}.
     */
    public Rekord build(RedisConnection connection) {
      return new Rekord(java.util.Objects.requireNonNull(connection, "connection"), this);
    }

    /** What the builder's meter and observation registries ask for: nothing when neither is set. */
    private Instrumentation instrumentation() {
      return meterRegistry == null && observationRegistry == null
          ? Instrumentation.NONE : MicrometerInstrumentation.create(meterRegistry, observationRegistry);
    }

    private static Duration positive(Duration timeout, String name) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + timeout);
      }
      return timeout;
    }
  }
}
