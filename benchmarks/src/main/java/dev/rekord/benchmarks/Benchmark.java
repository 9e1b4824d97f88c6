package dev.rekord.benchmarks;

import dev.rekord.model.IndexLayout;
import dev.rekord.Rekord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.LongFunction;
import java.util.stream.IntStream;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;

/**
 * Rekord against its baselines, side by side in one run: the same work written by hand with Jedis
 * on the same redis-server, and RediSearch holding the same hashes in a second redis-server (when
 * {@code run.sh} found the module). Started by {@code benchmarks/run.sh}, which pins the servers and
 * this JVM to different CPUs. Prints Markdown, ending with the targets and whether this run
 * meets them.
 *
 * <p>Arguments: {@code --port P} (required), {@code --search-port P} (the RediSearch server;
 * without it those rows are skipped), {@code --host H}, {@code --docs N} (100000), {@code --ops N}
 * single operations per variant (20000), {@code --queries N} per query (5000), {@code --batches N}
 * batches of 500 per load variant (200), {@code --repeats N} of the largest reads (15: a read of
 * 100,000 documents varies with the collections it meets, and 5 did not settle its median), {@code
 * --rounds N} (5): each variant runs in N alternating blocks so drift on a shared machine hits
 * both sides alike; {@code --only memory,loads,queries,pages,reads,saves,pipelined} runs only the
 * sections named (the data sets the others read are still loaded, untimed); {@code --layout
 * standard|compact} the index layout of Rekord's models (standard; the memory section measures
 * both). The servers are flushed first: never point it at a server holding data.
 */
public final class Benchmark {
  private static final int LIMIT = 20;
  private static final int LOAD_BLOCK = 10_000;
  /** The size for "bytes per entity". */
  private static final int SMALL = 20_000;

  private final Options options;
  private final int docs;
  private final int ops;
  private final int queries;
  private final SideBySide sides;

  private Benchmark(Options options) {
    this.options = options;
    this.docs = options.integer("docs", 100_000);
    this.ops = options.integer("ops", 20_000);
    this.queries = options.integer("queries", 5_000);
    this.sides = new SideBySide(options.integer("rounds", 5));
  }

  public static void main(String[] args) {
    Options options = new Options(args);
    if (!options.has("port")) {
      System.err.println("usage: Benchmark --port P [--search-port P] [--host H] [--docs N] [--ops N] [--queries N] "
          + "[--batches N] [--repeats N] [--rounds N] [--only memory,loads,queries,pages,reads,saves,pipelined] "
          + "[--layout standard|compact]");
      System.exit(2);
    }
    new Benchmark(options).run();
  }

