package dev.rekord.benchmarks;

import dev.rekord.Rekord;
import dev.rekord.model.IndexLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import redis.clients.jedis.RedisClient;

/**
 * Rekord on a standalone server against Rekord on a Redis Cluster, in one run: started by {@code
 * benchmarks/run.sh --cluster}, which starts both (every server on one CPU, this JVM on the other).
 *
 * <p>Part 1, side by side: the standalone server with 1 bucket and the cluster with 16 (the
 * defaults), each loaded with the same documents, every operation in alternating blocks ({@link
 * SideBySide}: ratios are cluster ÷ standalone; server CPU and round trips sum over the masters),
 * ending with the cluster targets. Part 2,
 * the bucket sweep: on each deployment in turn, for each bucket count, flush, load and time the
 * three query shapes. Arguments: {@code --port P} (standalone), {@code --cluster h:p,h:p,…} (every
 * master), {@code --docs N} (100000), {@code --ops N} (10000), {@code --queries N} (500), {@code
 * --rounds N} (5), {@code --buckets 1,4,16,64}. Both deployments are flushed: never point it at
 * servers holding data.
 */
public final class ClusterBenchmark {
  private static final int LIMIT = 20;
  private static final int BATCH = 10_000;

  private static final int DEEP = 10_000;

  private final Options options;
  private final int docs;
  private final int ops;
  private final int queries;
  private final int rounds;
  private final SideBySide sides;

  private ClusterBenchmark(Options options) {
    this.options = options;
    this.docs = options.integer("docs", 100_000);
    this.ops = options.integer("ops", 10_000);
    this.queries = options.integer("queries", 500);
    this.rounds = options.integer("rounds", 5);
    this.sides = new SideBySide(rounds);
  }

  public static void main(String[] args) {
    Options options = new Options(args);
    if (!options.has("port") || !options.has("cluster")) {
      System.err.println("usage: ClusterBenchmark --port P --cluster h:p,h:p,h:p [--docs N] [--ops N] "
          + "[--queries N] [--rounds N] [--buckets 1,4,16,64] [--layout standard|compact]");
      System.exit(2);
    }
    new ClusterBenchmark(options).run();
  }

  /** One deployment: its URL for Rekord, and a plain client per master for flushing and statistics. */
  private record Deployment(String name, String url, List<RedisClient> masters, IndexLayout layout)
      implements AutoCloseable {
    /** The masters as {@code host:port}. */
    List<String> nodes() {
      return List.of(url.substring("redis://".length()).split(","));
    }

    static Deployment of(String name, List<String> nodes, IndexLayout layout) {
      List<RedisClient> masters = new ArrayList<>();
      for (String node : nodes) {
        int colon = node.lastIndexOf(':');
        masters.add(RawJedis.connect(node.substring(0, colon), Integer.parseInt(node.substring(colon + 1)), null));
      }
      return new Deployment(name, "redis://" + String.join(",", nodes), masters, layout);
    }

    void flush() {
      masters.forEach(RedisClient::flushAll);
    }

    ServerStats stats() {
      return new ServerStats(masters);
    }

    Rekord connect(int buckets) {
      return RekordSide.connect(url, buckets, layout);
    }

    @Override
    public void close() {
      masters.forEach(RedisClient::close);
    }
  }

