package dev.rekord.internal.engine.search;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScriptCall;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.Refusal;
import dev.rekord.internal.engine.WriteCondition;
import dev.rekord.internal.engine.portable.IndexWriter;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.RekordModel;
import dev.rekord.query.Condition;
import dev.rekord.query.Nearest;
import dev.rekord.query.Sort;
import dev.rekord.schema.IndexReport;
import dev.rekord.schema.MigrationListener;
import dev.rekord.schema.MigrationReport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The search engine for one model: the Redis Query Engine indexes the model's hashes ({@code
 * FT.CREATE} from the model's index definition, {@link SearchSchema}) and answers its queries
 * ({@link SearchQueries}). A save writes the document's fields and its index fields ({@link
 * SearchDocument}) in one script; the module indexes the hash as it changes. Documents live at the
 * same keys as on the portable engine. {@link #migrate} creates, verifies and rebuilds the index
 * behind an alias ({@link SearchMigration}).
 *
 * @param <T> the record type
 */
public final class SearchQueryEngine<T> implements QueryEngine<T> {

  private final RedisConnection connection;
  private final RekordModel<T, ?> model;
  private final DocumentStorage<T> storage;
  private final SearchSchema schema;
  private final SearchQueries queries;
  private final SearchWrites writes;
  private final SearchShards shards;

  public SearchQueryEngine(RedisConnection connection, RekordModel<T, ?> model, DocumentStorage<T> storage,
      int buckets) {
    this.connection = connection;
    this.model = model;
    this.storage = storage;
    this.schema = new SearchSchema(model.index(), KeyLayout.of(model.keyPrefix(), buckets));
    this.shards = new SearchShards(connection, schema, model.name());
    this.queries = new SearchQueries(connection, shards, schema, model.name(), new ServerClock(connection));
    this.writes = new SearchWrites(connection, schema.layout(), model.name());
    shards.installWith(shard -> new SearchMigration<>(connection, model, schema, this, shards).install(shard));
  }

  @Override
  public String name() {
    return "search";
  }

  /** The alias queries use ({@code rekord:member-idx}). */
  public String alias() {
    return schema.alias();
  }

  /** The name of the index this model's definition needs, behind {@link #alias()}. */
  public String indexName() {
    return schema.indexName();
  }

  @Override
  public String documentKey(String id) {
    return schema.layout().documentKey(id);
  }

  /** The id in {@code key} when it is a document key of this model's layout, else {@code null}. */
  String idOfDocumentKey(String key) {
    return schema.layout().idOfDocumentKey(key);
  }

  @Override
  public String lockKey(String id) {
    return schema.layout().bucketFor(id).lock(id);
  }

  @Override
  public String fencingKey(String id) {
    return schema.layout().bucketFor(id).fencing();
  }

  @Override
  public Write prepareSave(T entity, String id, Duration ttl) {
    return prepareSave(entity, id, ttl, WriteCondition.ALWAYS, NO_VERSION);
  }

  @Override
  public Write prepareSave(T entity, String id, Duration ttl, WriteCondition condition, long expectedVersion) {
    String versionField = expectedVersion == NO_VERSION ? null : model.versionField();
    return writes.save(id, ttl.toMillis(), SearchWrites.check(condition), versionField,
        versionField == null ? "" : Long.toString(expectedVersion), fields(entity, id));
  }

  /** The document fields of {@code entity} then its index fields, as field/value pairs. */
  private List<String> fields(T entity, String id) {
    List<String> fields = new ArrayList<>(storage.encode(entity));
    for (Map.Entry<String, String> field : indexFields(entity, id).entrySet()) {
      fields.add(field.getKey());
      fields.add(field.getValue());
    }
    return fields;
  }

  /** The index fields of {@code entity}, stored as {@code id}. */
  Map<String, String> indexFields(T entity, String id) {
    SearchDocument document = new SearchDocument(model.name(), schema);
    model.codec().indexValues(entity, document);
    return document.fields(id);
  }

  @Override
  public Optional<Refusal> save(Write write) {
    return writes.write((SearchWrites.Item) write);
  }

  @Override
  public List<Refusal> saveAll(List<Write> writes) {
    return this.writes.saveAll(writes);
  }

  @Override
  public List<Refusal> saveEach(List<Write> writes) {
    return this.writes.saveEach(writes);
  }

  @Override
  public Write prepareDelete(String id) {
    return writes.delete(id, null, 0);
  }

  @Override
  public List<Refusal> writeTogether(List<Write> writes) {
    return this.writes.writeTogether(writes);
  }

  @Override
  public OptionalLong deleteVersioned(String id, long expectedVersion) {
    return writes.deleteVersioned(id, model.versionField(), expectedVersion);
  }

  @Override
  public Snapshot read(String id) {
    List<?> reply = (List<?>) connection.eval(SearchScripts.READ, List.of(documentKey(id)), List.of());
    Object document = storage.fromScript(reply.get(0));
    long ttl = ((Number) reply.get(2)).longValue();
    // PTTL rounds down; a document about to expire keeps at least a millisecond
    return new Snapshot(document, String.valueOf(reply.get(1)), ttl < 0 ? 0 : Math.max(1, ttl));
  }

  @Override
  public Write prepareUpdate(T entity, String id, Snapshot basis) {
    return writes.save(id, basis.ttlMillis(), SearchScripts.Check.UNCHANGED, null, basis.digest(),
        fields(entity, id));
  }

  @Override
  public Write fenced(Write write, String id, long token) {
    return writes.fenced((SearchWrites.Item) write, token);
  }

  @Override
  public boolean delete(String id) {
    return connection.execute(Commands.del(documentKey(id))) > 0;
  }

  @Override
  public long deleteAll(List<String> ids) {
    Batch batch = connection.batch();
    List<Reply<Long>> replies = new ArrayList<>(ids.size());
    for (String id : ids) {
      replies.add(batch.add(Commands.del(documentKey(id))));
    }
    batch.execute();
    long deleted = 0;
    for (Reply<Long> reply : replies) {
      deleted += reply.get();
    }
    return deleted;
  }

  @Override
  public boolean expire(String id, Duration ttl) {
    return expiry(id, SearchScripts.Expiry.IN, IndexWriter.ttlMillis(ttl));
  }

  @Override
  public boolean expireAt(String id, Instant at) {
    return expiry(id, SearchScripts.Expiry.AT, at.toEpochMilli());
  }

  @Override
  public boolean persist(String id) {
    return expiry(id, SearchScripts.Expiry.PERSIST, 0);
  }

  @Override
  public void refresh(List<String> ids, Duration ttl) {
    if (ids.isEmpty()) {
      return;
    }
    long millis = IndexWriter.ttlMillis(ttl);
    List<ScriptCall> calls = new ArrayList<>(ids.size());
    for (String id : ids) {
      calls.add(expiryCall(id, SearchScripts.Expiry.REFRESH, millis));
    }
    connection.evalAll(SearchScripts.EXPIRE, calls);
  }

  /** Runs {@link SearchScripts#EXPIRE} on the document of {@code id}; whether it changed anything. */
  private boolean expiry(String id, SearchScripts.Expiry action, long millis) {
    ScriptCall call = expiryCall(id, action, millis);
    return Long.valueOf(1).equals(connection.eval(SearchScripts.EXPIRE, call.keys(), call.args()));
  }

  private ScriptCall expiryCall(String id, SearchScripts.Expiry action, long millis) {
    return new ScriptCall(List.of(documentKey(id)), List.of(action.name(), Long.toString(millis)));
  }

  @Override
  public List<String> ids(Condition<T> condition, List<Sort<T>> sort, long offset, long limit) {
    return queries.ids(condition, sort, offset, limit);
  }

  /** The page with its documents, read in the same round trip where the query allows ({@link SearchQueries#page}). */
  @Override
  public List<Row> page(Condition<T> condition, List<Sort<T>> sort, long offset, long limit) {
    return queries.page(condition, sort, offset, limit, model.codec().hashFields(), storage::fromScript);
  }

  @Override
  public Optional<List<Scored>> nearest(Condition<T> condition, Nearest<T> nearest) {
    return Optional.of(queries.nearest(condition, nearest, model.codec().hashFields(), storage::fromScript));
  }

  @Override
  public long count(Condition<T> condition) {
    return queries.count(condition);
  }

  @Override
  public boolean exists(Condition<T> condition) {
    return queries.count(condition) > 0;
  }

  @Override
  public IdCursor cursor(Condition<T> condition, List<Sort<T>> sort, int pageSize, Duration ttl) {
    return queries.cursor(condition, sort, pageSize, ttl);
  }

  /** Rewrites the index fields of every document of the model (the index itself is left alone). */
  @Override
  public Rebuild rebuild(MigrationListener listener) {
    return new SearchReindex<>(connection, model, storage, this).run(listener);
  }

  /**
   * Brings the model's index in line with its definition: creates it (and its alias) when missing,
   * verifies it by name (the name carries the fingerprint), or builds the changed index beside the
   * old one and switches the alias when it has finished indexing ({@link SearchMigration}).
   */
  public MigrationReport.ModelMigration migrate(MigrationListener listener, int buckets) {
    return new SearchMigration<>(connection, model, schema, this, shards).run(listener, buckets);
  }

  @Override
  public IndexReport verify() {
    return new SearchMigration<>(connection, model, schema, this, shards).verify();
  }

}