  private void run() {
    String host = options.get("host", "localhost");
    int port = options.integer("port", 0);
    try (Rekord rekord = RekordSide.connect("redis://" + host + ":" + port, 0, layout());
        RawJedis raw = new RawJedis(host, port);
        RedisClient resp2 = RawJedis.connect(host, port, RedisProtocol.RESP2);
        SearchServer search = options.has("search-port") ? new SearchServer(host, options.integer("search-port", 0)) : null) {
      raw.client().flushAll();
      if (search != null) {
        search.flush();
      }
      RekordSide side = new RekordSide(rekord);
      ServerStats server = new ServerStats(raw.client());
      Targets targets = new Targets();
      System.out.printf(Locale.ROOT, "# Rekord vs raw Jedis and RediSearch: %,d documents, %,d ops, %,d queries per variant%n%n",
          docs, ops, queries);
      System.out.println("- Rekord = the public repository API (`save`, `saveAll`, `findById`, `findAllById`, `find(…).sortBy(…).offset(…).limit(…).list()`) on the portable engine");
      System.out.println("- every ratio is Rekord ÷ its baseline; \"round trips\" are the server's read events per operation (`total_reads_processed`: a pipeline is one)");
      System.out.println("- Rekord's connections speak RESP2 (Rekord sets it); the raw client RESP3 (Jedis' default with Redis 7), RESP2 where a row says so; the RediSearch client RESP2");
      System.out.println(search == null
          ? "- RediSearch: **skipped** (no `--search-port`: run.sh found no module file)"
          : "- RediSearch: a second redis-server with the module, the same hashes under the same keys, `FT.CREATE … ON HASH` on the four indexed fields");
      System.out.println();

      // Reads first, on data sets of exactly --docs documents; the writes that follow add documents.
      // A section left out by --only that loads a data set a later section reads still loads it, untimed.
      if (runs("memory")) {
        memory(rekord, "redis://" + host + ":" + port, raw, search, targets);
      } else if (runs("pages") || runs("reads")) {
        FourIndexMemberRepository repo = new FourIndexMemberRepository(rekord);
        load(0, docs, batch -> repo.saveAll(batch.stream().map(FourIndexMember::of).toList()));
        if (runs("pages") && search != null) { // the memory section's RediSearch copy, its peer
          String documentPrefix = repo.keyOf("x");
          search.copy(raw.client(), IntStream.range(0, docs).mapToObj(i -> repo.keyOf("m" + i)).toList());
          search.createIndex(documentPrefix.substring(0, documentPrefix.length() - 1));
        }
      }
      if (runs("loads")) {
        firstLoads(side, raw, server);
      } else if (runs("queries") || runs("saves") || runs("pipelined")) {
        load(0, docs, side::saveAll);
        load(0, docs, raw::saveAllLua);
        load(0, docs, side::saveAllCompound);
        load(0, docs, raw::indexCityAge);
      } else if (runs("pages")) {
        load(0, docs, side::saveAllCompound); // the compound-index page's data set
      }
      if (runs("saves") || runs("pipelined")) {
        load(0, docs, raw::indexSameLayout); // the same-writes baselines' sets as large as Rekord's, untimed
      }
      if (runs("queries")) {
        queries(side, raw, server);
      }
      if (runs("pages")) {
        new Pages(rekord, server, search, sides, docs, queries).run(targets);
      }
      if (runs("reads")) {
        new LargeReads(rekord, raw.client(), resp2, server, sides, docs, options.integer("repeats", 15), layout()).run(targets);
      }
      if (runs("saves")) {
        saves(side, raw, server, targets);
      }
      if (runs("pipelined")) {
        pipelinedSaves(side, raw, server, targets);
      }
      System.out.println("### Targets");
      System.out.println();
      targets.print();
    }
  }

  /** The index layout of every section's Rekord ({@code --layout standard|compact}; the memory section measures both). */
  private IndexLayout layout() {
    return IndexLayout.valueOf(options.get("layout", "standard").toUpperCase(Locale.ROOT));
  }

  /** Whether {@code --only} (a comma-separated list of sections; none: all) names {@code section}. */
  private boolean runs(String section) {
    return !options.has("only") || List.of(options.get("only", "").split(",")).contains(section);
  }

  /**
   * The data set, {@link FourIndexMember}: memory at {@value #SMALL} documents and at {@link
   * #docs}, in each index layout: the other one than {@code --layout}'s first (then the server is
   * emptied), then {@code --layout}'s, whose data set the sections after read. RediSearch is
   * measured once, beside the second.
   */
  private void memory(Rekord rekord, String url, RawJedis raw, SearchServer search, Targets targets) {
    System.out.println("### Memory");
    System.out.println();
    IndexLayout main = layout();
    IndexLayout other = main == IndexLayout.COMPACT ? IndexLayout.STANDARD : IndexLayout.COMPACT;
    Map<IndexLayout, MemoryReport.Totals[]> totals = new EnumMap<>(IndexLayout.class);
    System.out.printf(Locale.ROOT, "#### The %s index layout (`Rekord.builder().indexLayout(IndexLayout.%s)`)%n%n",
        other.name().toLowerCase(Locale.ROOT), other);
    try (Rekord first = RekordSide.connect(url, 0, other)) {
      totals.put(other, memory(new FourIndexMemberRepository(first), raw, null));
    }
    raw.client().flushAll();
    System.out.printf(Locale.ROOT, "#### The %s index layout (`Rekord.builder().indexLayout(IndexLayout.%s)`)%n%n",
        main.name().toLowerCase(Locale.ROOT), main);
    totals.put(main, memory(new FourIndexMemberRepository(rekord), raw, search));
    int small = Math.min(SMALL, docs);
    totals.forEach((layout, measured) -> {
      String name = layout.name().toLowerCase(Locale.ROOT);
      targets.atMost(String.format(Locale.ROOT, "bytes per entity at %,d members (`used_memory` above the empty server) ≤ 600, %s layout", small, name),
          measured[0].rekordAboveEmpty() / (double) small, 600);
      if (search == null) {
        targets.notMeasured("total `used_memory` ≤ RediSearch's, same data and fields, " + name + " layout", "no RediSearch server");
      } else {
        targets.atMost(String.format(Locale.ROOT, "total `used_memory` ≤ 1.0× RediSearch's (%,d documents), %s layout", docs, name),
            measured[1].rekord() / (double) totals.get(main)[1].search(), 1.0);
      }
    });
  }

