package dev.rekord.repository;

import dev.rekord.DeserializationException;
import dev.rekord.Rekord;
import dev.rekord.annotations.Storage;
import dev.rekord.connection.RedisCalls;
import dev.rekord.connection.RedisConnection;
import dev.rekord.id.IdSequence;
import dev.rekord.model.RekordModel;
import dev.rekord.script.ScriptCall;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Typed CRUD for one model. Generated repositories ({@code MemberRepository}) extend it and fix
 * the model; applications create them with {@code new MemberRepository(rekord)}.
 *
 * <p>A document lives at {@code <prefix>:<id>}: a Redis hash for {@link Storage#HASH} models, a
 * string holding JSON for {@link Storage#JSON}. Every write replaces the whole document (and its
 * expiry) atomically, in one Lua script. {@link #count()} and {@link #deleteAll()} scan the
 * keyspace ({@code SCAN MATCH <prefix>:* TYPE hash|string}, on every primary of a cluster), so they
 * are O(number of keys in the database) for now; secondary indexes will answer them directly.
 * Prefixes must therefore not nest: a model {@code member} would also count {@code
 * member:archive:1} of a model {@code member:archive}.
 *
 * @param <T> the record type
 * @param <ID> the id type
 */
public class RekordRepository<T, ID> {

  /** Documents written per pipeline by {@link #saveAll}. */
  static final int SAVE_BATCH = 500;

  private final Rekord rekord;
  private final RekordModel<T, ID> model;
  private final DocumentDecoder<T> decoder;

  protected RekordRepository(Rekord rekord, RekordModel<T, ID> model) {
    this.rekord = rekord;
    this.model = model;
    this.decoder = new DocumentDecoder<>(model);
  }

  public final RekordModel<T, ID> model() {
    return model;
  }

  /** The Redis key of the document with {@code id}. */
  public String keyOf(ID id) {
    return model.keyPrefix() + ":" + model.idToString(id);
  }

  /**
   * Stores {@code entity}, replacing any document with its id, with the model's default time to
   * live. A {@code null} id is generated first.
   *
   * @return the entity as stored (with its generated id)
   */
  public T save(T entity) {
    return save(entity, model.defaultTtl());
  }

  /** Like {@link #save(Object)}, expiring after {@code ttl} ({@link Duration#ZERO}: never). */
  public T save(T entity, Duration ttl) {
    long ttlMillis = SaveScripts.ttlMillis(ttl);
    T stored = withIds(List.of(entity)).get(0);
    ScriptCall call = saveCall(stored, ttlMillis);
    SaveScripts.forStorage(model.storage()).eval(connection(), call.keys(), call.args());
    return stored;
  }

  /** Stores every entity in one pipelined round trip per batch; returns them as stored. */
  public List<T> saveAll(Iterable<? extends T> entities) {
    return saveAll(entities, model.defaultTtl());
  }

  /**
   * Like {@link #saveAll(Iterable)}, expiring after {@code ttl} ({@link Duration#ZERO}: never).
   * Each document is written atomically; the batch as a whole is not.
   */
  public List<T> saveAll(Iterable<? extends T> entities, Duration ttl) {
    long ttlMillis = SaveScripts.ttlMillis(ttl);
    List<T> all = new ArrayList<>();
    entities.forEach(all::add);
    List<T> stored = new ArrayList<>(all.size());
    for (int from = 0; from < all.size(); from += SAVE_BATCH) {
      List<T> batch = withIds(all.subList(from, Math.min(from + SAVE_BATCH, all.size())));
      List<ScriptCall> calls = new ArrayList<>(batch.size());
      for (T entity : batch) {
        calls.add(saveCall(entity, ttlMillis));
      }
      SaveScripts.forStorage(model.storage()).evalAll(connection(), calls);
      stored.addAll(batch);
    }
    return stored;
  }

  /**
   * The document with {@code id}, if any.
   *
   * @throws dev.rekord.DeserializationException when the stored document does not match the model
   */
  public Optional<T> findById(ID id) {
    String key = keyOf(id);
    Object reply;
    try {
      reply = model.storage() == Storage.HASH
          ? connection().commands().hgetAll(key)
          : connection().commands().get(key);
    } catch (JedisException e) {
      if (isWrongType(e)) {
        throw decoder.wrongType(key, RedisCalls.call(() -> connection().commands().type(key)));
      }
      throw RedisCalls.translate(e);
    }
    return Optional.ofNullable(decoder.decode(key, reply));
  }

  /** The documents with {@code ids}, read in one round trip; see {@link BatchRead}. */
  public BatchRead<ID, T> findAllById(Iterable<? extends ID> ids) {
    List<ID> requested = new ArrayList<>();
    ids.forEach(requested::add);
    List<Response<?>> replies = readAll(requested);
    Map<ID, T> found = new LinkedHashMap<>();
    List<ID> missing = new ArrayList<>();
    Map<ID, DeserializationException> failures = new LinkedHashMap<>();
    Map<ID, String> wrongType = new LinkedHashMap<>();
    for (int i = 0; i < requested.size(); i++) {
      ID id = requested.get(i);
      String key = keyOf(id);
      Object reply;
      try {
        reply = replies.get(i).get();
      } catch (JedisException e) {
        if (!isWrongType(e)) {
          throw RedisCalls.translate(e);
        }
        wrongType.put(id, key);
        continue;
      }
      try {
        T entity = decoder.decode(key, reply);
        if (entity == null) {
          missing.add(id);
        } else {
          found.put(id, entity);
        }
      } catch (DeserializationException e) {
        failures.put(id, e);
      }
    }
    if (!wrongType.isEmpty()) {
      failures.putAll(wrongTypeFailures(wrongType));
    }
    return new BatchRead<>(found, missing, failures);
  }

  public boolean existsById(ID id) {
    String key = keyOf(id);
    return RedisCalls.call(() -> connection().commands().exists(key));
  }

  /** Deletes the document with {@code id}; {@code true} when there was one. */
  public boolean deleteById(ID id) {
    String key = keyOf(id);
    return RedisCalls.call(() -> connection().commands().unlink(key)) > 0;
  }

  /**
   * Deletes every document of the model; returns how many. An O(N) scan of the keyspace (see the
   * class comment); the {@code Long} id counter is kept, so ids are not handed out again.
   */
  public long deleteAll() {
    AtomicLong deleted = new AtomicLong();
    connection().scanKeys(documentPattern(), decoder.redisType(), keys -> {
      String[] documents = documentKeys(keys);
      if (documents.length > 0) {
        deleted.addAndGet(connection().commands().unlink(documents));
      }
    });
    return deleted.get();
  }

  /** The number of documents of the model: an O(N) scan of the keyspace (see the class comment). */
  public long count() {
    AtomicLong count = new AtomicLong();
    connection().scanKeys(documentPattern(), decoder.redisType(), keys -> count.addAndGet(documentKeys(keys).length));
    return count.get();
  }

  protected final Rekord rekord() {
    return rekord;
  }

  private RedisConnection connection() {
    return rekord.connection();
  }

  /** The entities, each with its id: kept when set, generated when {@code null}. */
  private List<T> withIds(List<? extends T> entities) {
    int missing = 0;
    for (T entity : entities) {
      if (model.id(entity) == null) {
        missing++;
      }
    }
    List<ID> generated = IdAssigner.next(connection(), model, missing);
    List<T> result = new ArrayList<>(entities.size());
    int next = 0;
    for (T entity : entities) {
      result.add(model.id(entity) == null ? model.withId(entity, generated.get(next++)) : entity);
    }
    return result;
  }

  private ScriptCall saveCall(T entity, long ttlMillis) {
    String key = keyOf(model.id(entity));
    List<String> args = model.storage() == Storage.HASH
        ? SaveScripts.hashArgs(ttlMillis, model.codec().toHash(entity))
        : SaveScripts.jsonArgs(ttlMillis, model.codec().toJson(entity));
    return new ScriptCall(List.of(key), args);
  }

  /** One pipeline of HGETALL or GET, one per id. */
  private List<Response<?>> readAll(List<ID> ids) {
    return RedisCalls.call(() -> {
      List<Response<?>> replies = new ArrayList<>(ids.size());
      try (AbstractPipeline pipeline = connection().pipeline()) {
        for (ID id : ids) {
          String key = keyOf(id);
          replies.add(model.storage() == Storage.HASH ? pipeline.hgetAll(key) : pipeline.get(key));
        }
        pipeline.sync();
      }
      return replies;
    });
  }

  /** Asks for the actual types of keys that answered WRONGTYPE, in one more round trip. */
  private Map<ID, DeserializationException> wrongTypeFailures(Map<ID, String> keys) {
    Map<ID, Response<String>> types = new LinkedHashMap<>();
    RedisCalls.run(() -> {
      try (AbstractPipeline pipeline = connection().pipeline()) {
        keys.forEach((id, key) -> types.put(id, pipeline.type(key)));
        pipeline.sync();
      }
    });
    Map<ID, DeserializationException> failures = new LinkedHashMap<>();
    types.forEach((id, type) -> failures.put(id, decoder.wrongType(keys.get(id), RedisCalls.call(type::get))));
    return failures;
  }

  /** {@code <prefix>:*} with glob characters of the prefix escaped. */
  private String documentPattern() {
    return KeyPatterns.escapeGlob(model.keyPrefix()) + ":*";
  }

  /** The keys minus Rekord's own keys that happen to match the pattern (the id counter). */
  private String[] documentKeys(List<String> keys) {
    String counter = IdSequence.counterKey(model.keyPrefix());
    return keys.stream().filter(key -> !key.equals(counter)).toArray(String[]::new);
  }

  private static boolean isWrongType(JedisException e) {
    return e instanceof JedisDataException && e.getMessage() != null && e.getMessage().startsWith("WRONGTYPE");
  }
}