  private void run() {
    String host = options.get("host", "127.0.0.1");
    int clusterBuckets = options.integer("cluster-buckets", 16);
    String nodes = options.get("cluster", "");
    IndexLayout layout = IndexLayout.valueOf(options.get("layout", "standard").toUpperCase(Locale.ROOT));
    try (Deployment standalone = Deployment.of("standalone", List.of(host + ":" + options.get("port", "")), layout);
        Deployment cluster = Deployment.of("cluster (" + nodes.split(",").length + " masters)", List.of(nodes.split(",")),
            layout)) {
      System.out.printf(Locale.ROOT, "# Rekord, standalone vs cluster: %,d documents, %d ops x %d rounds, %d queries per shape,"
          + " %s index layout%n%n", docs, ops / rounds, rounds, queries, layout.name().toLowerCase(Locale.ROOT));
      sideBySide(standalone, cluster, clusterBuckets);
      int[] counts = Arrays.stream(options.get("buckets", "1,4,16,64").split(","))
          .mapToInt(Integer::parseInt).toArray();
      System.out.println("| deployment | buckets | load docs/s | query | p50 µs | p99 µs | queries/s | server CPU µs/query (sum over masters) | top commands per query (calls, commandstats µs) |");
      System.out.println("|---|--:|--:|---|--:|--:|--:|--:|---|");
      for (Deployment deployment : List.of(standalone, cluster)) {
        for (int buckets : counts) {
          sweep(deployment, buckets);
        }
      }
      System.out.println();
    }
  }

