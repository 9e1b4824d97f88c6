package dev.rekord.internal.engine.portable;

import dev.rekord.changes.ChangeStream;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.CrossBucketWriteException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.Refusal;
import dev.rekord.internal.engine.WriteCondition;
import dev.rekord.connection.ScriptCall;
import dev.rekord.internal.storage.DocumentStorage;
import dev.rekord.model.RekordModel;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import dev.rekord.schema.IndexReport;
import dev.rekord.schema.MigrationListener;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.OptionalLong;
import java.nio.charset.StandardCharsets;

/**
 * The portable engine for one model: Rekord's own secondary indexes in core data structures, kept
 * by Lua scripts, on any Redis 7 or later, standalone or cluster. Writes go through {@link
 * IndexWriter} (document, entries and manifest in one script), queries through {@link
 * PortableQueries} ({@code query.lua}), rebuilds through {@link PortableRebuild} and checks
 * through {@link IndexVerifier}; the keys are those of the model's {@link KeyLayout}.
 *
 * @param <T> the record type
 */
public final class PortableQueryEngine<T> implements QueryEngine<T> {

  private final RedisConnection connection;
  private final RekordModel<T, ?> model;
  private final DocumentStorage<T> storage;
  private final EngineProtocol.Form form;
  private final KeyLayout layout;
  private final IndexWriter writer;
  private final Feed feed;
  private final PortableQueries queries;

  public PortableQueryEngine(RedisConnection connection, RekordModel<T, ?> model, DocumentStorage<T> storage,
      int buckets) {
    this(connection, model, storage, buckets, Feed.NONE);
  }

  /** The engine of a model whose writes, deletes and expiries are reported to {@code feed}. */
  public PortableQueryEngine(RedisConnection connection, RekordModel<T, ?> model, DocumentStorage<T> storage,
      int buckets, Feed feed) {
    this(connection, model, storage, KeyLayout.of(model.keyPrefix(), buckets), feed);
  }

  /** The engine of a model whose keys are {@code layout}'s (its buckets and index layout). */
  public PortableQueryEngine(RedisConnection connection, RekordModel<T, ?> model, DocumentStorage<T> storage,
      KeyLayout layout, Feed feed) {
    this.connection = connection;
    this.model = model;
    this.storage = storage;
    this.form = EngineProtocol.Form.of(storage.scriptKind());
    this.layout = layout;
    this.writer = new IndexWriter(connection, layout, feed);
    this.feed = feed;
    this.queries = new PortableQueries(connection, layout, model.index().compounds(), form, feed,
        model.refreshTtlOnRead());
  }

  @Override
  public String name() {
    return "portable";
  }

  /** The key layout, for the engine's own tools and tests. */
  public KeyLayout layout() {
    return layout;
  }

  @Override
  public String documentKey(String id) {
    return layout.documentKey(id);
  }

  @Override
  public String lockKey(String id) {
    return layout.bucketFor(id).lock(id);
  }

  @Override
  public String fencingKey(String id) {
    return layout.bucketFor(id).fencing();
  }

  @Override
  public Write prepareSave(T entity, String id, Duration ttl) {
    return prepareSave(entity, id, ttl, WriteCondition.ALWAYS, NO_VERSION);
  }

  @Override
  public Write prepareSave(T entity, String id, Duration ttl, WriteCondition condition, long expectedVersion) {
    IndexEntries entries = IndexEntries.create(model.name());
    model.codec().indexValues(entity, entries);
    String versionField = expectedVersion == NO_VERSION ? null : model.versionField();
    return new PortableWrite(writer.saveCall(id, condition, versionField, expectedVersion, form,
        storage.encode(entity), ttl, entries), condition == WriteCondition.NEW);
  }

  @Override
  public Optional<Refusal> save(Write write) {
    PortableWrite portable = (PortableWrite) write;
    return portable.newId() ? writer.saveNew(portable.call()) : writer.save(portable.call());
  }

  @Override
  public List<Refusal> saveAll(List<Write> writes) {
    List<ScriptCall> calls = new ArrayList<>(writes.size());
    BitSet newIds = new BitSet(writes.size());
    for (Write write : writes) {
      PortableWrite portable = (PortableWrite) write;
      newIds.set(calls.size(), portable.newId());
      calls.add(portable.call());
    }
    return writer.saveAll(calls, newIds);
  }

  @Override
  public List<Refusal> saveEach(List<Write> writes) {
    List<ScriptCall> calls = new ArrayList<>(writes.size());
    for (Write write : writes) {
      calls.add(((PortableWrite) write).call());
    }
    return writer.saveEach(calls);
  }

  @Override
  public Write prepareDelete(String id) {
    return new PortableWrite(writer.deleteCall(id, form, model.versionField()), false);
  }

  @Override
  public List<Refusal> writeTogether(List<Write> writes) {
    List<ScriptCall> calls = new ArrayList<>(writes.size());
    Set<String> buckets = new LinkedHashSet<>();
    for (Write write : writes) {
      ScriptCall call = ((PortableWrite) write).call();
      calls.add(call);
      buckets.add(layout.bucketFor(ScriptCalls.savedId(call)).tag());
    }
    if (buckets.size() > 1) {
      throw new CrossBucketWriteException(model.name(), List.copyOf(buckets));
    }
    return calls.isEmpty() ? List.of() : writer.writeTogether(calls);
  }

  @Override
  public boolean delete(String id) {
    return writer.delete(id, form, model.versionField());
  }

