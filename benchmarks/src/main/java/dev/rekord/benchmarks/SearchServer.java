package dev.rekord.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.args.SortingOrder;
import redis.clients.jedis.search.Document;
import redis.clients.jedis.search.FTCreateParams;
import redis.clients.jedis.search.FTSearchParams;
import redis.clients.jedis.search.IndexDataType;
import redis.clients.jedis.search.schemafields.NumericField;
import redis.clients.jedis.search.schemafields.TagField;

/**
 * The peer: RediSearch 2.6 (the Redis Query Engine, loaded by {@code run.sh} into a second
 * redis-server) holding the same hashes as Rekord's {@link FourIndexMember} documents, under the
 * same keys, indexed by {@code FT.CREATE … ON HASH} on the same four fields. Queried the way a Java
 * user would, with Jedis' {@code ftSearch}, {@code DIALECT 2}, and decoded into the same records.
 */
final class SearchServer implements AutoCloseable {
  static final String INDEX = "bench-member4-idx";
  private static final int COPY_BATCH = 1000;

  // RESP2: RediSearch 2.6 answers in RESP2 shapes, which Jedis' RESP3 search parsers do not read.
  private final RedisClient client;
  private final ServerStats stats;

  SearchServer(String host, int port) {
    this.client = RawJedis.connect(host, port, RedisProtocol.RESP2);
    this.stats = new ServerStats(client);
  }

  ServerStats stats() {
    return stats;
  }

  void flush() {
    client.flushAll();
  }

  /**
   * Rekord's field holding a document's index manifest (layout 6): part of Rekord's index, not of
   * the document, so it is not copied — the peer gets the record's fields only.
   */
  private static final String MANIFEST_FIELD = "#";

  /**
   * Copies the hashes at {@code keys} from {@code source} (HGETALL) to the same keys here (HSET),
   * pipelined, without Rekord's {@link #MANIFEST_FIELD}.
   */
  void copy(RedisClient source, List<String> keys) {
    for (int from = 0; from < keys.size(); from += COPY_BATCH) {
      List<String> batch = keys.subList(from, Math.min(from + COPY_BATCH, keys.size()));
      List<Response<Map<String, String>>> hashes = new ArrayList<>(batch.size());
      try (AbstractPipeline p = source.pipelined()) {
        batch.forEach(key -> hashes.add(p.hgetAll(key)));
        p.sync();
      }
      try (AbstractPipeline p = client.pipelined()) {
        for (int i = 0; i < batch.size(); i++) {
          Map<String, String> fields = new java.util.HashMap<>(hashes.get(i).get());
          fields.remove(MANIFEST_FIELD);
          p.hset(batch.get(i), fields);
        }
        p.sync();
      }
    }
  }

  /**
   * {@code FT.CREATE bench-member4-idx ON HASH PREFIX 1 <prefix> SCHEMA city TAG country TAG age
   * NUMERIC SORTABLE points NUMERIC SORTABLE}, then waits until the existing hashes are indexed
   * ({@code FT.INFO}: {@code indexing} 0, {@code percent_indexed} 1).
   */
  void createIndex(String prefix) {
    client.ftCreate(INDEX, FTCreateParams.createParams().on(IndexDataType.HASH).prefix(prefix),
        List.of(TagField.of("city"), TagField.of("country"), NumericField.of("age").sortable(),
            NumericField.of("points").sortable()));
    while (true) {
      Map<String, Object> info = info();
      if (Double.parseDouble(String.valueOf(info.get("indexing"))) == 0
          && Double.parseDouble(String.valueOf(info.get("percent_indexed"))) == 1) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /** {@code FT.DROPINDEX} without {@code DD}: the hashes stay. */
  void dropIndex() {
    client.ftDropIndex(INDEX);
  }

  Map<String, Object> info() {
    return client.ftInfo(INDEX);
  }

  /** {@code FT.SEARCH bench-member4-idx <query> [SORTBY sortBy ASC] LIMIT offset limit DIALECT 2 TIMEOUT 0}. */
  List<FourIndexMember> search(String query, String sortBy, int offset, int limit) {
    // TIMEOUT 0, as Rekord's search engine sends: under load the module's default (500 ms,
    // ON_TIMEOUT RETURN) answers a deep sorted page from the documents scanned so far, silently.
    FTSearchParams params = FTSearchParams.searchParams().limit(offset, limit).dialect(2).timeout(0);
    if (sortBy != null) {
      params.sortBy(sortBy, SortingOrder.ASC);
    }
    List<FourIndexMember> members = new ArrayList<>(limit);
    for (Document document : client.ftSearch(INDEX, query, params).getDocuments()) {
      Map<String, String> hash = new HashMap<>();
      document.getProperties().forEach(field -> hash.put(field.getKey(), document.getString(field.getKey())));
      members.add(FourIndexMember.of(Dataset.fromHash(hash)));
    }
    return members;
  }

  /** A tag value for a query ({@code @city:{…}}): every character but letters and digits escaped. */
  static String tag(String value) {
    StringBuilder out = new StringBuilder(value.length() + 4);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  @Override
  public void close() {
    client.close();
  }
}