  /** Loads the data set into {@code repo}, reporting its memory at {@value #SMALL} documents and at {@link #docs}. */
  private MemoryReport.Totals[] memory(FourIndexMemberRepository repo, RawJedis raw, SearchServer search) {
    MemoryReport memory = new MemoryReport(raw.client(), repo, search);
    int small = Math.min(SMALL, docs);
    load(0, small, batch -> repo.saveAll(batch.stream().map(FourIndexMember::of).toList()));
    MemoryReport.Totals first = small < docs ? memory.report(small, false) : null;
    load(small, docs, batch -> repo.saveAll(batch.stream().map(FourIndexMember::of).toList()));
    MemoryReport.Totals all = memory.report(docs, search != null);
    return new MemoryReport.Totals[] {first != null ? first : all, all};
  }

  /** Saves members {@code m<from> … m<to-1>} in blocks of {@value #LOAD_BLOCK} (each saver pipelines its own batches). */
  private static void load(int from, int to, Consumer<List<Member>> saver) {
    for (int start = from; start < to; start += LOAD_BLOCK) {
      saver.accept(members("m", start, Math.min(to, start + LOAD_BLOCK)));
    }
  }

  /** The data sets of {@link Member} (Rekord and raw) and {@link CompoundMember}, timed as they load. */
  private void firstLoads(RekordSide side, RawJedis raw, ServerStats server) {
    System.out.println("### Loads of the data sets");
    System.out.println();
    long mem0 = server.usedMemory();
    long t0 = System.nanoTime();
    load(0, docs, side::saveAll);
    double rekordLoad = docs / ((System.nanoTime() - t0) / 1e9);
    long mem1 = server.usedMemory();
    t0 = System.nanoTime();
    load(0, docs, raw::saveAllLua);
    double rawLoad = docs / ((System.nanoTime() - t0) / 1e9);
    long mem2 = server.usedMemory();
    System.out.printf(Locale.ROOT, "- first load of %,d `Member`s (3 indexes): Rekord `saveAll` %,.0f docs/s, raw pipelined `EVALSHA` (HSET+SADD+SADD+ZADD) %,.0f docs/s, ratio %.2f; `used_memory` per document %.0f vs %.0f bytes%n",
        docs, rekordLoad, rawLoad, rekordLoad / rawLoad, (mem1 - mem0) / (double) docs, (mem2 - mem1) / (double) docs);
    t0 = System.nanoTime();
    load(0, docs, side::saveAllCompound);
    double compoundLoad = docs / ((System.nanoTime() - t0) / 1e9);
    load(0, docs, raw::indexCityAge);
    System.out.printf(Locale.ROOT, "- the same documents as `CompoundMember` (3 indexes + a compound index on city and age): Rekord `saveAll` %,.0f docs/s%n%n", compoundLoad);
  }

  /** {@code saveAll} of fresh documents against hand-written pipelines, batch by batch. */
  private void pipelinedSaves(RekordSide side, RawJedis raw, ServerStats server, Targets targets) {
    System.out.println("### Pipelined saves (loads)");
    System.out.println();
    int batches = options.integer("batches", 200);
    System.out.println("One operation = one batch of 500 fresh documents (Rekord `saveAll`, raw one pipeline), so docs/s = ops/s × 500; "
        + "server CPU per batch. \"Round trips\" here are read events: a pipeline is read 16 KB at a time, so they count request bytes.");
    System.out.println();
    System.out.println(SideBySide.header("Rekord", "raw"));
    SideBySide.Row same = loadRow(side, raw::saveAllSameLayout, "pd", batches, server,
        "`saveAll` vs a hand-written pipeline of the same writes (HSET + ZADD ids, lex city, lex country, num age per document)");
    targets.atLeast("`saveAll` throughput (p50 per batch of 500) ≥ 0.8× a hand-written pipeline of the same writes", same.throughputRatio(), 0.8);
    loadRow(side, raw::saveAllCommands, "pa", batches, server,
        "`saveAll` vs a hand-written pipeline of HSET+SADD+SADD+ZADD (a set per tag value: cheaper writes than Rekord's)");
    loadRow(side, raw::saveAllLua, "pb", batches, server, "`saveAll` vs pipelined `EVALSHA` (HSET+SADD+SADD+ZADD per document)");
    SideBySide.Row hset = loadRow(side, raw::hsetAll, "pc", batches, server, "`saveAll` vs pipelined `HSET` (no indexes)");
    targets.atLeast("`saveAll` throughput (p50 per batch of 500) ≥ 0.3× raw pipelined `HSET`", hset.throughputRatio(), 0.3);
    Consumer<List<Member>> saveAllNew = members -> side.saveAll(members.stream().map(Member::withoutId).toList());
    loadRow(saveAllNew, raw::saveAllSameLayout, "pe", batches, server,
        "`saveAll` of new entities (ids generated) vs a hand-written pipeline of the same writes");
    SideBySide.Row newHset = loadRow(saveAllNew, raw::hsetAll, "pf", batches, server,
        "`saveAll` of new entities (ids generated) vs pipelined `HSET` (no indexes)");
    targets.atLeast("`saveAll` of new entities (generated ids) throughput ≥ 0.3× raw pipelined `HSET`",
        newHset.throughputRatio(), 0.3);
    System.out.println();
  }

