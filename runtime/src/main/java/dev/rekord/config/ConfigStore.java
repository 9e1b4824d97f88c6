package dev.rekord.config;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.exception.KeyspaceEventsDisabledException;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.exception.RekordException;
import dev.rekord.internal.async.AsyncRunners;
import dev.rekord.internal.connection.KeyspaceEvents;
import dev.rekord.values.ValueType;
import dev.rekord.values.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configuration values every instance of an application sees change: each key has a value, a
 * version (1, 2, 3, … — one more per change) and a bounded history. {@link #watch} keeps the latest
 * value locally and tells a listener of each new version, on every instance.
 *
 * <p><b>How changes arrive</b> ({@link ConfigChanges}). Polling: every interval, one pipelined read
 * of the watched keys' versions (one round trip per node), then the values that changed; needs no
 * server setting. Keyspace events: a subscription on every primary tells of each change at once;
 * after a reconnect the versions are read as a poll would, so a change made while disconnected is
 * caught up. Either way versions make every missed change visible: the listener gets the newest
 * value (the versions in between are in {@link #history}).
 *
 * <p><b>Keys</b> (in the namespace): {@code config:{key}} (a hash: value and version) and {@code
 * config:{key}:history} (a list, newest first), in one slot so a change is one atomic script.
 */
public final class ConfigStore implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ConfigStore.class);

  /**
   * KEYS: the hash, the history; ARGV: the value, the expected version ('' for any), the history
   * length, a request id (a retried call whose first attempt ran changes nothing more).
   * Returns {1, version} when set, {0, current version} when the expected version did not match.
   */
  static final LuaScript SET = new LuaScript("config-set", """
      local version = tonumber(redis.call('HGET', KEYS[1], 'version') or '0')
      if redis.call('HGET', KEYS[1], 'request') == ARGV[4] then
        return {1, version}
      end
      if ARGV[2] ~= '' and tonumber(ARGV[2]) ~= version then
        return {0, version}
      end
      version = version + 1
      redis.call('HSET', KEYS[1], 'version', version, 'value', ARGV[1], 'request', ARGV[4])
      redis.call('LPUSH', KEYS[2], version .. '\\n' .. ARGV[1])
      redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[3]) - 1)
      return {1, version}
      """, true);

  private final Values values;
  private final RedisConnection connection;
  private final ConfigChanges changes;
  private final int historyLength;
  private final List<ConfigWatch<?>> watches = new CopyOnWriteArrayList<>();
  /** Runs reads for watches and calls their listeners; made by the first watch. */
  private ScheduledExecutorService watcher;
  private KeyspaceEvents events;
  private volatile boolean failing;

  /**
   * A store on {@code values}' connection and namespace, keeping {@code historyLength} versions of
   * each key and polling watched keys every {@code pollInterval}.
   */
  public ConfigStore(Values values, Duration pollInterval, int historyLength) {
    this(values, ConfigChanges.polling(pollInterval), historyLength);
  }

  /**
   * A store on {@code values}' connection and namespace, keeping {@code historyLength} versions of
   * each key, whose watches learn of changes as {@code changes} says.
   */
  public ConfigStore(Values values, ConfigChanges changes, int historyLength) {
    if (historyLength < 1) {
      throw new IllegalArgumentException("historyLength must be at least 1: " + historyLength);
    }
    this.values = values;
    this.connection = values.connection();
    this.changes = changes;
    this.historyLength = historyLength;
  }

  /** This store's asynchronous view (reads and writes; watches stay here), on Rekord's async executor. */
  public AsyncConfigStore async() {
    return new AsyncConfigStore(this, AsyncRunners.of(connection));
  }

  /** Sets {@code key} to {@code value}; returns its new version. */
  public long set(String key, Object value) {
    return write(key, value, "").orElseThrow();
  }

  /**
   * Sets {@code key} to {@code value} if its version is still {@code expectedVersion} (0: the key
   * has no value yet); returns the new version, or empty when another change came first.
   */
  public OptionalLong compareAndSet(String key, Object value, long expectedVersion) {
    return write(key, value, Long.toString(expectedVersion));
  }

  private OptionalLong write(String key, Object value, String expected) {
    String text = values.mapper().write(ValueType.ofValue(value), value);
    List<?> reply = (List<?>) connection.eval(SET, List.of(hashKey(key), historyKey(key)),
        List.of(text, expected, Integer.toString(historyLength), UUID.randomUUID().toString()));
    return ((Long) reply.get(0)) == 1L ? OptionalLong.of((Long) reply.get(1)) : OptionalLong.empty();
  }

  /** The value of {@code key} and its version; empty when it has none. */
  public <T> Optional<Versioned<T>> get(String key, Class<T> type) {
    List<String> fields = connection.execute(Commands.hmget(hashKey(key), List.of("version", "value")));
    if (fields.get(0) == null) {
      return Optional.empty();
    }
    return Optional.of(new Versioned<>(
        values.mapper().read(ValueType.of(type), hashKey(key), fields.get(1)), Long.parseLong(fields.get(0))));
  }

  /** The kept versions of {@code key}, newest first. */
  public <T> List<Versioned<T>> history(String key, Class<T> type) {
    List<Versioned<T>> versions = new ArrayList<>();
    for (String entry : connection.execute(Commands.lrange(historyKey(key), 0, -1))) {
      int newline = entry.indexOf('\n');
      versions.add(new Versioned<>(values.mapper().read(ValueType.of(type), historyKey(key), entry.substring(newline + 1)),
          Long.parseLong(entry.substring(0, newline))));
    }
    return versions;
  }

  /**
   * Watches {@code key}: the returned watch holds its latest value (read now) and {@code listener}
   * is called, on the store's watcher thread, with each newer version. Close the watch to end it.
   *
   * @throws dev.rekord.exception.KeyspaceEventsDisabledException for the first watch of a store
   *     following {@link ConfigChanges#keyspaceEvents()} when a primary lacks the setting
   */
  public synchronized <T> ConfigWatch<T> watch(String key, Class<T> type, Consumer<Versioned<T>> listener) {
    ConfigWatch<T> watch = new ConfigWatch<>(this, key, type, listener);
    String hashKey = hashKey(key);
    if (watcher == null) {
      start();
    }
    get(key, type).ifPresent(current -> watch.offer(current, false));
    watches.add(watch);
    // A change between the read and the add made no event for this watch: look once more.
    onWatcher(() -> checkVersions(List.of(watch)));
    LOG.debug("Config store: watching {}", hashKey);
    return watch;
  }

  synchronized void unwatch(ConfigWatch<?> watch) {
    watches.remove(watch);
  }

  /** Stops watching; watches end. */
  @Override
  public synchronized void close() {
    if (events != null) {
      events.close();
      events = null;
    }
    if (watcher != null) {
      watcher.shutdownNow();
      watcher = null;
    }
    watches.clear();
  }

  /** Starts following changes: keyspace events where {@link #changes} asks and the server allows, else polling. */
  private void start() {
    boolean useEvents = changes.events() && keyspaceEventsEnabled();
    watcher = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "rekord-config-watcher");
      thread.setDaemon(true);
      return thread;
    });
    if (useEvents) {
      events = KeyspaceEvents.subscribe(connection, values.namespace().glob("config:{*}"), changes.resubscribePause(),
          new KeyspaceEvents.Listener() {
            @Override
            public void changed(String redisKey) {
              onWatcher(() -> checkVersions(watchesOf(redisKey)));
            }

            @Override
            public void subscribed(String node) {
              onWatcher(() -> checkVersions(List.copyOf(watches))); // catches up what was missed meanwhile
            }
          });
    } else {
      long interval = changes.pollInterval().toMillis();
      watcher.scheduleWithFixedDelay(() -> checkVersions(List.copyOf(watches)), interval, interval, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Whether every primary sends the keyspace events watches need, enabling them or refusing as
   * {@link #changes} says.
   */
  private boolean keyspaceEventsEnabled() {
    Map<String, String> lacking;
    try {
      lacking = KeyspaceEvents.lacking(connection, ConfigChanges.FLAGS);
    } catch (RedisCommandException e) { // CONFIG GET refused, as managed services do
      boolean poll = changes.ifDisabled() == ConfigChanges.IfDisabled.POLL;
      LOG.warn("Config store: cannot read notify-keyspace-events ({}); {}", e.getMessage(), poll
          ? "polling every " + changes.pollInterval().toMillis() + " ms instead"
          : "subscribing anyway: watches hear nothing unless it has the flags " + ConfigChanges.FLAGS);
      return !poll;
    }
    if (lacking.isEmpty()) {
      return true;
    }
    String setting = lacking.values().iterator().next();
    String configSet = "CONFIG SET notify-keyspace-events " + setting + KeyspaceEvents.missing(setting, ConfigChanges.FLAGS);
    switch (changes.ifDisabled()) {
      case ENABLE -> {
        KeyspaceEvents.enable(connection, ConfigChanges.FLAGS);
        return true;
      }
      case POLL -> {
        LOG.warn("Config store: notify-keyspace-events lacks the flags {} on {}; polling every {} ms instead"
            + " (run `{}` on every primary to have changes pushed)", ConfigChanges.FLAGS, lacking.keySet(),
            changes.pollInterval().toMillis(), configSet);
        return false;
      }
      default -> throw new KeyspaceEventsDisabledException(lacking, configSet);
    }
  }

  private List<ConfigWatch<?>> watchesOf(String redisKey) {
    List<ConfigWatch<?>> of = new ArrayList<>(1);
    for (ConfigWatch<?> watch : watches) {
      if (hashKey(watch.key()).equals(redisKey)) {
        of.add(watch);
      }
    }
    return of;
  }

  /** Runs {@code task} on the watcher thread, unless the store was closed. */
  private void onWatcher(Runnable task) {
    ScheduledExecutorService running = watcher;
    if (running != null) {
      try {
        running.execute(task);
      } catch (RejectedExecutionException e) {
        // closed meanwhile
      }
    }
  }

  /** Reads the versions of {@code watched} in one batch, then the values that are newer than seen. */
  private void checkVersions(List<ConfigWatch<?>> watched) {
    if (watched.isEmpty()) {
      return;
    }
    try {
      Batch batch = connection.batch();
      List<Reply<String>> versions = new ArrayList<>(watched.size());
      for (ConfigWatch<?> watch : watched) {
        versions.add(batch.add(Commands.hget(hashKey(watch.key()), "version")));
      }
      batch.execute();
      for (int i = 0; i < watched.size(); i++) {
        String version = versions.get(i).get();
        if (version != null && Long.parseLong(version) > watched.get(i).version()) {
          refresh(watched.get(i));
        }
      }
      if (failing) {
        failing = false;
        LOG.info("Config store: reading Redis works again; watches caught up");
      }
    } catch (RekordException e) {
      if (!failing) {
        failing = true;
        LOG.warn("Config store: cannot read Redis for watches, trying again{}: {}",
            changes.events() ? " after resubscribing" : " every " + changes.pollInterval().toMillis() + " ms",
            e.getMessage());
      }
    } catch (RuntimeException e) {
      LOG.warn("Config store: a watch listener failed", e);
    }
  }

  private <T> void refresh(ConfigWatch<T> watch) {
    get(watch.key(), watch.type()).ifPresent(latest -> watch.offer(latest, true));
  }

  private String hashKey(String key) {
    if (key.isEmpty() || key.indexOf('{') >= 0 || key.indexOf('}') >= 0) {
      throw new IllegalArgumentException("a config key is not empty and has no '{' or '}': " + key);
    }
    return values.redisKey("config:{" + key + "}");
  }

  private String historyKey(String key) {
    return values.redisKey("config:{" + key + "}:history");
  }
}
