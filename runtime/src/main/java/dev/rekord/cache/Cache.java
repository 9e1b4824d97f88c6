package dev.rekord.cache;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.exception.DeserializationException;
import dev.rekord.exception.RekordConnectionException;
import dev.rekord.internal.async.AsyncRunners;
import dev.rekord.internal.instrument.Instrumentation;
import dev.rekord.internal.instrument.ToolkitMeter;
import dev.rekord.values.ValueType;
import dev.rekord.values.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cache-aside cache named {@code name}: {@link #getOrCompute} returns the cached value or
 * computes, stores and returns it. With single-flight (the default) one caller per key computes —
 * across the threads of this instance and across processes, by a lock key with an expiry — while
 * the others wait for its result, at most {@link CacheOptions#maxWait()}.
 *
 * <p><b>Keys</b> (in the namespace): the entry {@code cache:<name>:e:<key>}, its lock {@code
 * cache:<name>:lock:<key>}, and the generation {@code cache:<name>:generation}. Each entry carries
 * the generation it was written in; {@link #invalidateAll()} increments the generation, so every
 * older entry reads as a miss (and expires by its TTL) — no {@code KEYS}, no scan. A read is one
 * round trip: the generation and the entry in one batch.
 *
 * <p><b>When Redis is unreachable</b> the cache calls the loader directly, logs the outage once
 * (and its end), and counts it in {@link #stats()}.
 */
public final class Cache implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Cache.class);

  private static final long FIRST_POLL_MILLIS = 2;
  private static final long LONGEST_POLL_MILLIS = 50;

  private final Values values;
  private final RedisConnection connection;
  private final String name;
  private final CacheOptions options;
  private final String generationKey;
  private final ConcurrentHashMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();
  private final AtomicBoolean redisDown = new AtomicBoolean();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder loads = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final LongAdder waits = new LongAdder();
  private final LongAdder nearHits = new LongAdder();
  /** The near cache, when {@link CacheOptions#nearCacheSize()} asks for one; made on first read. */
  private volatile NearEntries near;
  private final Instrumentation meters;

  /**
   * The cache {@code name} on {@code values}' connection and namespace.
   *
   * @throws IllegalArgumentException when the name is empty or contains a brace or a colon
   */
  public Cache(Values values, String name, CacheOptions options) {
    if (name.isEmpty() || name.chars().anyMatch(c -> c == '{' || c == '}' || c == ':')) {
      throw new IllegalArgumentException("a cache name is not empty and has no '{', '}' or ':': " + name);
    }
    this.values = values;
    this.connection = values.connection();
    this.name = name;
    this.options = Objects.requireNonNull(options, "options");
    this.generationKey = values.redisKey("cache:" + name + ":generation");
    this.meters = Instrumentation.of(connection);
  }

  public String name() {
    return name;
  }

  public CacheOptions options() {
    return options;
  }

  /** This cache's asynchronous view, on Rekord's async executor. */
  public AsyncCache async() {
    return new AsyncCache(this, AsyncRunners.of(connection));
  }

  /** {@link #getOrCompute(String, ValueType, Duration, Supplier)} for a class. */
  public <T> T getOrCompute(String key, Class<T> type, Duration ttl, Supplier<T> loader) {
    return getOrCompute(key, ValueType.of(type), ttl, loader);
  }

  /**
   * The value cached at {@code key}, or the loader's, stored for {@code ttl} (unless {@link
   * CacheOptions#cacheIf()} refuses it or it is {@code null}). An exception of the loader is thrown
   * to the caller and to the callers of this instance waiting for it; nothing is stored.
   */
  public <T> T getOrCompute(String key, ValueType<T> type, Duration ttl, Supplier<T> loader) {
    Lookup<T> first = lookup(key, type);
    if (first == null) {
      return load(loader);
    }
    if (first.hit()) {
      if (first.near()) {
        nearHits.increment();
      }
      count(hits, ToolkitMeter.CACHE_GETS, first.near() ? "near" : "hit");
      return first.value();
    }
    count(misses, ToolkitMeter.CACHE_GETS, "miss");
    if (!options.singleFlight()) {
      T value = load(loader);
      store(key, type, value, ttl, first.generation());
      return value;
    }
    CompletableFuture<Object> mine = new CompletableFuture<>();
    CompletableFuture<Object> leader = inFlight.putIfAbsent(key, mine);
    if (leader != null) {
      count(waits, ToolkitMeter.CACHE_WAITS, "local");
      return awaitLeader(leader, loader);
    }
    try {
      T value = computeUnderLock(key, type, ttl, loader);
      mine.complete(value);
      return value;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(key, mine);
    }
  }

  /** The cached value at {@code key}, if there is one of the current generation. */
  public <T> Optional<T> get(String key, ValueType<T> type) {
    Lookup<T> found = lookup(key, type);
    return found != null && found.hit() ? Optional.of(found.value()) : Optional.empty();
  }

  /** Stores {@code value} at {@code key} for {@code ttl}, in the current generation. */
  public <T> void put(String key, ValueType<T> type, T value, Duration ttl) {
    String generation = connection.execute(Commands.get(generationKey));
    store(key, type, value, ttl, generation == null ? "0" : generation);
  }

  /** Removes the entries of {@code keys}; how many there were. */
  public long invalidate(String... keys) {
    List<String> entries = new ArrayList<>(keys.length);
    for (String key : keys) {
      entries.add(entryName(key));
    }
    return values.delete(entries); // Values puts them in the namespace
  }

  /**
   * Makes every entry of this cache a miss, in every process, by moving to the next generation;
   * the old entries expire by their TTL.
   */
  public void invalidateAll() {
    connection.executeOnce(Commands.incrBy(generationKey, 1));
  }

  public CacheStats stats() {
    return new CacheStats(hits.sum(), misses.sum(), loads.sum(), errors.sum(), waits.sum(), nearHits.sum());
  }

  /** Stops the near cache's invalidation connections, if it has one; nothing otherwise. */
  @Override
  public synchronized void close() {
    if (near != null) {
      near.close();
      near = null;
    }
  }

  /** How many entries the near cache holds now (for tests). */
  int nearSize() {
    NearEntries local = near;
    return local == null ? 0 : local.size();
  }

  /** Whether the near cache serves now: invalidations flow from every primary (for tests). */
  boolean nearLive() {
    NearEntries local = near;
    return local != null && local.live();
  }

  /** The near cache, started on first use; {@code null} when the options ask for none. */
  private NearEntries near() {
    NearEntries made = near;
    if (made == null && options.nearCacheSize() > 0) {
      synchronized (this) {
        if (near == null) {
          near = new NearEntries(connection, values.redisKey("cache:" + name + ":"), generationKey,
              options.nearCacheSize());
        }
        made = near;
      }
    }
    return made;
  }

  private <T> T computeUnderLock(String key, ValueType<T> type, Duration ttl, Supplier<T> loader) {
    String lockKey = values.redisKey("cache:" + name + ":lock:" + key);
    String token = UUID.randomUUID().toString();
    long deadline = System.nanoTime() + options.maxWait().toNanos();
    long poll = FIRST_POLL_MILLIS;
    boolean waited = false;
    while (true) {
      Boolean locked = redis(() -> connection.executeOnce(Commands.set(lockKey, token,
          List.of("PX", Long.toString(options.lockTtl().toMillis()), "NX"))) != null);
      if (locked == null) {
        return load(loader);
      }
      if (locked) {
        try (LockLease lease = new LockLease(connection, lockKey, token, options.lockTtl())) {
          Lookup<T> again = lookup(key, type); // filled while we waited for the lock?
          if (again != null && again.hit()) {
            return again.value();
          }
          T value = load(loader);
          store(key, type, value, ttl, again == null ? null : again.generation());
          return value;
        }
      }
      if (!waited) {
        waited = true;
        count(waits, ToolkitMeter.CACHE_WAITS, "lock");
      }
      if (!sleep(poll) || System.nanoTime() - deadline > 0) {
        return load(loader); // waited long enough: compute, but leave the lock holder to store
      }
      poll = Math.min(poll * 2, LONGEST_POLL_MILLIS);
      Lookup<T> filled = lookup(key, type);
      if (filled == null) {
        return load(loader);
      }
      if (filled.hit()) {
        return filled.value();
      }
    }
  }

  @SuppressWarnings("unchecked") // the leader computed a value of the key's type
  private <T> T awaitLeader(CompletableFuture<Object> leader, Supplier<T> loader) {
    try {
      return (T) leader.get(options.maxWait().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      return load(loader);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return load(loader);
    }
  }

  /**
   * The entry at {@code key}, from the near cache when it holds it; {@code null} when Redis cannot
   * be reached.
   */
  private <T> Lookup<T> lookup(String key, ValueType<T> type) {
    NearEntries local = near();
    if (local == null) {
      return remoteLookup(key, type);
    }
    String entryKey = entryKey(key);
    if (local.get(entryKey) instanceof Held held && held.type().equals(type)) {
      return Lookup.near(held.value(), held.generation());
    }
    boolean reserved = local.reserve(entryKey);
    Lookup<T> found = remoteLookup(key, type);
    if (reserved) {
      if (found != null && found.hit()) {
        local.fill(entryKey, new Held(type, found.value(), found.generation()));
      } else {
        local.release(entryKey);
      }
    }
    return found;
  }

  /** A decoded entry the near cache holds, with the type it was read as. */
  private record Held(ValueType<?> type, Object value, String generation) {}

  /** The entry at {@code key} in Redis; {@code null} when Redis cannot be reached. */
  private <T> Lookup<T> remoteLookup(String key, ValueType<T> type) {
    String entryKey = entryKey(key);
    return redis(() -> {
      Batch batch = connection.batch();
      Reply<String> generation = batch.add(Commands.get(generationKey));
      Reply<String> entry = batch.add(Commands.get(entryKey));
      batch.execute();
      String current = generation.get() == null ? "0" : generation.get();
      String stored = entry.get();
      int newline = stored == null ? -1 : stored.indexOf('\n');
      if (newline < 0 || !stored.substring(0, newline).equals(current)) {
        return new Lookup<>(false, null, current);
      }
      try {
        return new Lookup<>(true, values.mapper().read(type, entryKey, stored.substring(newline + 1)), current);
      } catch (DeserializationException e) {
        // Written by an older version of the type: a miss, overwritten by the next load.
        count(errors, ToolkitMeter.CACHE_ERRORS, "decode");
        LOG.debug("Cache {}: entry {} does not decode, reloading: {}", name, entryKey, e.getMessage());
        return new Lookup<>(false, null, current);
      }
    });
  }

  private <T> void store(String key, ValueType<T> type, T value, Duration ttl, String generation) {
    if (value == null || generation == null || !options.cacheIf().test(value)) {
      return;
    }
    String text = generation + "\n" + values.mapper().write(type, value);
    redis(() -> connection.execute(Commands.set(entryKey(key), text, List.of("PX", Long.toString(ttl.toMillis())))));
  }

  private String entryKey(String key) {
    return values.redisKey(entryName(key));
  }

  /** The entry's key without the namespace. */
  private String entryName(String key) {
    return "cache:" + name + ":e:" + key;
  }

  private <T> T load(Supplier<T> loader) {
    loads.increment();
    try {
      T value = loader.get();
      meters.toolkit(ToolkitMeter.CACHE_LOADS, name, "success");
      return value;
    } catch (RuntimeException | Error e) {
      meters.toolkit(ToolkitMeter.CACHE_LOADS, name, "error");
      throw e;
    }
  }

  private void count(LongAdder counter, ToolkitMeter meter, String outcome) {
    counter.increment();
    meters.toolkit(meter, name, outcome);
  }

  /** Runs a Redis call; on a connection failure, notes the outage (logged once) and returns {@code null}. */
  private <R> R redis(Supplier<R> call) {
    try {
      R result = call.get();
      if (redisDown.compareAndSet(true, false)) {
        LOG.info("Cache {}: Redis is reachable again; caching resumed", name);
      }
      return result;
    } catch (RekordConnectionException e) {
      count(errors, ToolkitMeter.CACHE_ERRORS, "redis");
      if (redisDown.compareAndSet(false, true)) {
        LOG.warn("Cache {}: Redis is unreachable, calling loaders directly until it is back: {}", name,
            e.getMessage());
      }
      return null;
    }
  }

  private static boolean sleep(long millis) {
    try {
      Thread.sleep(millis);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private record Lookup<T>(boolean hit, T value, String generation, boolean near) {
    Lookup(boolean hit, T value, String generation) {
      this(hit, value, generation, false);
    }

    @SuppressWarnings("unchecked") // held for the same ValueType<T>
    static <T> Lookup<T> near(Object value, String generation) {
      return new Lookup<>(true, (T) value, generation, true);
    }
  }
}