  /** {@code saveAll} of batch {@code i} against {@code raw} of the same batch; both sides write fresh ids {@code <prefix><n>}. */
  private SideBySide.Row loadRow(RekordSide side, Consumer<List<Member>> raw, String prefix, int batches,
      ServerStats server, String name) {
    return loadRow(side::saveAll, raw, prefix, batches, server, name);
  }

  /** {@code rekord} of batch {@code i} against {@code raw} of the same batch. */
  private SideBySide.Row loadRow(Consumer<List<Member>> rekord, Consumer<List<Member>> raw, String prefix, int batches,
      ServerStats server, String name) {
    List<List<Member>> lists = new ArrayList<>();
    for (int b = 0; b < sides.operations(batches); b++) {
      lists.add(members(prefix, b * 500, (b + 1) * 500));
    }
    SideBySide.Row row = sides.compare(name, new SideBySide.Side(i -> rekord.accept(lists.get(i)), server),
        new SideBySide.Side(i -> raw.accept(lists.get(i)), server), batches);
    System.out.println(row.markdown());
    return row;
  }

  /** Single saves (fresh ids, a prefix per row on both sides) and reads by id. */
  private void saves(RekordSide side, RawJedis raw, ServerStats server, Targets targets) {
    System.out.println("### Saves and reads by id");
    System.out.println();
    System.out.println(SideBySide.header("Rekord", "raw"));
    SideBySide.Row hset = saveRow(side::save, raw::hset, "s", server, "save, 3 indexes vs `HSET` (no indexes)");
    targets.atMost("save, 3 indexes: p50 ≤ 1.3× a raw `HSET` round trip", hset.p50Ratio(), 1.3);
    SideBySide.Row same = saveRow(side::save, raw::saveSameLayout, "w", server,
        "save, 3 indexes vs `EVALSHA` exact of the same index writes (HMGET old tags, ZREM stale, DEL, HSET, ZADD ×4)");
    targets.atMost("save, 3 indexes: p50 ≤ 1.1× a hand-written `EVALSHA` of the same index writes", same.p50Ratio(), 1.1);
    SideBySide.Row newHset = saveRow(m -> side.save(m.withoutId()), raw::hset, "n", server,
        "save of a new entity (its id generated), 3 indexes vs `HSET` (no indexes)");
    targets.atMost("save of a new entity (generated id), 3 indexes: p50 ≤ 1.3× a raw `HSET` round trip",
        newHset.p50Ratio(), 1.3);
    SideBySide.Row newSame = saveRow(m -> side.save(m.withoutId()), raw::saveSameTransaction, "x", server,
        "save of a new entity (its id generated), 3 indexes vs `MULTI` HSET, ZADD ×4 `EXEC` (the same writes, one round trip)");
    targets.atMost("save of a new entity (generated id): p50 ≤ 1.1× a hand-written transaction of the same writes",
        newSame.p50Ratio(), 1.1);
    saveRow(side::save, raw::saveLua, "t", server, "save, 3 indexes vs `EVALSHA` HSET+SADD+SADD+ZADD (not exact; a set per tag value)");
    saveRow(side::save, raw::saveExact, "u", server,
        "save, 3 indexes vs `EVALSHA` exact (HMGET old tags, SREM stale, DEL, HSET+SADD+SADD+ZADD, SADD all-ids)");
    saveRow(side::save, raw::saveMulti, "v", server, "save, 3 indexes vs `MULTI/EXEC` HSET+SADD+SADD+ZADD");
    saveRow(side::saveCompound, raw::hset, "c", server, "save, 3 indexes + compound (city, age) vs `HSET`");
    System.out.println(sides.compare("findById vs `HGETALL`", new SideBySide.Side(i -> side.findById(id(i)), server),
        new SideBySide.Side(i -> raw.findById(id(i)), server), ops).markdown());
    System.out.println();
  }

