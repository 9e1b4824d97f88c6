package dev.rekord.benchmarks;

import dev.rekord.Neighbor;
import dev.rekord.Rekord;
import dev.rekord.model.Engine;
import dev.rekord.query.Condition;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.ToLongFunction;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;

/**
 * Issue 11's proof: the same {@link SearchMember} documents queried three ways in one run — Rekord
 * on the search engine and {@code FT.SEARCH} by hand ({@link RawSearch}, its own index over the same
 * hashes) on a redis-server with the RediSearch module, Rekord's portable engine on a second
 * redis-server — and each engine's memory per document. Every row's answers are checked to agree
 * across the three sides before it is timed; sides alternate in rounds after a warm-up, and every
 * ratio is a side ÷ raw {@code FT.SEARCH}. Run by {@code benchmarks/search.sh}.
 */
public final class SearchEngineBenchmark {
  private static final int LOAD_BATCH = 1000;
  private static final int PAGE = 20;
  private static final int K = 10;
  /** Above this many documents the portable engine's KNN without a filter (it reads them all) is not run. */
  private static final int PORTABLE_KNN_LIMIT = 200_000;
  /** The documents also loaded by hand, for the load's baseline (then dropped). */
  private static final int RAW_LOAD_LIMIT = 100_000;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** One side of a row: operation {@code i} returns its answer (so the work cannot be skipped). */
  private record Side(String name, IntFunction<?> op, ServerStats server) {}

  private final SearchMemberRepository search;
  private final SearchMemberRepository portable;
  private final RawSearch raw;
  private final ServerStats searchServer;
  private final ServerStats portableServer;
  private final int docs;
  private final int rounds;
  /** Threads loading each side (every thread its own batches, pipelines and connection). */
  private final int loadThreads;

  private SearchEngineBenchmark(SearchMemberRepository search, SearchMemberRepository portable, RawSearch raw,
      ServerStats searchServer, ServerStats portableServer, int docs, int rounds, int loadThreads) {
    this.loadThreads = loadThreads;
    this.search = search;
    this.portable = portable;
    this.raw = raw;
    this.searchServer = searchServer;
    this.portableServer = portableServer;
    this.docs = docs;
    this.rounds = rounds;
  }

  public static void main(String[] args) {
    Options options = new Options(args);
    int docs = options.integer("docs", 100_000);
    int queries = options.integer("queries", 500);
    int knnQueries = options.integer("knn-queries", 100);
    int portableKnn = options.integer("portable-knn", 3);
    int rounds = options.integer("rounds", 5);
    int searchPort = Integer.parseInt(options.get("port", "6379"));
    int portablePort = Integer.parseInt(options.get("portable-port", "6380"));
    try (Rekord searchRekord = Rekord.builder().url("redis://127.0.0.1:" + searchPort)
            .engine(SearchMember.class, Engine.SEARCH).socketTimeout(Duration.ofMinutes(5)).build();
        Rekord portableRekord = Rekord.builder().url("redis://127.0.0.1:" + portablePort)
            .engine(SearchMember.class, Engine.PORTABLE).socketTimeout(Duration.ofMinutes(5)).build();
        RedisClient searchAdmin = RawJedis.connect("127.0.0.1", searchPort, RedisProtocol.RESP2);
        RedisClient portableAdmin = RawJedis.connect("127.0.0.1", portablePort, null)) {
      searchAdmin.flushAll();
      portableAdmin.flushAll();
      searchRekord.migrate();
      portableRekord.migrate();
      SearchEngineBenchmark bench = new SearchEngineBenchmark(new SearchMemberRepository(searchRekord),
          new SearchMemberRepository(portableRekord), new RawSearch(searchAdmin), new ServerStats(searchAdmin),
          new ServerStats(portableAdmin), docs, rounds, options.integer("load-threads", 1));
      bench.run(searchAdmin, portableAdmin, queries, knnQueries, portableKnn);
    }
  }

