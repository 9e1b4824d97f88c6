package dev.rekord;

import dev.rekord.annotations.Storage;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.DeserializationException;
import dev.rekord.internal.connection.RedisCalls;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.id.IdAssigner;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.RekordModel;
import dev.rekord.query.Condition;
import dev.rekord.schema.IndexReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Typed CRUD and queries for one model. Generated repositories ({@code MemberRepository}) extend
 * it and fix the model; applications create them with {@code new MemberRepository(rekord)}.
 *
 * <p>A document lives at {@code {<prefix>}:<id>} (one bucket) or {@code {<prefix>:<b>}:<id>} (the
 * id's bucket {@code b}): a Redis hash for {@link Storage#HASH} models, a
 * string holding JSON for {@link Storage#JSON}. Every write replaces the whole document (and its
 * expiry) together with its index entries atomically, in one Lua script. The number of buckets
 * comes from the model's schema record, read once (and created when missing).
 *
 * @param <T> the record type
 * @param <ID> the id type
 */
public class RekordRepository<T, ID> {

  /** Documents written per pipeline by {@link #saveAll}. */
  static final int SAVE_BATCH = 500;

  private final Rekord rekord;
  private final RekordModel<T, ID> model;
  private final DocumentStorage<T> storage;

  protected RekordRepository(Rekord rekord, RekordModel<T, ID> model) {
    this.rekord = rekord;
    this.model = model;
    this.storage = DocumentStorage.of(model);
  }

  public final RekordModel<T, ID> model() {
    return model;
  }

  /** The Redis key of the document with {@code id}: {@code {<prefix>}:<id>} or {@code {<prefix>:<bucket>}:<id>}. */
  public String keyOf(ID id) {
    return engine().documentKey(model.idToString(id));
  }

  /**
   * How many buckets (hash slots' worth of keys) the model's documents are spread over: fixed when
   * its schema record was created ({@link Rekord.Builder#buckets}; 1 on a standalone server, 16 on
   * a cluster by default).
   */
  public int buckets() {
    return rekord.engines().schemas().get(model).buckets();
  }

  /**
   * Compares the model's documents with its index and reports every disagreement; a maintenance
   * tool that reads the whole model (not a snapshot: run it while the model is not being written).
   * {@link Rekord#migrate()} repairs what it finds by a rebuild.
   */
  public IndexReport verifyIndex() {
    return engine().verify();
  }

  /**
   * A query for the documents matching {@code condition}, e.g. {@code
   * members.find(Member_.city.eq("Oslo")).sortBy(Member_.joinDate.desc()).limit(10).list()}.
   */
  public Query<T, ID> find(Condition<T> condition) {
    return new Query<>(this, java.util.Objects.requireNonNull(condition, "condition"));
  }

  /** A query for every document of the model. */
  public Query<T, ID> findAll() {
    return new Query<>(this, null);
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
    requireTtl(ttl);
    // An entity with its id needs no id generation (nor the lists withIds builds for a batch).
    T stored = model.id(entity) != null ? entity : withIds(List.of(entity)).get(0);
    QueryEngine<T> engine = engine();
    engine.save(engine.prepareSave(stored, model.idToString(model.id(stored)), ttl));
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
    requireTtl(ttl);
    List<T> all = new ArrayList<>();
    entities.forEach(all::add);
    List<T> stored = new ArrayList<>(all.size());
    QueryEngine<T> engine = engine();
    for (int from = 0; from < all.size(); from += SAVE_BATCH) {
      List<T> batch = withIds(all.subList(from, Math.min(from + SAVE_BATCH, all.size())));
      List<QueryEngine.Write> writes = new ArrayList<>(batch.size());
      for (T entity : batch) {
        writes.add(engine.prepareSave(entity, model.idToString(model.id(entity)), ttl));
      }
      engine.saveAll(writes);
      stored.addAll(batch);
    }
    return stored;
  }

  /**
   * The document with {@code id}, if any.
   *
   * @throws dev.rekord.exception.DeserializationException when the stored document does not match the model
   */
  public Optional<T> findById(ID id) {
    String key = keyOf(id);
    Object reply = RedisCalls.retrying(connection(), () -> { // a read: retried like queries
      try {
        return storage.read(connection().commands(), key);
      } catch (JedisException e) {
        if (isWrongType(e)) {
          throw storage.wrongType(key, RedisCalls.retrying(connection(), () -> connection().commands().type(key)));
        }
        throw e;
      }
    });
    return Optional.ofNullable(storage.decode(key, reply));
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
        T entity = storage.decode(key, reply);
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
    return RedisCalls.retrying(connection(), () -> connection().commands().exists(key));
  }

  /** Deletes the document with {@code id} and its index entries; {@code true} when there was one. */
  public boolean deleteById(ID id) {
    return engine().delete(model.idToString(id));
  }

  /**
   * Deletes every document of the model with its index entries; returns how many. Reads the ids
   * from the index ({@code #all} of every bucket), in pages; the {@code Long} id counter is kept,
   * so ids are not handed out again.
   */
  public long deleteAll() {
    return findAll().deleteAll();
  }

  /** The number of documents of the model (exact: expired documents are not counted). */
  public long count() {
    return findAll().count();
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

  /** The model's query engine (made once the schema record has been read). */
  final QueryEngine<T> engine() {
    return rekord.engines().of(model);
  }

  /**
   * The query engine for a query.
   *
   * @param usesIndexFields whether the query names indexed fields (a condition or a sort), so
   *     needs the index to match the model's definition
   * @throws dev.rekord.exception.SchemaMismatchException when it does not
   */
  final QueryEngine<T> engine(boolean usesIndexFields) {
    return rekord.engines().forQuery(model, usesIndexFields);
  }

  private static void requireTtl(Duration ttl) {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero (no expiry) or positive: " + ttl);
    }
  }

  /**
   * The documents with {@code ids} (as they appear in keys), in that order; ids without a
   * document are skipped.
   *
   * @throws dev.rekord.exception.DeserializationException for a document that cannot be decoded
   */
  final List<T> load(List<String> ids) {
    List<ID> typed = new ArrayList<>(ids.size());
    for (String id : ids) {
      typed.add(model.idFromString(id));
    }
    return findAllById(typed).valuesOrThrow();
  }

  /** One pipeline of HGETALL or GET, one per id. */
  private List<Response<?>> readAll(List<ID> ids) {
    return RedisCalls.retrying(connection(), () -> {
      List<Response<?>> replies = new ArrayList<>(ids.size());
      try (AbstractPipeline pipeline = connection().pipeline()) {
        for (ID id : ids) {
          String key = keyOf(id);
          replies.add(storage.read(pipeline, key));
        }
        pipeline.sync();
      }
      for (Response<?> reply : replies) {
        try {
          reply.get();
        } catch (JedisException | IllegalStateException e) {
          if (RedisCalls.isTransient(e)) {
            throw e; // a failed node or a redirection: read them all again
          }
        }
      }
      return replies;
    });
  }

  /** Asks for the actual types of keys that answered WRONGTYPE, in one more round trip. */
  private Map<ID, DeserializationException> wrongTypeFailures(Map<ID, String> keys) {
    Map<ID, Response<String>> types = new LinkedHashMap<>();
    RedisCalls.retrying(connection(), () -> {
      types.clear();
      try (AbstractPipeline pipeline = connection().pipeline()) {
        keys.forEach((id, key) -> types.put(id, pipeline.type(key)));
        pipeline.sync();
      }
      return null;
    });
    Map<ID, DeserializationException> failures = new LinkedHashMap<>();
    types.forEach((id, type) -> failures.put(id, storage.wrongType(keys.get(id), RedisCalls.call(type::get))));
    return failures;
  }

  private static boolean isWrongType(JedisException e) {
    return e instanceof JedisDataException && e.getMessage() != null && e.getMessage().startsWith("WRONGTYPE");
  }
}
