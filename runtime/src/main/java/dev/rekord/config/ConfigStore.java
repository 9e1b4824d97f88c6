package dev.rekord.config;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.exception.RekordException;
import dev.rekord.values.ValueType;
import dev.rekord.values.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
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
 * <p><b>How changes arrive.</b> Watched keys are polled: every {@code pollInterval}, one pipelined
 * read of their versions (one round trip per node), then the values that changed. This needs no
 * server setting ({@code notify-keyspace-events}) and no subscriber connection, works the same on a
 * cluster, and catches up by itself after a disconnection: versions make every missed change
 * visible, and the listener gets the newest value (the versions in between are in {@link
 * #history}). A change reaches the listeners within about one poll interval.
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
  private final Duration pollInterval;
  private final int historyLength;
  private final List<ConfigWatch<?>> watches = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService poller;
  private boolean failing;

  /**
   * A store on {@code values}' connection and namespace, keeping {@code historyLength} versions of
   * each key and polling watched keys every {@code pollInterval}.
   */
  public ConfigStore(Values values, Duration pollInterval, int historyLength) {
    if (pollInterval.toMillis() < 1 || historyLength < 1) {
      throw new IllegalArgumentException("pollInterval must be at least 1 ms and historyLength at least 1: "
          + pollInterval + ", " + historyLength);
    }
    this.values = values;
    this.connection = values.connection();
    this.pollInterval = pollInterval;
    this.historyLength = historyLength;
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
   * is called, on the store's poller thread, with each newer version. Close the watch to end it.
   */
  public synchronized <T> ConfigWatch<T> watch(String key, Class<T> type, Consumer<Versioned<T>> listener) {
    ConfigWatch<T> watch = new ConfigWatch<>(this, key, type, listener);
    get(key, type).ifPresent(current -> watch.offer(current, false));
    watches.add(watch);
    if (poller == null) {
      poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rekord-config-poller");
        thread.setDaemon(true);
        return thread;
      });
      poller.scheduleWithFixedDelay(this::poll, pollInterval.toMillis(), pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }
    return watch;
  }

  synchronized void unwatch(ConfigWatch<?> watch) {
    watches.remove(watch);
  }

  /** Stops polling; watches end. */
  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
    watches.clear();
  }

  /** One poll: the versions of every watched key in one batch, then the values that are newer. */
  private void poll() {
    List<ConfigWatch<?>> watched = List.copyOf(watches);
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
        LOG.info("Config store: polling works again; watches caught up");
      }
    } catch (RekordException e) {
      if (!failing) {
        failing = true;
        LOG.warn("Config store: cannot poll Redis, retrying every {} ms: {}", pollInterval.toMillis(), e.getMessage());
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