  /** Standalone with 1 bucket against the cluster with {@code buckets}, alternating blocks. */
  private void sideBySide(Deployment standalone, Deployment cluster, int buckets) {
    standalone.flush();
    cluster.flush();
    long[] empty = {standalone.stats().usedMemory(), cluster.stats().usedMemory()};
    try (Rekord one = standalone.connect(1); Rekord many = cluster.connect(buckets)) {
      RekordSide a = new RekordSide(one);
      RekordSide b = new RekordSide(many);
      long[] nanos = new long[2];
      for (int from = 0; from < docs; from += BATCH) {
        loadEach(members("m", from, Math.min(docs, from + BATCH)), nanos, a::saveAll, b::saveAll);
      }
      System.out.printf(Locale.ROOT, "- buckets: standalone %d, cluster %d%n", a.buckets(), b.buckets());
      System.out.printf(Locale.ROOT, "- load of %,d documents (`repo.saveAll`, batches of 500, alternating blocks of %,d): standalone %,.0f docs/s, cluster %,.0f docs/s, cluster ÷ standalone %.2f%n",
          docs, BATCH, docs / (nanos[0] / 1e9), docs / (nanos[1] / 1e9), nanos[0] / (double) nanos[1]);
      System.out.printf(Locale.ROOT, "- memory (`used_memory` above the emptied servers, the cluster's summed over its masters):"
          + " standalone %,.0f B per document, cluster %,.0f B per document%n%n",
          (standalone.stats().usedMemory() - empty[0]) / (double) docs, (cluster.stats().usedMemory() - empty[1]) / (double) docs);

      ServerStats sa = standalone.stats();
      ServerStats sb = cluster.stats();
      check(a, b);
      Targets targets = new Targets();
      System.out.println(SideBySide.header("cluster", "standalone"));
      row("save, 3 indexes", i -> b.save(Dataset.member("s" + i, i)), i -> a.save(Dataset.member("s" + i, i)), ops, sa, sb);
      row("findById", i -> b.findById(id(i)), i -> a.findById(id(i)), ops, sa, sb);
      SideBySide.Row equality = row("equality (city), 20 rows", i -> b.byCity(Dataset.city(i), LIMIT),
          i -> a.byCity(Dataset.city(i), LIMIT), queries, sa, sb);
      targets.atMost("cluster (" + b.buckets() + " buckets): equality page p50 ≤ 2× standalone", equality.p50Ratio(), 2.0);
      SideBySide.Row range = row("range (age) + sort + limit 20", i -> b.byAge(30 + i % 20, 32 + i % 20, LIMIT),
          i -> a.byAge(30 + i % 20, 32 + i % 20, LIMIT), queries, sa, sb);
      targets.atMost("cluster (" + b.buckets() + " buckets): range + sort page p50 ≤ 2× standalone", range.p50Ratio(), 2.0);
      SideBySide.Row countCity = row("count (city)", i -> b.countByCity(Dataset.city(i)),
          i -> a.countByCity(Dataset.city(i)), queries, sa, sb);
      targets.atMost("cluster (" + b.buckets() + " buckets): count (city) p50 ≤ 2× standalone", countCity.p50Ratio(), 2.0);
      SideBySide.Row countAge = row("count (age range)", i -> b.countByAge(30 + i % 20, 32 + i % 20),
          i -> a.countByAge(30 + i % 20, 32 + i % 20), queries, sa, sb);
      targets.atMost("cluster (" + b.buckets() + " buckets): count (age range) p50 ≤ 2× standalone", countAge.p50Ratio(), 2.0);
      row("city AND age range, sorted, limit 20", i -> b.byCityAndAge(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT),
          i -> a.byCityAndAge(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT), queries, sa, sb);
      int deep = Math.min(DEEP, docs / 2);
      row(String.format(Locale.ROOT, "range (age 18+ … 79) + sort, offset %,d, limit 20", deep),
          i -> b.byAge(18 + i % 5, 79, deep, LIMIT), i -> a.byAge(18 + i % 5, 79, deep, LIMIT), Math.max(20, queries / 5), sa, sb);
      int deepTag = Math.min(DEEP, docs / Dataset.COUNTRIES * 9 / 10); // a country holds ~5 %
      row(String.format(Locale.ROOT, "equality (country), offset %,d, limit 20", deepTag),
          i -> b.byCountry(Dataset.country(i), deepTag, LIMIT), i -> a.byCountry(Dataset.country(i), deepTag, LIMIT),
          Math.max(20, queries / 5), sa, sb);
      System.out.println();

      // saveAll throughput on fresh ids, alternating blocks; on the cluster also the same writes by
      // hand (a Jedis cluster pipeline), in the same blocks.
      long[] loads = new long[3];
      int blocks = 2 * rounds;
      try (RawCluster raw = new RawCluster(cluster.nodes())) {
        for (int from = 0; from < docs; from += BATCH) { // untimed: its sets as large as Rekord's
          raw.indexSameLayout(members("m", from, Math.min(docs, from + BATCH)));
        }
        for (int k = 0; k < blocks; k++) {
          loadEach(members("p", k * BATCH, (k + 1) * BATCH), loads, a::saveAll, b::saveAll, raw::saveAllSameLayout);
        }
      }
      double n = (double) blocks * BATCH;
      System.out.println("| `repo.saveAll` (batches of 500, fresh ids) | standalone docs/s | cluster docs/s"
          + " | cluster, hand-written pipeline of the same writes, docs/s | cluster ÷ standalone | cluster ÷ hand-written |");
      System.out.println("|---|--:|--:|--:|--:|--:|");
      System.out.printf(Locale.ROOT, "| %,d documents in %d alternating blocks | %,.0f | %,.0f | %,.0f | %.2f | %.2f |%n%n",
          (long) n, blocks, n / (loads[0] / 1e9), n / (loads[1] / 1e9), n / (loads[2] / 1e9),
          loads[0] / (double) loads[1], loads[2] / (double) loads[1]);
      targets.atLeast("cluster: `saveAll` throughput ≥ 0.8× a hand-written cluster pipeline of the same writes",
          loads[2] / (double) loads[1], 0.8);
      targets.print();
    }
  }

  /** Loads {@code batch} with each of {@code sides} in turn, adding each one's time to {@code nanos} (by position). */
  @SafeVarargs
  private static void loadEach(List<Member> batch, long[] nanos, Consumer<List<Member>>... sides) {
    for (int i = 0; i < sides.length; i++) {
      long t = System.nanoTime();
      sides[i].accept(batch);
      nanos[i] += System.nanoTime() - t;
    }
  }

