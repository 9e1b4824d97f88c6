package dev.rekord.benchmarks;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.commands.ProtocolCommand;

/**
 * {@code FT.SEARCH} by hand, as a team without Rekord would write it: its own index ({@value
 * #INDEX}) over the {@link SearchMember} hashes Rekord saved on the search engine — the plain fields
 * ({@code city}, {@code country} TAG; {@code age}, {@code points} NUMERIC SORTABLE) and the vector's
 * blob — each query one round trip returning the record's own fields only, decoded by hand, with
 * {@code TIMEOUT 0} as Rekord's engine sends (the module's default answers a slow query partially).
 * Also the raw-command helpers of the KNN benchmarks ({@link #run}, {@link #bytes}, {@link #text}).
 */
final class RawSearch {
  static final String INDEX = "raw-search-idx";
  /** The record's fields: what the hand-written queries {@code RETURN}. */
  private static final List<String> FIELDS =
      List.of("id", "city", "country", "age", "name", "email", "joinDate", "points", "embedding");

  /** A page: the total the server counted, and the documents. */
  record Page(long total, List<SearchMember> documents) {}

  private final RedisClient client;

  /** {@code client}: RESP2, the shape RediSearch 2.6 answers in. */
  RawSearch(RedisClient client) {
    this.client = client;
  }

  RedisClient client() {
    return client;
  }

  /** {@code FT.CREATE}, then waits until the existing hashes are indexed. */
  void createIndex(String documentPrefix, String vectorField, int dimensions) {
    run(client, "FT.CREATE", INDEX, "ON", "HASH", "PREFIX", "1", documentPrefix, "SCHEMA",
        "city", "TAG", "country", "TAG", "age", "NUMERIC", "SORTABLE", "points", "NUMERIC", "SORTABLE",
        vectorField, "AS", "vec", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", Integer.toString(dimensions),
        "DISTANCE_METRIC", "L2");
    waitForIndexing(client, INDEX);
  }

  /** The index of the documents loaded by hand ({@link #hsetAll}), on {@value #LOAD_PREFIX}. */
  static final String LOAD_INDEX = "raw-load-idx";
  private static final String LOAD_PREFIX = "rawload:";