  private SideBySide.Row saveRow(Consumer<Member> rekord, Consumer<Member> raw,
      String prefix, ServerStats server, String name) {
    LongFunction<Member> fresh = i -> Dataset.member(prefix + i, i);
    SideBySide.Row row = sides.compare(name, new SideBySide.Side(i -> rekord.accept(fresh.apply(i)), server),
        new SideBySide.Side(i -> raw.accept(fresh.apply(i)), server), ops);
    System.out.println(row.markdown());
    return row;
  }

  /** Query shapes on {@link Member} against the same queries written by hand with Jedis. */
  private void queries(RekordSide side, RawJedis raw, ServerStats server) {
    System.out.println("### Queries vs hand-written Jedis (`Member`, 3 indexes)");
    System.out.println();
    check(side, raw);
    System.out.println(SideBySide.header("Rekord", "raw"));
    row("equality (city), 20 rows", i -> side.byCity(Dataset.city(i), LIMIT), i -> raw.byCity(Dataset.city(i), LIMIT), server);
    row("range (age) + sort + limit 20", i -> side.byAge(30 + i % 20, 32 + i % 20, LIMIT),
        i -> raw.byAge(30 + i % 20, 32 + i % 20, LIMIT), server);
    row("city AND age range, sorted, limit 20", i -> side.byCityAndAge(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT),
        i -> raw.byCityAndAge(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT), server);
    row("city AND age range, sorted, limit 20, compound index (raw: per-city sorted set)",
        i -> side.byCityAndAgeCompound(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT),
        i -> raw.byCityAndAgeCompound(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT), server);
    System.out.println();
  }

  private void row(String name, IntConsumer rekord, IntConsumer raw, ServerStats server) {
    System.out.println(sides.compare(name, new SideBySide.Side(rekord, server), new SideBySide.Side(raw, server), queries).markdown());
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

  /**
   * Both sides return the same number of rows (20 from about 30,000 documents on) for each query
   * shape, and the same ages for the sorted ones.
   */
  private static void check(RekordSide side, RawJedis raw) {
    int[] sizes = {
      side.byCity(Dataset.city(3), LIMIT).size(), raw.byCity(Dataset.city(3), LIMIT).size(),
      side.byAge(30, 32, LIMIT).size(), raw.byAge(30, 32, LIMIT).size(),
      side.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).size(), raw.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).size()};
    List<Integer> byAgeRekord = side.byAge(30, 32, LIMIT).stream().map(Member::age).toList();
    List<Integer> byAgeRaw = raw.byAge(30, 32, LIMIT).stream().map(Member::age).toList();
    List<Integer> andRekord = side.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).stream().map(Member::age).toList();
    List<Integer> andRaw = raw.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).stream().map(Member::age).toList();
    for (int i = 0; i < sizes.length; i += 2) {
      if (sizes[i] != sizes[i + 1] || sizes[i] == 0) {
        throw new IllegalStateException("query " + i / 2 + " returned " + sizes[i] + " (Rekord) and " + sizes[i + 1] + " (raw) rows");
      }
    }
    List<Integer> compoundRekord = side.byCityAndAgeCompound(Dataset.city(3), 25, 35, LIMIT).stream().map(CompoundMember::age).toList();
    List<Integer> compoundRaw = raw.byCityAndAgeCompound(Dataset.city(3), 25, 35, LIMIT).stream().map(Member::age).toList();
    if (!compoundRekord.equals(andRekord) || !compoundRaw.equals(andRaw)) {
      throw new IllegalStateException("compound results differ: " + compoundRekord + " / " + compoundRaw + " / " + andRekord);
    }
    if (!byAgeRekord.equals(byAgeRaw) || !andRekord.equals(andRaw)) {
      throw new IllegalStateException("sorted results differ: " + byAgeRekord + " / " + byAgeRaw + "; " + andRekord + " / " + andRaw);
    }
  }
}
