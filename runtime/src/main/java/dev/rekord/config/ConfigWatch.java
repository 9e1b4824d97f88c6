package dev.rekord.config;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A watch on one configuration key ({@link ConfigStore#watch}): holds the latest value seen (a local
 * cache, read without a round trip) and tells its listener of every newer version. Closing it ends
 * the watch.
 *
 * @param <T> the value's type
 */
public final class ConfigWatch<T> implements AutoCloseable {

  private final ConfigStore store;
  private final String key;
  private final Class<T> type;
  private final Consumer<Versioned<T>> listener;
  private final AtomicReference<Versioned<T>> latest = new AtomicReference<>();

  ConfigWatch(ConfigStore store, String key, Class<T> type, Consumer<Versioned<T>> listener) {
    this.store = store;
    this.key = key;
    this.type = type;
    this.listener = listener;
  }

  public String key() {
    return key;
  }

  /** The latest value seen, without asking Redis; empty before the key has a value. */
  public Optional<Versioned<T>> current() {
    return Optional.ofNullable(latest.get());
  }

  /** The version of the latest value seen; 0 before there is one. */
  long version() {
    Versioned<T> seen = latest.get();
    return seen == null ? 0 : seen.version();
  }

  Class<T> type() {
    return type;
  }

  /** Takes {@code value} if it is newer than what was seen, and tells the listener. */
  void offer(Versioned<T> value, boolean notify) {
    Versioned<T> seen = latest.get();
    if ((seen == null || value.version() > seen.version()) && latest.compareAndSet(seen, value) && notify) {
      listener.accept(value);
    }
  }

  @Override
  public void close() {
    store.unwatch(this);
  }
}