  /** {@link #INDEX}'s schema on {@value #LOAD_PREFIX}, created empty: {@link #hsetAll}'s hashes are indexed as written. */
  void createLoadIndex(int dimensions) {
    run(client, "FT.CREATE", LOAD_INDEX, "ON", "HASH", "PREFIX", "1", LOAD_PREFIX, "SCHEMA",
        "city", "TAG", "country", "TAG", "age", "NUMERIC", "SORTABLE", "points", "NUMERIC", "SORTABLE",
        "vec", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM", Integer.toString(dimensions), "DISTANCE_METRIC", "L2");
  }

  /**
   * Saves {@code batch} (documents {@code from …}) by hand: one pipelined {@code HSET} each of the
   * record's fields as Rekord's codec writes them and the vector's blob, as a team would.
   */
  void hsetAll(int from, List<SearchMember> batch) {
    try (AbstractPipeline p = client.pipelined()) {
      for (int i = 0; i < batch.size(); i++) {
        SearchMember member = batch.get(i);
        Map<byte[], byte[]> hash = new LinkedHashMap<>();
        SearchMemberCodec.INSTANCE.toHash(member).forEach((field, value) ->
            hash.put(field.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
        hash.put("vec".getBytes(StandardCharsets.UTF_8), bytes(member.embedding()));
        p.hset((LOAD_PREFIX + (from + i)).getBytes(StandardCharsets.UTF_8), hash);
      }
      p.sync();
    }
  }

  /** Drops {@link #LOAD_INDEX} and the documents loaded by hand. */
  void dropLoadIndex() {
    run(client, "FT.DROPINDEX", LOAD_INDEX, "DD");
  }

  /** {@code FT.SEARCH raw-search-idx <query> [SORTBY sortBy ASC] LIMIT 0 limit RETURN 9 … DIALECT 2 TIMEOUT 0}. */
  Page search(String query, String sortBy, int limit) {
    CommandArguments args = new CommandArguments(command("FT.SEARCH")).add(INDEX).add(query);
    if (sortBy != null) {
      args.add("SORTBY").add(sortBy).add("ASC");
    }
    args.add("LIMIT").add("0").add(Integer.toString(limit));
    returning(args, FIELDS);
    return page(args.add("DIALECT").add("2").add("TIMEOUT").add("0"));
  }

  /** {@code FT.SEARCH raw-search-idx "<filter>=>[KNN k @vec $q AS d]" PARAMS 2 q <blob> RETURN … SORTBY d LIMIT 0 k DIALECT 2 TIMEOUT 0}. */
  Page knn(String filter, float[] vector, int k) {
    CommandArguments args = new CommandArguments(command("FT.SEARCH")).add(INDEX)
        .add(filter + "=>[KNN " + k + " @vec $q AS d]").add("PARAMS").add("2").add("q").add(bytes(vector));
    List<String> returned = new ArrayList<>(FIELDS);
    returned.add("d");
    returning(args, returned);
    return page(args.add("SORTBY").add("d").add("LIMIT").add("0").add(Integer.toString(k)).add("DIALECT").add("2")
        .add("TIMEOUT").add("0"));
  }

  /** {@code FT.INFO} of {@code index} as name → value (nested replies as they come). */
  Map<String, Object> info(String index) {
    List<?> reply = (List<?>) run(client, "FT.INFO", index);
    Map<String, Object> info = new LinkedHashMap<>();
    for (int i = 0; i + 1 < reply.size(); i += 2) {
      Object value = reply.get(i + 1);
      info.put(text(reply.get(i)), value instanceof byte[] ? text(value) : value);
    }
    return info;
  }

  private static void returning(CommandArguments args, List<String> fields) {
    args.add("RETURN").add(Integer.toString(fields.size()));
    fields.forEach(args::add);
  }

  private Page page(CommandArguments args) {
    List<?> reply = (List<?>) client.executeCommand(new CommandObject<>(args, BuilderFactory.RAW_OBJECT_LIST));
    List<SearchMember> found = new ArrayList<>(reply.size() / 2);
    for (int i = 1; i + 1 < reply.size(); i += 2) {
      found.add(decode((List<?>) reply.get(i + 1)));
    }
    return new Page((Long) reply.get(0), found);
  }

  /** The record from a reply's field/value pairs, by hand. */
  private static SearchMember decode(List<?> fields) {
    Map<String, String> hash = new LinkedHashMap<>();
    for (int f = 0; f + 1 < fields.size(); f += 2) {
      hash.put(text(fields.get(f)), text(fields.get(f + 1)));
    }
    return new SearchMember(hash.get("id"), hash.get("city"), hash.get("country"), Integer.parseInt(hash.get("age")),
        hash.get("name"), hash.get("email"), LocalDate.parse(hash.get("joinDate")), Long.parseLong(hash.get("points")),
        floats(Base64.getDecoder().decode(hash.get("embedding"))));
  }

  /** Polls {@code FT.INFO} until {@code indexing} is 0. */
  static void waitForIndexing(RedisClient client, String index) {
    for (int i = 0; i < 36_000; i++) {
      List<?> info = (List<?>) run(client, "FT.INFO", index);
      for (int f = 0; f + 1 < info.size(); f += 2) {
        if (text(info.get(f)).equals("indexing") && text(info.get(f + 1)).equals("0")) {
          return;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    throw new IllegalStateException("the index " + index + " did not finish indexing");
  }

  /** FLOAT32 little-endian: the blob the Query Engine indexes. */
  static byte[] bytes(float[] vector) {
    ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buffer.asFloatBuffer().put(vector);
    return buffer.array();
  }

  static float[] floats(byte[] bytes) {
    float[] v = new float[bytes.length / 4];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }

  static String text(Object value) {
    return value instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(value);
  }

  /** Any command by name, its reply raw (bulk strings as bytes). */
  static Object run(RedisClient client, String name, String... args) {
    return client.executeCommand(new CommandObject<>(
        new CommandArguments(command(name)).addObjects((Object[]) args), BuilderFactory.RAW_OBJECT));
  }

  static ProtocolCommand command(String name) {
    byte[] raw = name.getBytes(StandardCharsets.UTF_8);
    return () -> raw;
  }
}