  private void run(RedisClient searchAdmin, RedisClient portableAdmin, int queries, int knnQueries, int portableKnn) {
    long searchEmpty = searchServer.usedMemory();
    long portableEmpty = portableServer.usedMemory();
    double bare = bareHashBytes(portableAdmin, Math.min(docs, 10_000));
    load();
    long searchLoaded = searchServer.usedMemory();
    long portableLoaded = portableServer.usedMemory();
    String prefix = search.keyOf("x").substring(0, search.keyOf("x").length() - 1);
    long rawStart = System.nanoTime();
    raw.createIndex(prefix, "__rk.v.embedding", SearchMember.DIMENSIONS);
    long rawNanos = System.nanoTime() - rawStart;
    long rawIndexed = searchServer.usedMemory();

    System.out.println(loadTable);
    System.out.printf(Locale.ROOT, "| raw `FT.CREATE` over Rekord's saved hashes (background indexing until `indexing` 0) | %,d | %.1f | %,.0f | | | | |%n%n",
        docs, rawNanos / 1e9, docs / (rawNanos / 1e9));
    System.out.println("Commands per document while loading (`INFO commandstats`: calls/document, µs/document, wall time"
        + " inside the server; a script's own commands counted in it too): " + loadCommands);
    System.out.println();

    memory(portableAdmin, bare, searchLoaded - searchEmpty, rawIndexed - searchLoaded, portableLoaded - portableEmpty);
    check();
    rows(queries, knnQueries, portableKnn);
  }

  /**
   * What loading cost a side: wall time, the server's main-thread CPU and its requests (read
   * events), the loading threads' CPU, over {@code docs} documents.
   */
  private record LoadCost(long nanos, long clientNanos, ServerStats.Cost server, long docs) {
    LoadCost plus(LoadCost other) {
      return new LoadCost(nanos + other.nanos, clientNanos + other.clientNanos, server.plus(other.server), docs + other.docs);
    }

    double perSecond() {
      return docs / (nanos / 1e9);
    }

