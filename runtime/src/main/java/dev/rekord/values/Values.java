package dev.rekord.values;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.exception.RekordException;
import dev.rekord.internal.async.AsyncRunners;
import dev.rekord.internal.connection.KeySlot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Typed values at keys of your choosing: {@code GET}/{@code SET} with expiries and conditions,
 * batch reads and writes, key listing, temporary keys. Values are stored as text by the {@link
 * ValueMapper} (strings as they are, records of a JSON model by their generated codec, anything
 * else as Jackson JSON). Every key is put in the {@link Namespace}; {@link #in} gives the same
 * service in another. A missing key is an empty {@link Optional}, never an exception. Works the
 * same on a standalone server and a cluster. Thread-safe.
 *
 * <pre>{@code
 * Values values = rekord.values();
 * values.set("greeting", "hello", Duration.ofMinutes(5));
 * Optional<Profile> ada = values.get("profile:ada", Profile.class);
 * }</pre>
 */
public final class Values {

  /** Sets each key (ARGV[1]: milliseconds to live, 0 for none; ARGV[2..]: the values), atomically. */
  static final LuaScript MSET = new LuaScript("toolkit-mset", """
      for i, key in ipairs(KEYS) do
        if ARGV[1] == '0' then
          redis.call('SET', key, ARGV[i + 1])
        else
          redis.call('SET', key, ARGV[i + 1], 'PX', ARGV[1])
        end
      end
      return #KEYS
      """, true);

  private final RedisConnection connection;
  private final Namespace namespace;
  private final ValueMapper mapper;

  private Values(RedisConnection connection, Namespace namespace, ValueMapper mapper) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.mapper = Objects.requireNonNull(mapper, "mapper");
  }

  /** Values on {@code connection}, keys in {@code namespace}, stored as {@code mapper} says. */
  public static Values using(RedisConnection connection, Namespace namespace, ValueMapper mapper) {
    return new Values(connection, namespace, mapper);
  }

  /** The same values in another namespace ({@link Namespace#NONE} for keys as given). */
  public Values in(Namespace other) {
    return new Values(connection, other, mapper);
  }

  /** Raw byte values at keys of this namespace ({@code GET}/{@code SET} of bytes as they are). */
  public ByteValues bytes() {
    return new ByteValues(this);
  }

  /** These values' asynchronous view, on Rekord's async executor. */
  public AsyncValues async() {
    return new AsyncValues(this, AsyncRunners.of(connection));
  }

  public Namespace namespace() {
    return namespace;
  }

  public ValueMapper mapper() {
    return mapper;
  }

  public RedisConnection connection() {
    return connection;
  }

  /** The Redis key of {@code key}: in the namespace. */
  public String redisKey(String key) {
    return namespace.key(key);
  }

  /**
   * The value at {@code key}; empty when there is none.
   *
   * @throws dev.rekord.exception.DeserializationException when the stored text is not a {@code type}
   * @throws dev.rekord.exception.WrongTypeException when the key holds a hash, list, …
   */
  public <T> Optional<T> get(String key, Class<T> type) {
    return get(key, ValueType.of(type));
  }

  /** {@link #get(String, Class)} for a generic type: {@code new ValueType<List<Profile>>() {}}. */
  public <T> Optional<T> get(String key, ValueType<T> type) {
    String redisKey = namespace.key(key);
    String text = connection.execute(Commands.get(redisKey));
    return text == null ? Optional.empty() : Optional.of(mapper.read(type, redisKey, text));
  }

  /** Stores {@code value} without expiry (clearing one the key had). */
  public void set(String key, Object value) {
    set(key, value, SetOptions.NONE);
  }

  /** Stores {@code value}, expiring {@code ttl} later. */
  public void set(String key, Object value, Duration ttl) {
    set(key, value, SetOptions.ttl(ttl));
  }

  /**
   * Stores {@code value} as {@code options} say.
   *
   * @return whether it was stored: {@code false} when {@link SetOptions#onlyIfAbsent()} or {@link
   *     SetOptions#onlyIfPresent()} kept it from being
   */
  public boolean set(String key, Object value, SetOptions options) {
    String text = mapper.write(ValueType.ofValue(value), value);
    var command = Commands.set(namespace.key(key), text, options.arguments(false));
    // A conditional SET is not idempotent: a retry after a lost reply would report false.
    String reply = options.arguments(false).contains("NX") || options.arguments(false).contains("XX")
        ? connection.executeOnce(command) : connection.execute(command);
    return reply != null;
  }

  /**
   * Stores {@code value} and returns what the key held before ({@code SET … GET}), read as {@code
   * type}; sent once, never retried.
   */
  public <T> Optional<T> getAndSet(String key, ValueType<T> type, T value, SetOptions options) {
    String redisKey = namespace.key(key);
    String old = connection.executeOnce(Commands.set(redisKey, mapper.write(type, value), options.arguments(true)));
    return old == null ? Optional.empty() : Optional.of(mapper.read(type, redisKey, old));
  }

  /** Deletes the keys (on a cluster, in one batch across their nodes); returns how many existed. */
  public long delete(String... keys) {
    return delete(List.of(keys));
  }

  /** Deletes the keys; returns how many existed. */
  public long delete(List<String> keys) {
    if (keys.size() == 1) {
      return connection.execute(Commands.del(namespace.key(keys.get(0))));
    }
    Batch batch = connection.batch();
    List<Reply<Long>> replies = new ArrayList<>(keys.size());
    for (String key : keys) {
      replies.add(batch.add(Commands.del(namespace.key(key))));
    }
    batch.execute();
    long deleted = 0;
    for (Reply<Long> reply : replies) {
      deleted += reply.get();
    }
    return deleted;
  }

  public boolean exists(String key) {
    return connection.execute(Commands.exists(namespace.key(key)));
  }

  /** Makes {@code key} expire {@code ttl} from now; {@code false} when there is no key. */
  public boolean expire(String key, Duration ttl) {
    return connection.execute(Commands.pexpire(namespace.key(key), ttl.toMillis())) == 1;
  }

  /** Makes {@code key} expire at {@code instant}; {@code false} when there is no key. */
  public boolean expireAt(String key, Instant instant) {
    return connection.execute(Commands.pexpireAt(namespace.key(key), instant.toEpochMilli())) == 1;
  }

  /** The time {@code key} has left; empty when it has no expiry or does not exist ({@link #exists}). */
  public Optional<Duration> ttl(String key) {
    long millis = connection.execute(Commands.pttl(namespace.key(key)));
    return millis < 0 ? Optional.empty() : Optional.of(Duration.ofMillis(millis));
  }

  /** Removes {@code key}'s expiry; whether it had one. */
  public boolean persist(String key) {
    return connection.execute(Commands.persist(namespace.key(key)));
  }

  /**
   * Hands {@code action} every key of the namespace matching the glob {@code pattern}, without the
   * namespace, as {@code SCAN} finds them (on every primary of a cluster), a page at a time: never
   * {@code KEYS}, never the whole list in memory. SCAN's guarantees: a key present throughout is
   * seen at least once.
   */
  public void scan(String pattern, Consumer<String> action) {
    connection.scanKeys(namespace.glob(pattern), null, page -> {
      for (String redisKey : page) {
        action.accept(namespace.strip(redisKey));
      }
    });
  }

  /** {@link #mget(ValueType, List)} for a class. */
  public <T> List<ValueRead<T>> mget(Class<T> type, List<String> keys) {
    return mget(ValueType.of(type), keys);
  }

  /**
   * Reads many keys in one round trip (per node on a cluster): for every key, in the order asked,
   * its value, missing, or its failure (text that does not decode, a key of another Redis type) —
   * one bad key never fails the others. {@code GET}s in one pipeline rather than {@code MGET},
   * which answers nil for a key of another type.
   */
  public <T> List<ValueRead<T>> mget(ValueType<T> type, List<String> keys) {
    Batch batch = connection.batch();
    List<Reply<String>> replies = new ArrayList<>(keys.size());
    for (String key : keys) {
      replies.add(batch.add(Commands.get(namespace.key(key))));
    }
    batch.execute();
    List<ValueRead<T>> reads = new ArrayList<>(keys.size());
    for (int i = 0; i < keys.size(); i++) {
      reads.add(read(type, keys.get(i), replies.get(i)));
    }
    return reads;
  }

  private <T> ValueRead<T> read(ValueType<T> type, String key, Reply<String> reply) {
    try {
      String text = reply.get();
      return new ValueRead<>(key, text == null ? null : mapper.read(type, namespace.key(key), text), null);
    } catch (RekordException e) {
      return new ValueRead<>(key, null, e);
    }
  }

  /**
   * Stores every entry, each expiring {@code ttl} later ({@code null} or zero: no expiry). Keys that
   * share a hash slot are written by one script call, atomically — on a standalone server that is
   * all of them; on a cluster each slot's keys are atomic on their own (other slots may be written
   * or not when a node fails). One round trip per node.
   */
  public void mset(Map<String, ?> entries, Duration ttl) {
    String millis = ttl == null || ttl.isZero() ? "0" : Long.toString(ttl.toMillis());
    Map<Integer, List<Map.Entry<String, ?>>> groups = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : entries.entrySet()) {
      int group = connection.isCluster() ? KeySlot.of(namespace.key(entry.getKey())) : 0;
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(entry);
    }
    Batch batch = connection.batch();
    List<Reply<Object>> replies = new ArrayList<>(groups.size());
    for (List<Map.Entry<String, ?>> group : groups.values()) {
      List<String> keys = new ArrayList<>(group.size());
      List<String> args = new ArrayList<>(group.size() + 1);
      args.add(millis);
      for (Map.Entry<String, ?> entry : group) {
        keys.add(namespace.key(entry.getKey()));
        args.add(mapper.write(ValueType.ofValue(entry.getValue()), entry.getValue()));
      }
      replies.add(batch.eval(MSET, keys, args));
    }
    batch.execute();
    replies.forEach(Reply::get); // throws the first error
  }

  /**
   * Stores {@code value} at {@code key} until the returned handle is closed (or {@code ttl} passes,
   * if the process dies first); for try-with-resources, which deletes it even when the block
   * throws.
   */
  public TemporaryKey temporary(String key, Object value, Duration ttl) {
    set(key, value, ttl);
    return new TemporaryKey(this, key);
  }

  /** The typed fields of the hash at {@code key}. */
  public HashValues hash(String key) {
    return new HashValues(this, namespace.key(key));
  }
}