  /** Flush, load with {@code buckets}, then each query shape {@link #queries} times (after {@link SideBySide#warmUp}). */
  private void sweep(Deployment deployment, int buckets) {
    deployment.flush();
    try (Rekord rekord = deployment.connect(buckets)) {
      RekordSide side = new RekordSide(rekord);
      long t = System.nanoTime();
      for (int from = 0; from < docs; from += BATCH) {
        side.saveAll(members("m", from, Math.min(docs, from + BATCH)));
      }
      double load = docs / ((System.nanoTime() - t) / 1e9);
      if (side.buckets() != buckets) {
        throw new IllegalStateException("model has " + side.buckets() + " buckets, not " + buckets);
      }
      ServerStats stats = deployment.stats();
      query(deployment, buckets, load, "equality (city), 20 rows", i -> side.byCity(Dataset.city(i), LIMIT), stats);
      query(deployment, buckets, load, "range (age) + sort + limit 20",
          i -> side.byAge(30 + i % 20, 32 + i % 20, LIMIT), stats);
      query(deployment, buckets, load, "city AND age range, sorted, limit 20",
          i -> side.byCityAndAge(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT), stats);
    }
  }

  private void query(Deployment deployment, int buckets, double load, String name, IntConsumer op, ServerStats stats) {
    int warmup = Math.max(1, queries / 10);
    SideBySide.warmUp(warmup, op);
    Latencies latencies = new Latencies();
    stats.reset();
    long usec = SideBySide.block(op, latencies, warmup, queries, stats).cpuMicros();
    System.out.printf(Locale.ROOT, "| %s | %d | %,.0f | %s | %.1f | %.1f | %,.0f | %.1f | %s |%n",
        deployment.name(), buckets, load, name, latencies.percentileMicros(50), latencies.percentileMicros(99),
        latencies.opsPerSecond(), usec / (double) latencies.count(), stats.top(3, latencies.count()));
    System.err.println("done: " + deployment.name() + " B=" + buckets + " " + name);
  }

  /** The cluster's operation against the standalone one, alternating blocks: one row, printed. */
  private SideBySide.Row row(String name, IntConsumer cluster, IntConsumer standalone, int total, ServerStats sa, ServerStats sb) {
    SideBySide.Row row = sides.compare(name, new SideBySide.Side(cluster, sb), new SideBySide.Side(standalone, sa), total);
    System.out.println(row.markdown());
    return row;
  }

  /** Both deployments return the same rows (same ids, same order) for the sorted shapes. */
  private static void check(RekordSide a, RekordSide b) {
    List<String> x = a.byAge(30, 32, LIMIT).stream().map(Member::id).toList();
    List<String> y = b.byAge(30, 32, LIMIT).stream().map(Member::id).toList();
    List<String> u = a.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).stream().map(Member::id).toList();
    List<String> v = b.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).stream().map(Member::id).toList();
    if (x.size() != LIMIT || !x.equals(y) || !u.equals(v)) {
      throw new IllegalStateException("standalone and cluster results differ: " + x + " / " + y + "; " + u + " / " + v);
    }
    // whole documents too (a first page's come with the ids), and counts
    if (!a.byCity(Dataset.city(3), LIMIT).equals(b.byCity(Dataset.city(3), LIMIT))
        || !a.byAge(30, 32, LIMIT).equals(b.byAge(30, 32, LIMIT))
        || a.countByCity(Dataset.city(3)) != b.countByCity(Dataset.city(3))
        || a.countByAge(30, 32) != b.countByAge(30, 32)
        || !a.byAge(18, 79, 1_500, LIMIT).equals(b.byAge(18, 79, 1_500, LIMIT))
        || !a.byCountry(Dataset.country(3), 1_500, LIMIT).equals(b.byCountry(Dataset.country(3), 1_500, LIMIT))) {
      throw new IllegalStateException("standalone and cluster pages or counts differ");
    }
  }

  private String id(int i) {
    return "m" + Math.floorMod(Dataset.mix(i), (long) docs);
  }

  private static List<Member> members(String prefix, int from, int to) {
    List<Member> members = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      members.add(Dataset.member(prefix + i, i));
    }
    return members;
  }
}