    String row(String side, LoadCost byHand) {
      return String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %.0f | %.0f | %.1f | %s |", side, docs, nanos / 1e9,
          perSecond(), server.cpuMicros() / (double) docs, clientNanos / 1e3 / docs, server.requests() * 1000.0 / docs,
          byHand == null ? "1" : String.format(Locale.ROOT, "%.2f", byHand.perSecond() / perSecond()));
    }
  }

  /** Saves one batch: documents {@code from …} of {@code batch}. */
  private interface BatchSave {
    void save(int from, List<SearchMember> batch);
  }

  /**
   * Saves documents {@code from … to-1} with {@code save}, batch by batch on {@link #loadThreads}
   * threads; what it cost, {@code stats}' server's commands in {@code commands}.
   */
  private LoadCost phase(int from, int to, ServerStats stats, BatchSave save, List<String> commands) {
    stats.reset();
    AtomicLong clientNanos = new AtomicLong();
    ServerStats.Sample before = stats.sample();
    long start = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(loadThreads);
    try {
      List<Future<?>> batches = new ArrayList<>();
      for (int first = from; first < to; first += LOAD_BATCH) {
        int at = first;
        batches.add(pool.submit(() -> {
          long cpu = THREADS.getCurrentThreadCpuTime();
          List<SearchMember> batch = new ArrayList<>(LOAD_BATCH);
          for (int i = at; i < Math.min(to, at + LOAD_BATCH); i++) {
            batch.add(SearchMember.of(i));
          }
          save.save(at, batch);
          clientNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
        }));
      }
      for (Future<?> batch : batches) {
        batch.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    long nanos = System.nanoTime() - start;
    LoadCost cost = new LoadCost(nanos, clientNanos.get(), stats.sample().since(before), to - from);
    commands.add(stats.top(5, Math.max(1, to - from)));
    return cost;
  }

  /**
   * Loads documents {@code 0 … docs-1}, one side after the other, each on {@link #loadThreads}
   * threads: first the first {@link #RAW_LOAD_LIMIT} by hand (pipelined {@code HSET} into a prefix
   * an {@code FT.CREATE} index already covers, indexed as written: what a team writes without
   * Rekord; then dropped with its documents), then Rekord on the search engine (the same first
   * documents, then the rest), then Rekord on the portable engine.
   */
  private void load() {
    int rawDocs = Math.min(docs, RAW_LOAD_LIMIT);
    List<String> commands = new ArrayList<>();
    raw.createLoadIndex(SearchMember.DIMENSIONS);
    LoadCost byHand = phase(0, rawDocs, searchServer, raw::hsetAll, commands);
    raw.dropLoadIndex();
    LoadCost head = phase(0, rawDocs, searchServer, (from, batch) -> search.saveAll(batch), commands);
    LoadCost rekordSearch = rawDocs == docs ? head
        : head.plus(phase(rawDocs, docs, searchServer, (from, batch) -> search.saveAll(batch), commands));
    LoadCost rekordPortable = phase(0, docs, portableServer, (from, batch) -> portable.saveAll(batch), commands);
    loadTable = String.join("\n",
        String.format(Locale.ROOT, "#### Loading %,d `SearchMember` documents (batches of %,d, %d thread(s), side after side)%n",
            docs, LOAD_BATCH, loadThreads),
        "| side | documents | seconds | documents/s | server CPU µs/document | client CPU µs/document | server reads per 1,000 documents | by hand ÷ side (documents/s) |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
        byHand.row("by hand: pipelined `HSET` into a prefix an `FT.CREATE` index covers (the first documents)", null),
        head.row("Rekord, search engine (`saveAll`), the same first documents", byHand),
        rekordSearch.row("Rekord, search engine (`saveAll`), every document", byHand),
        rekordPortable.row("Rekord, portable engine (`saveAll`), every document", byHand));
    loadCommands = "by hand: " + commands.get(0) + "; search engine, the first documents: " + commands.get(1)
        + "; portable engine: " + commands.get(commands.size() - 1);
  }

  /** The load's table, printed with the raw index's build after it. */
  private String loadTable;
  private String loadCommands;

  /**
   * {@code used_memory} per document of {@code n} bare hashes — the record's fields only, as
   * Rekord's codec writes them, no index — written to scratch keys and deleted again.
   */
  private static double bareHashBytes(RedisClient client, int n) {
    long before = new ServerStats(client).usedMemory();
    List<String> keys = new ArrayList<>(n);
    try (AbstractPipeline p = client.pipelined()) {
      for (int i = 0; i < n; i++) {
        String key = "bare:" + i;
        keys.add(key);
        p.hset(key, SearchMemberCodec.INSTANCE.toHash(SearchMember.of(i)));
      }
      p.sync();
    }
    long after = new ServerStats(client).usedMemory();
    for (int from = 0; from < n; from += LOAD_BATCH) {
      client.del(keys.subList(from, Math.min(n, from + LOAD_BATCH)).toArray(String[]::new));
    }
    return (after - before) / (double) n;
  }

  private void memory(RedisClient portableAdmin, double bare, long searchBytes, long rawBytes, long portableBytes) {
    System.out.printf(Locale.ROOT, "#### Memory per document, %,d documents (`used_memory`, bytes per document)%n%n", docs);
    System.out.println("| engine | above the empty server | the hashes alone (record fields, no index) | the index (the rest) |");
    System.out.println("|---|--:|--:|--:|");
    System.out.printf(Locale.ROOT, "| Rekord, search engine (hashes with Rekord's `__rk.*` index fields + its FT index) | %.0f | %.0f | %.0f |%n",
        searchBytes / (double) docs, bare, searchBytes / (double) docs - bare);
    System.out.printf(Locale.ROOT, "| raw `FT.CREATE` on the plain fields (its index alone; the hashes a team would write ≈ the bare hashes) | %.0f | %.0f | %.0f |%n",
        bare + rawBytes / (double) docs, bare, rawBytes / (double) docs);
    System.out.printf(Locale.ROOT, "| Rekord, portable engine (hashes + its sorted sets and sets) | %.0f | %.0f | %.0f |%n%n",
        portableBytes / (double) docs, bare, portableBytes / (double) docs - bare);
    System.out.println("| `FT.INFO`, bytes per document | Rekord's index | raw index |");
    System.out.println("|---|--:|--:|");
    Map<String, Object> rekordInfo = raw.info(rekordIndex());
    Map<String, Object> rawInfo = raw.info(RawSearch.INDEX);
    for (String field : rekordInfo.keySet()) {
      if (field.endsWith("_mb") && rawInfo.containsKey(field)) {
        System.out.printf(Locale.ROOT, "| `%s` | %.1f | %.1f |%n", field, mb(rekordInfo.get(field)) * 1e6 / docs,
            mb(rawInfo.get(field)) * 1e6 / docs);
      }
    }
    System.out.printf(Locale.ROOT, "| `num_docs` | %s | %s |%n%n", rekordInfo.get("num_docs"), rawInfo.get("num_docs"));
    String key = portable.keyOf("x");
    List<KeyFamilies.Family> families = KeyFamilies.measure(portableAdmin, key.substring(0, key.indexOf('}') + 1));
    System.out.println("| portable engine's keys (`MEMORY USAGE … SAMPLES 0`) | keys | bytes per document |");
    System.out.println("|---|--:|--:|");
    for (KeyFamilies.Family family : families) {
      System.out.printf(Locale.ROOT, "| `%s` | %,d | %.1f |%n", family.pattern(), family.keys(), family.bytes() / (double) docs);
    }
    System.out.println();
  }

  /** The name of Rekord's index of the model (behind its alias {@code rekord:bench-search-idx}). */
  private String rekordIndex() {
    for (Object name : (List<?>) RawSearch.run(raw.client(), "FT._LIST")) {
      String index = RawSearch.text(name);
      if (index.startsWith("rekord:bench-search-idx:")) {
        return index;
      }
    }
    throw new IllegalStateException("no search index of SearchMember");
  }

  private static double mb(Object value) {
    return Double.parseDouble(RawSearch.text(value));
  }

  // The queries, by operation number i.

  private static Condition<SearchMember> city(int i) {
    return SearchMember_.city.eq(Dataset.city(i));
  }

  private static String rawCity(int i) {
    return "@city:{" + SearchServer.tag(Dataset.city(i)) + "}";
  }

  private static int lo(int i) {
    return 30 + i % 20;
  }

  private static int hi(int i) {
    return 32 + i % 20;
  }

  private static Condition<SearchMember> cityAndAge(int i) {
    return SearchMember_.city.eq(Dataset.city(i)).and(SearchMember_.age.between(25 + i % 20, 35 + i % 20));
  }

  private static String rawCityAndAge(int i) {
    return rawCity(i) + " @age:[" + (25 + i % 20) + " " + (35 + i % 20) + "]";
  }

  private static Condition<SearchMember> country(int i) {
    return SearchMember_.country.eq(Dataset.country(i));
  }

  private static float[] probe(int i) {
    return SearchMember.vector(-1L - i);
  }

  /**
   * A page query on the three sides: Rekord's on either repository, raw's by hand, and the sort key
   * the answers must agree on in order ({@code null}: an unsorted page, whose sides may pick
   * different documents of the same query).
   */
  private record Shape(String name, BiFunction<SearchMemberRepository, Integer, List<SearchMember>> rekord,
      IntFunction<List<SearchMember>> raw, ToLongFunction<SearchMember> key) {}

  private List<Shape> shapes() {
    return List.of(
        new Shape("equality page: city = c (200 cities), page of 20",
            (repo, i) -> repo.find(city(i)).limit(PAGE).list(),
            i -> raw.search(rawCity(i), null, PAGE).documents(), null),
        new Shape("range sorted by the same field: age in [a, a+2] by age, page of 20",
            (repo, i) -> repo.find(SearchMember_.age.between(lo(i), hi(i))).sortBy(SearchMember_.age.asc()).limit(PAGE).list(),
            i -> raw.search(rawAge(i), "age", PAGE).documents(), SearchMember::age),
        new Shape("tag AND range: city = c AND age in [a, a+10] by age, page of 20",
            (repo, i) -> repo.find(cityAndAge(i)).sortBy(SearchMember_.age.asc()).limit(PAGE).list(),
            i -> raw.search(rawCityAndAge(i), "age", PAGE).documents(), SearchMember::age),
        new Shape("range sorted by another field: age in [a, a+2] by points, page of 20",
            (repo, i) -> repo.find(SearchMember_.age.between(lo(i), hi(i))).sortBy(SearchMember_.points.asc()).limit(PAGE).list(),
            i -> raw.search(rawAge(i), "points", PAGE).documents(), SearchMember::points));
  }

  private static String rawAge(int i) {
    return "@age:[" + lo(i) + " " + hi(i) + "]";
  }

  private static List<SearchMember> knn(SearchMemberRepository repo, boolean filtered, int i) {
    return (filtered ? repo.find(country(i)) : repo.findAll()).nearest(SearchMember_.embedding.nearest(probe(i), K))
        .list().stream().map(Neighbor::entity).toList();
  }

  private List<SearchMember> rawKnn(boolean filtered, int i) {
    return raw.knn(filtered ? "@country:{" + SearchServer.tag(Dataset.country(i)) + "}" : "*", probe(i), K).documents();
  }

  /** Before any timing: the three sides give the same answers (and every document as saved). */
  private void check() {
    for (Shape shape : shapes()) {
      for (int i = 0; i < 5; i++) {
        agree(shape.name() + " #" + i, shape.rekord().apply(search, i), shape.raw().apply(i),
            shape.rekord().apply(portable, i), shape.key(), false);
      }
    }
    for (int i = 0; i < 2; i++) {
      agree("KNN, country = c #" + i, knn(search, true, i), rawKnn(true, i), knn(portable, true, i), null, true);
      List<SearchMember> portableAll = docs <= PORTABLE_KNN_LIMIT ? knn(portable, false, i) : null;
      agree("KNN, no filter #" + i, knn(search, false, i), rawKnn(false, i), portableAll, null, true);
    }
    long cityCount = search.find(city(0)).count();
    if (cityCount != portable.find(city(0)).count() || cityCount != raw.search(rawCity(0), null, 0).total()) {
      throw new IllegalStateException("the engines count city = c differently");
    }
    System.err.println("checked: the three sides agree");
  }

  /**
   * The same number of documents (not none), every one as saved, and in order the same sort keys
   * ({@code key}) or the same ids ({@code sameIds}: KNN). {@code c} may be {@code null}: not checked.
   */
  private static void agree(String what, List<SearchMember> a, List<SearchMember> b, List<SearchMember> c,
      ToLongFunction<SearchMember> key, boolean sameIds) {
    for (List<SearchMember> side : c == null ? List.of(a, b) : List.of(a, b, c)) {
      if (side.size() != a.size() || side.isEmpty()) {
        throw new IllegalStateException(what + ": page sizes differ or are empty: " + a.size() + " / " + b.size()
            + (c == null ? "" : " / " + c.size()));
      }
      for (int j = 0; j < side.size(); j++) {
        SearchMember m = side.get(j);
        if (!m.sameAs(SearchMember.of(Long.parseLong(m.id().substring(1))))) {
          throw new IllegalStateException(what + ": a document differs from the one saved: " + m.id());
        }
        if (key != null && key.applyAsLong(m) != key.applyAsLong(a.get(j))) {
          throw new IllegalStateException(what + ": the sort order differs at " + j);
        }
        if (sameIds && !m.id().equals(a.get(j).id())) {
          throw new IllegalStateException(what + ": the neighbours differ at " + j + ": " + m.id() + " vs " + a.get(j).id());
        }
      }
    }
  }

  private void rows(int queries, int knnQueries, int portableKnn) {
    System.out.printf(Locale.ROOT, "#### Queries, %,d documents: side ÷ raw `FT.SEARCH` in the same run%n%n", docs);
    System.out.println("| query | side | p50 µs | p99 µs | ops/s | server CPU µs/op | round trips/op | p50 ÷ raw | CPU ÷ raw |");
    System.out.println("|---|---|--:|--:|--:|--:|--:|--:|--:|");
    List<Shape> shapes = shapes();
    for (Shape shape : shapes) {
      compare(shape.name(), queries, queries,
          new Side("Rekord, search engine", i -> shape.rekord().apply(search, i), searchServer),
          new Side("raw `FT.SEARCH`", shape.raw(), searchServer),
          new Side("Rekord, portable engine", i -> shape.rekord().apply(portable, i), portableServer));
    }
    compare("KNN top 10, country = c (1 in 20)", knnQueries, portableKnn,
        new Side("Rekord, search engine", i -> knn(search, true, i), searchServer),
        new Side("raw `FT.SEARCH`", i -> rawKnn(true, i), searchServer),
        new Side("Rekord, portable engine (exact: reads every match)", i -> knn(portable, true, i), portableServer));
    compare("KNN top 10, no filter", knnQueries, docs <= PORTABLE_KNN_LIMIT ? portableKnn : 0,
        new Side("Rekord, search engine", i -> knn(search, false, i), searchServer),
        new Side("raw `FT.SEARCH`", i -> rawKnn(false, i), searchServer),
        new Side("Rekord, portable engine (exact: reads every document)", i -> knn(portable, false, i), portableServer));
    System.out.println();
  }

  /**
   * Times the three sides in alternating rounds after a warm-up of a tenth (the portable side its
   * own {@code portableTotal} operations, which may be fewer: 0 leaves it out), and prints a line
   * per side; the raw side (the second) is the baseline.
   */
  private void compare(String name, int total, int portableTotal, Side rekordSide, Side rawSide, Side portableSide) {
    List<Side> sides = portableTotal > 0 ? List.of(rekordSide, rawSide, portableSide) : List.of(rekordSide, rawSide);
    List<Latencies> latencies = new ArrayList<>();
    List<ServerStats.Cost> costs = new ArrayList<>();
    for (Side side : sides) {
      latencies.add(new Latencies());
      costs.add(ServerStats.Cost.NONE);
    }
    for (int s = 0; s < sides.size(); s++) {
      int warmup = Math.max(1, (s == 2 ? portableTotal : total) / 10);
      for (int i = 0; i < warmup; i++) {
        sides.get(s).op().apply(i);
      }
    }
    int warmup = Math.max(1, total / 10);
    for (int r = 0; r < rounds; r++) {
      for (int s = 0; s < sides.size(); s++) {
        int perRound = Math.max(1, (s == 2 ? portableTotal : total) / rounds);
        Side side = sides.get(s);
        costs.set(s, costs.get(s).plus(SideBySide.block(i -> side.op().apply(i), latencies.get(s),
            warmup + r * perRound, perRound, side.server())));
      }
    }
    double rawP50 = latencies.get(1).percentileMicros(50);
    double rawCpu = costs.get(1).cpuMicros() / (double) latencies.get(1).count();
    for (int s = 0; s < sides.size(); s++) {
      Latencies l = latencies.get(s);
      double cpu = costs.get(s).cpuMicros() / (double) l.count();
      System.out.printf(Locale.ROOT, "| %s | %s | %,.0f | %,.0f | %,.0f | %,.0f | %.2f | %s | %s |%n",
          s == 0 ? name : "", sides.get(s).name(), l.percentileMicros(50), l.percentileMicros(99), l.opsPerSecond(), cpu,
          costs.get(s).requests() / (double) l.count(),
          s == 1 ? "1" : String.format(Locale.ROOT, "**%.2f**", l.percentileMicros(50) / rawP50),
          s == 1 ? "1" : String.format(Locale.ROOT, "%.2f", cpu / rawCpu));
    }
    if (portableTotal == 0) {
      System.out.println("| | Rekord, portable engine | not measured above 200,000 documents: it reads every document | | | | | | |");
    }
  }
}
