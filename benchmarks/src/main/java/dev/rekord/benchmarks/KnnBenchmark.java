package dev.rekord.benchmarks;

import dev.rekord.Neighbor;
import dev.rekord.Rekord;
import dev.rekord.model.Engine;
import dev.rekord.query.Condition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;

/**
 * KNN top 10 on the same documents, with and without a filter (one category of ten): Rekord on the
 * search engine ({@code query.nearest}: FT.SEARCH for ids and distances, then the documents) vs a
 * raw {@code FT.SEARCH} by hand on its own index over the same hashes (one round trip returning
 * category, embedding and distance, decoded into the same records), and Rekord's portable engine
 * (exact, reading every match) on a copy of the data. Sides alternate round by round; p50 and
 * ops/s per side, and the ratio Rekord ÷ raw. Run by {@code benchmarks/knn.sh}.
 */
public final class KnnBenchmark {

  private static final int DIMENSIONS = 128;
  private static final int CATEGORIES = 10;
  private static final String RAW_INDEX = "raw-vector-idx";

  public static void main(String[] args) {
    Options options = new Options(args);
    int docs = options.integer("docs", 20_000);
    int queries = options.integer("queries", 1_000);
    int portableQueries = options.integer("portable-queries", 20);
    int rounds = options.integer("rounds", 3);
    String url = "redis://127.0.0.1:" + options.get("port", "6379");
    Random random = new Random(42);
    List<VectorProduct> data = new ArrayList<>(docs);
    for (int i = 0; i < docs; i++) {
      data.add(new VectorProduct("p" + i, "c" + random.nextInt(CATEGORIES), vector(random)));
    }
    List<float[]> probes = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      probes.add(vector(random));
    }
    try (Rekord search = Rekord.builder().url(url).engine(VectorProduct.class, Engine.SEARCH)
            .socketTimeout(Duration.ofMinutes(1)).build();
        RedisClient raw = RawJedis.connect("127.0.0.1", Integer.parseInt(options.get("port", "6379")),
            RedisProtocol.RESP2)) {
      raw.flushAll();
      search.migrate();
      VectorProductRepository products = new VectorProductRepository(search);
      for (int from = 0; from < docs; from += 1000) {
        products.saveAll(data.subList(from, Math.min(docs, from + 1000)));
      }
      RawSearch.run(raw, "FT.CREATE", RAW_INDEX, "ON", "HASH", "PREFIX", "1", "{bench-vector}:", "SCHEMA",
          "category", "TAG", "__rk.v.embedding", "AS", "vec", "VECTOR", "FLAT", "6", "TYPE", "FLOAT32", "DIM",
          Integer.toString(DIMENSIONS), "DISTANCE_METRIC", "L2");
      RawSearch.waitForIndexing(raw, RAW_INDEX);
      Condition<VectorProduct> filter = VectorProduct_.category.eq("c3");
      System.out.println("| KNN top 10, " + docs + " docs × " + DIMENSIONS + " dims | side | p50 µs | p99 µs | ops/s |");
      System.out.println("|---|---|--:|--:|--:|");
      for (boolean filtered : new boolean[] {false, true}) {
        String what = filtered ? "filter (1 category in 10)" : "no filter";
        Latencies rekordSide = new Latencies();
        Latencies rawSide = new Latencies();
        Latencies everyFieldSide = new Latencies();
        for (int round = 0; round <= rounds; round++) { // round 0 warms up
          boolean keep = round > 0;
          time(keep ? rekordSide : new Latencies(), probes, q -> (filtered ? products.find(filter) : products.findAll())
              .nearest(VectorProduct_.embedding.nearest(q, 10)).list().size());
          time(keep ? rawSide : new Latencies(), probes, q -> rawKnn(raw, q, filtered, true).size());
          time(keep ? everyFieldSide : new Latencies(), probes, q -> rawKnn(raw, q, filtered, false).size());
        }
        row(what, "Rekord, search engine", rekordSide);
        row(what, "raw FT.SEARCH", rawSide);
        row(what, "raw FT.SEARCH returning every field of the hash (Rekord's index fields too)", everyFieldSide);
        System.out.printf("| %s | ratio Rekord ÷ raw (p50) | %.2f | | |%n", what,
            rekordSide.percentileMicros(50) / rawSide.percentileMicros(50));
        System.out.printf("| %s | ratio every field ÷ RETURN (p50): what a RETURN saves | %.2f | | |%n", what,
            everyFieldSide.percentileMicros(50) / rawSide.percentileMicros(50));
      }
    }
    try (Rekord portable = Rekord.builder().url(url).engine(VectorProduct.class, Engine.PORTABLE)
        .socketTimeout(Duration.ofMinutes(1)).build()) {
      portable.migrate(); // rebuilds the portable index of the same documents
      VectorProductRepository products = new VectorProductRepository(portable);
      List<float[]> few = probes.subList(0, Math.min(portableQueries, probes.size()));
      for (boolean filtered : new boolean[] {false, true}) {
        Latencies side = new Latencies();
        time(new Latencies(), few.subList(0, Math.min(3, few.size())), q -> products.findAll()
            .nearest(VectorProduct_.embedding.nearest(q, 10)).list().size());
        time(side, few, q -> (filtered ? products.find(VectorProduct_.category.eq("c3")) : products.findAll())
            .nearest(VectorProduct_.embedding.nearest(q, 10)).list().size());
        row(filtered ? "filter (1 category in 10)" : "no filter", "Rekord, portable engine (exact, reads every match)",
            side);
      }
    }
  }

  private static void row(String what, String side, Latencies latencies) {
    System.out.printf("| %s | %s | %.0f | %.0f | %.0f |%n", what, side, latencies.percentileMicros(50),
        latencies.percentileMicros(99), latencies.opsPerSecond());
  }

  private static void time(Latencies latencies, List<float[]> probes, Function<float[], Integer> query) {
    long wall = System.nanoTime();
    for (float[] probe : probes) {
      long start = System.nanoTime();
      if (query.apply(probe) != 10) {
        throw new IllegalStateException("a KNN query did not return 10 documents");
      }
      latencies.add(System.nanoTime() - start);
    }
    latencies.addWall(System.nanoTime() - wall);
  }

  /**
   * FT.SEARCH by hand: one round trip, the documents decoded from the reply; {@code returning}:
   * {@code RETURN} the record's fields and the distance, else every field of the hash (what
   * Rekord's search engine read before its KNN named the codec's fields).
   */
  private static List<VectorProduct> rawKnn(RedisClient raw, float[] query, boolean filtered, boolean returning) {
    CommandArguments args = new CommandArguments(RawSearch.command("FT.SEARCH")).add(RAW_INDEX)
        .add((filtered ? "@category:{c3}" : "*") + "=>[KNN 10 @vec $q AS d]")
        .add("PARAMS").add("2").add("q").add(RawSearch.bytes(query))
        .add("SORTBY").add("d").add("LIMIT").add("0").add("10").add("DIALECT").add("2").add("TIMEOUT").add("0");
    if (returning) {
      args.add("RETURN").add("3").add("category").add("embedding").add("d");
    }
    List<?> reply = (List<?>) raw.executeCommand(new redis.clients.jedis.CommandObject<>(args,
        redis.clients.jedis.BuilderFactory.RAW_OBJECT_LIST));
    List<VectorProduct> found = new ArrayList<>(10);
    for (int i = 1; i + 1 < reply.size(); i += 2) {
      String key = RawSearch.text(reply.get(i));
      List<?> fields = (List<?>) reply.get(i + 1);
      String category = null;
      float[] embedding = null;
      for (int f = 0; f + 1 < fields.size(); f += 2) {
        String name = RawSearch.text(fields.get(f));
        if (name.equals("category")) {
          category = RawSearch.text(fields.get(f + 1));
        } else if (name.equals("embedding")) {
          embedding = RawSearch.floats(Base64.getDecoder().decode(RawSearch.text(fields.get(f + 1))));
        }
      }
      found.add(new VectorProduct(key.substring(key.indexOf(':') + 1), category, embedding));
    }
    return found;
  }

  private static float[] vector(Random random) {
    float[] v = new float[DIMENSIONS];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  private KnnBenchmark() {}
}