  @Override
  public long deleteAll(List<String> ids) {
    return writer.deleteAll(ids, form, model.versionField());
  }

  @Override
  public <ID> ChangeStream<ID> changes(Function<String, ID> ids) {
    if (feed.equals(Feed.NONE)) {
      throw new IllegalStateException(model.name() + " has no change feed; configure one with"
          + " Rekord.builder().changes(" + model.type().getSimpleName() + ".class, ChangeOptions.stream())");
    }
    return new PortableChangeStream<>(connection, model.name(), layout, feed, ids);
  }

  @Override
  public boolean expire(String id, Duration ttl) {
    return writer.expire(id, form, model.versionField(), EngineProtocol.Expire.IN, IndexWriter.ttlMillis(ttl));
  }

  @Override
  public boolean expireAt(String id, Instant at) {
    return writer.expire(id, form, model.versionField(), EngineProtocol.Expire.AT, at.toEpochMilli());
  }

  @Override
  public boolean persist(String id) {
    return writer.expire(id, form, model.versionField(), EngineProtocol.Expire.PERSIST, 0);
  }

  @Override
  public void refresh(List<String> ids, Duration ttl) {
    writer.refreshAll(ids, form, model.versionField(), IndexWriter.ttlMillis(ttl));
  }

  @Override
  public boolean refreshesWithRead() {
    return true;
  }

  @Override
  public List<Stored> readRefreshing(List<String> ids, Duration ttl) {
    List<Stored> read = new ArrayList<>(ids.size());
    for (List<?> reply : writer.readRefreshingAll(ids, form, model.versionField(), IndexWriter.ttlMillis(ttl))) {
      read.add(reply.size() > 1 ? new Stored(null, text(reply.get(1))) : new Stored(storage.fromScript(reply.get(0)), null));
    }
    return read;
  }

  @Override
  public OptionalLong deleteVersioned(String id, long expectedVersion) {
    return writer.deleteVersioned(id, form, model.versionField(), expectedVersion);
  }

  @Override
  public Snapshot read(String id) {
    return snapshot(writer.read(id, form));
  }

  @Override
  public List<Snapshot> readAll(List<String> ids) {
    List<Snapshot> read = new ArrayList<>(ids.size());
    for (List<?> reply : writer.readAll(ids, form)) {
      read.add(snapshot(reply));
    }
    return read;
  }

  /** A reply of {@code read.lua} as a snapshot. */
  private Snapshot snapshot(List<?> reply) {
    Object document = storage.fromScript(reply.get(0));
    String digest = text(reply.get(1));
    long ttl = ((Number) reply.get(2)).longValue();
    // PTTL rounds down; a document about to expire keeps at least a millisecond
    return new Snapshot(document, digest, ttl < 0 ? 0 : Math.max(1, ttl));
  }

  @Override
  public Write prepareUpdate(T entity, String id, Snapshot basis) {
    IndexEntries entries = IndexEntries.create(model.name());
    model.codec().indexValues(entity, entries);
    return new PortableWrite(ScriptCalls.saveUnchanged(layout.bucketFor(id), id, model.versionField(), basis.digest(), form,
        basis.ttlMillis(), storage.encode(entity), entries), false);
  }

  @Override
  public Write fenced(Write write, String id, long token) {
    KeyLayout.Bucket bucket = layout.bucketFor(id);
    return new PortableWrite(ScriptCalls.fenced(((PortableWrite) write).call(), bucket, bucket.lock(id), token), false);
  }

  private static String text(Object value) {
    return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
  }

  @Override
  public List<String> ids(Condition<T> condition, List<Sort<T>> sort, long offset, long limit) {
    return queries.ids(condition, sort, offset, limit);
  }

  @Override
  public List<Row> page(Condition<T> condition, List<Sort<T>> sort, long offset, long limit) {
    return rows(queries.page(condition, sort, offset, limit));
  }

  @Override
  public void pages(Condition<T> condition, List<Sort<T>> sort, long offset, long limit,
      java.util.function.Consumer<List<Row>> each) {
    queries.pages(condition, sort, offset, limit, page -> each.accept(rows(page)));
  }

  /** The rows of a page, each document as {@code storage.read} returns it. */
  private List<Row> rows(List<PortableQueries.PageRow> page) {
    List<Row> rows = new ArrayList<>(page.size());
    for (PortableQueries.PageRow row : page) {
      rows.add(new Row(row.id(), storage.fromScript(row.document())));
    }
    return rows;
  }

  @Override
  public void forgetIfGone(List<String> ids) {
    writer.dropAllIfGone(ids);
  }

  @Override
  public long count(Condition<T> condition) {
    return queries.count(condition);
  }

  @Override
  public boolean exists(Condition<T> condition) {
    return queries.exists(condition);
  }

  @Override
  public IdCursor cursor(Condition<T> condition, List<Sort<T>> sort, int pageSize, Duration ttl) {
    return queries.cursor(condition, sort, pageSize, ttl);
  }

  @Override
  public Rebuild rebuild(MigrationListener listener) {
    return new PortableRebuild<>(connection, model, storage, writer).run(listener);
  }

  @Override
  public IndexReport verify() {
    return IndexVerifier.verify(connection, layout);
  }

  /** A prepared write: its script call, and whether it saves a document under an id just generated ({@link WriteCondition#NEW}). */
  private record PortableWrite(ScriptCall call, boolean newId) implements Write {}
}
