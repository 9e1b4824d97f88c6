package dev.rekord.internal.engine.search;

import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.exception.RekordException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.model.RekordModel;
import dev.rekord.schema.IndexReport;
import dev.rekord.schema.MigrationListener;
import dev.rekord.schema.MigrationReport.ModelMigration;
import dev.rekord.schema.MigrationReport.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, verifies and rebuilds a model's search index without downtime. Queries always go
 * through the alias ({@link SearchSchema#alias()}), which names a complete index; the index's name
 * carries the format and the definition's fingerprint ({@link SearchSchema#indexName()}), so the
 * name says whether it is the one the model needs.
 *
 * <ol>
 *   <li>The alias names the needed index: verified, nothing to do.
 *   <li>Otherwise every document gets its index fields rewritten ({@link SearchReindex}; the old
 *       index keeps answering meanwhile), the needed index is created ({@code FT.CREATE}, which
 *       indexes the existing hashes in the background), and once {@code FT.INFO} reports it has
 *       finished indexing, the alias is pointed at it ({@code FT.ALIASADD}, or {@code
 *       FT.ALIASUPDATE}) and the old index dropped ({@code FT.DROPINDEX} without {@code DD}: the
 *       documents stay).
 * </ol>
 *
 * Every step is idempotent, so an interrupted migration is completed by the next one. On a cluster
 * every step runs on each shard ({@link SearchShards}), whose index and alias carry its tag; the
 * documents are reindexed once.
 */
final class SearchMigration<T> {

  private static final Logger LOG = LoggerFactory.getLogger(SearchMigration.class);
  private static final Duration POLL = Duration.ofMillis(20);

  private final RedisConnection connection;
  private final RekordModel<T, ?> model;
  private final SearchSchema schema;
  private final SearchQueryEngine<T> engine;
  private final SearchShards shards;

  SearchMigration(RedisConnection connection, RekordModel<T, ?> model, SearchSchema schema,
      SearchQueryEngine<T> engine, SearchShards shards) {
    this.connection = connection;
    this.shards = shards;
    this.model = model;
    this.schema = schema;
    this.engine = engine;
  }

  ModelMigration run(MigrationListener listener, int buckets) {
    long started = System.nanoTime();
    List<String> current = shards.each(shard -> String.valueOf(aliasTarget(shard)));
    List<String> target = shards.each(SearchShards.Shard::indexName);
    if (current.equals(target)) {
      LOG.debug("Rekord: the search index of {} is up to date ({})", model.name(), target);
      return result(Outcome.VERIFIED, buckets, new QueryEngine.Rebuild(0, 0, List.of()), started);
    }
    boolean created = current.stream().allMatch("null"::equals);
    LOG.info("Rekord: building the search index {} of {}{}", String.join(", ", target), model.name(),
        created ? "" : " to replace " + current + " (queries use the old one until it is done)");
    QueryEngine.Rebuild rebuild = engine.rebuild(listener);
    shards.each(shard -> {
      install(shard);
      return shard;
    });
    ModelMigration result = result(created ? Outcome.CREATED : Outcome.REBUILT, buckets, rebuild, started);
    LOG.info("Rekord: the search index of {} is {} ({} document(s) reindexed, {} undecodable) in {} ms",
        model.name(), String.join(", ", target), rebuild.reindexed(), rebuild.undecodable(), result.duration().toMillis());
    return result;
  }

  /**
   * Gives one shard the needed index behind its alias: {@code FT.CREATE} when missing, then, once
   * it has finished indexing, {@code FT.ALIASADD} (or {@code FT.ALIASUPDATE} and the old index
   * dropped). Idempotent: a shard whose alias names the needed index is left alone.
   */
  void install(SearchShards.Shard shard) {
    String target = shard.indexName();
    String current = aliasTarget(shard);
    if (target.equals(current)) {
      return;
    }
    if (info(shard, target) == null) {
      unlessDone(shard, "FT.CREATE", with(target, schema.createArguments()));
    }
    awaitIndexed(shard, target);
    if (current == null) {
      unlessDone(shard, "FT.ALIASADD", List.of(shard.alias(), target));
    } else {
      shard.execute("FT.ALIASUPDATE", List.of(shard.alias(), target));
      dropQuietly(shard, current);
    }
  }

  /** Runs {@code command} on the shard; "already exists" means another client (or query) did it meanwhile. */
  private static void unlessDone(SearchShards.Shard shard, String command, List<String> args) {
    try {
      shard.execute(command, args);
    } catch (RedisCommandException e) {
      if (!String.valueOf(e.getMessage()).contains("already exists")) {
        throw e;
      }
    }
  }

  /** The documents of the model against the index: documents without index fields are not indexed. */
  IndexReport verify() {
    List<Long> counts = shards.each(shard -> {
      String target = aliasTarget(shard);
      Map<String, Object> info = target == null ? null : info(shard, target);
      return info == null ? -1L : number(info.get("num_docs"));
    });
    boolean indexes = !counts.isEmpty() && !counts.contains(-1L);
    long indexed = indexes ? counts.stream().mapToLong(Long::longValue).sum() : 0;
    List<IndexReport.Discrepancy> discrepancies = new ArrayList<>();
    long[] documents = {0};
    String match = dev.rekord.internal.engine.portable.KeyLayout.escapeGlob("{" + model.keyPrefix()) + "*";
    connection.scanKeys(match, "hash", keys -> {
      for (String key : keys) {
        int close = key.indexOf("}:");
        if (close < 0 || !engine.documentKey(key.substring(close + 2)).equals(key)) {
          continue;
        }
        documents[0]++;
        Object present = connection.execute(Command.of("HEXISTS", List.of(key), List.of(SearchSchema.ID)));
        if (!Long.valueOf(1).equals(present) || !indexes) {
          discrepancies.add(new IndexReport.Discrepancy(IndexReport.Kind.DOCUMENT_NOT_INDEXED, 0,
              key.substring(close + 2), key, !indexes ? "no search index" : "no index fields"));
        }
      }
    });
    return new IndexReport(model.keyPrefix(), schema.layout().buckets(), documents[0], indexed, indexed,
        discrepancies);
  }

  /** The index the shard's alias names, or {@code null} when there is no alias. */
  private static String aliasTarget(SearchShards.Shard shard) {
    Map<String, Object> info = info(shard, shard.alias());
    return info == null ? null : String.valueOf(info.get("index_name"));
  }

  /** {@code FT.INFO name} on the shard as a map, or {@code null} when there is no such index or alias. */
  private static Map<String, Object> info(SearchShards.Shard shard, String name) {
    try {
      List<?> reply = (List<?>) shard.execute("FT.INFO", List.of(name));
      Map<String, Object> info = new HashMap<>();
      for (int i = 0; i + 1 < reply.size(); i += 2) {
        info.put(String.valueOf(reply.get(i)), reply.get(i + 1));
      }
      return info;
    } catch (RedisCommandException e) {
      if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("unknown index")) {
        return null;
      }
      throw e;
    }
  }

  /** Waits until {@code index} has indexed the hashes that existed when it was created. */
  private void awaitIndexed(SearchShards.Shard shard, String index) {
    while (true) {
      Map<String, Object> info = info(shard, index);
      if (info == null) {
        throw new RekordException("the search index " + index + " of " + model.name() + " vanished while indexing");
      }
      if (number(info.get("indexing")) == 0) {
        return;
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RekordException("interrupted while " + index + " was indexing");
      }
    }
  }

  private void dropQuietly(SearchShards.Shard shard, String index) {
    try {
      shard.execute("FT.DROPINDEX", List.of(index));
    } catch (RedisCommandException e) {
      LOG.warn("Rekord: could not drop the old search index {} of {}: {}", index, model.name(), e.getMessage());
    }
  }

  private static List<String> with(String first, List<String> rest) {
    List<String> args = new ArrayList<>(1 + rest.size());
    args.add(first);
    args.addAll(rest);
    return args;
  }

  private static long number(Object value) {
    if (value instanceof Number n) {
      return n.longValue();
    }
    return value == null ? 0 : (long) Double.parseDouble(String.valueOf(value));
  }

  private ModelMigration result(Outcome outcome, int buckets, QueryEngine.Rebuild rebuild, long started) {
    return new ModelMigration(model.name(), model.keyPrefix(), outcome, buckets, model.index().fingerprint(),
        rebuild.reindexed(), rebuild.undecodable(), rebuild.undecodableKeys(),
        Duration.ofNanos(System.nanoTime() - started));
  }
}
