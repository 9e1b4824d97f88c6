package dev.rekord.benchmarks;

import dev.rekord.Rekord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongFunction;

/**
 * Rekord against hand-written Jedis, side by side in one run against one redis-server. Started by
 * {@code benchmarks/run.sh}, which pins the server and this JVM to different CPUs. Prints Markdown.
 *
 * <p>Arguments: {@code --port P} (required), {@code --host H}, {@code --docs N} (100000), {@code
 * --ops N} single operations per variant (20000), {@code --queries N} per query (5000), {@code
 * --rounds N} (5): each variant runs in N alternating blocks so drift on a shared machine hits
 * both sides alike. The server is flushed first: never point it at a server holding data.
 */
public final class Benchmark {
  private static final int LIMIT = 20;

  private final Map<String, String> options;
  private final int docs;
  private final int ops;
  private final int queries;
  private final int rounds;
  private final List<String> rows = new ArrayList<>();

  private Benchmark(Map<String, String> options) {
    this.options = options;
    this.docs = Integer.parseInt(options.getOrDefault("docs", "100000"));
    this.ops = Integer.parseInt(options.getOrDefault("ops", "20000"));
    this.queries = Integer.parseInt(options.getOrDefault("queries", "5000"));
    this.rounds = Integer.parseInt(options.getOrDefault("rounds", "5"));
  }

  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    if (!options.containsKey("port")) {
      System.err.println("usage: Benchmark --port P [--host H] [--docs N] [--ops N] [--queries N] [--rounds N]");
      System.exit(2);
    }
    new Benchmark(options).run();
  }

  private void run() {
    String host = options.getOrDefault("host", "localhost");
    int port = Integer.parseInt(options.get("port"));
    try (Rekord rekord = Rekord.connect("redis://" + host + ":" + port);
        RawJedis raw = new RawJedis(host, port)) {
      raw.client().flushAll();
      RekordSide side = new RekordSide(rekord);
      ServerStats server = new ServerStats(raw.client());
      System.out.printf(Locale.ROOT, "# Rekord vs raw Jedis: %,d documents, %d ops x %d rounds per variant%n%n",
          docs, ops / rounds, rounds);
      System.out.println("- Rekord, 3 indexes = `repo.save`: the portable engine's atomic save script (document + 3 index entries + manifest); queries are `repo.find(…).sortBy(…).limit(20).list()`");

      // Load: measured as pipelined-save throughput, with used_memory deltas per document.
      long mem0 = server.usedMemory();
      long t0 = System.nanoTime();
      loadRekord(side);
      double rekordLoad = docs / ((System.nanoTime() - t0) / 1e9);
      long mem1 = server.usedMemory();
      t0 = System.nanoTime();
      for (int from = 0; from < docs; from += 10_000) {
        raw.saveAll(members("", from, Math.min(docs, from + 10_000)), true);
      }
      double rawLoad = docs / ((System.nanoTime() - t0) / 1e9);
      long mem2 = server.usedMemory();
      System.out.printf(Locale.ROOT, "- load of %,d documents: Rekord %s %,.0f docs/s, raw pipelined EVALSHA (HSET+SADD+SADD+ZADD) %,.0f docs/s, ratio %.2f%n%n",
          docs, "repo.saveAll (pipelined)", rekordLoad, rawLoad, rekordLoad / rawLoad);

      memory(raw, side, (mem1 - mem0) / (double) docs, (mem2 - mem1) / (double) docs);

      // The same documents again with a compound index on (city, age), each side its own way.
      t0 = System.nanoTime();
      for (int from = 0; from < docs; from += 10_000) {
        side.saveAllCompound(members("", from, Math.min(docs, from + 10_000)));
      }
      double compoundLoad = docs / ((System.nanoTime() - t0) / 1e9);
      for (int from = 0; from < docs; from += 10_000) {
        raw.indexCityAge(members("", from, Math.min(docs, from + 10_000)));
      }
      System.out.printf(Locale.ROOT, "- load of the same documents as `CompoundMember` (3 indexes + a compound index on city and age): Rekord repo.saveAll %,.0f docs/s%n%n", compoundLoad);

      header();
      // Saves: fresh ids s0…, the same ids for every variant of a side.
      LongFunction<Member> fresh = i -> Dataset.member("s" + i, i);
      IntConsumer indexed = i -> side.save(fresh.apply(i));
      compare("save, 3 indexes vs HSET (target <= 1.5x)", indexed, i -> raw.hset(fresh.apply(i)), ops, server);
      compare("save, 3 indexes vs MULTI/EXEC HSET+SADD+SADD+ZADD", indexed, i -> raw.saveMulti(fresh.apply(i)), ops, server);
      compare("save, 3 indexes vs EVALSHA HSET+SADD+SADD+ZADD", indexed, i -> raw.saveLua(fresh.apply(i)), ops, server);
      LongFunction<Member> freshToo = i -> Dataset.member("c" + i, i); // new on both sides too
      compare("save, 3 indexes + compound (city, age) vs HSET", i -> side.saveCompound(freshToo.apply(i)),
          i -> raw.hset(freshToo.apply(i)), ops, server);
      compare("findById vs HGETALL", i -> side.findById(id(i)), i -> raw.findById(id(i)), ops, server);
      check(side, raw);
      compare("equality (city), 20 rows", i -> side.byCity(Dataset.city(i), LIMIT),
          i -> raw.byCity(Dataset.city(i), LIMIT), queries, server);
      compare("range (age) + sort + limit 20", i -> side.byAge(30 + i % 20, 32 + i % 20, LIMIT),
          i -> raw.byAge(30 + i % 20, 32 + i % 20, LIMIT), queries, server);
      compare("city AND age range, sorted, limit 20", i -> side.byCityAndAge(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT),
          i -> raw.byCityAndAge(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT), queries, server);
      compare("city AND age range, sorted, limit 20, compound index (raw: per-city sorted set)",
          i -> side.byCityAndAgeCompound(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT),
          i -> raw.byCityAndAgeCompound(Dataset.city(i), 25 + i % 20, 35 + i % 20, LIMIT), queries, server);
      rows.forEach(System.out::println);
      System.out.println();
      pipelined(side, raw);
    }
  }

  private String id(int i) {
    return "m" + Math.floorMod(Dataset.mix(i), (long) docs);
  }

  private static List<Member> members(String unused, int from, int to) {
    List<Member> members = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      members.add(Dataset.member("m" + i, i));
    }
    return members;
  }

  private void loadRekord(RekordSide side) {
    for (int from = 0; from < docs; from += 10_000) {
      side.saveAll(members("", from, Math.min(docs, from + 10_000)));
    }
  }

  /** Both sides return the same number of rows for each query shape (ids may differ: no order is asked for equality). */
  private void check(RekordSide side, RawJedis raw) {
    int[] sizes = {
      side.byCity(Dataset.city(3), LIMIT).size(), raw.byCity(Dataset.city(3), LIMIT).size(),
      side.byAge(30, 32, LIMIT).size(), raw.byAge(30, 32, LIMIT).size(),
      side.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).size(), raw.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).size()};
    List<Integer> byAgeRekord = side.byAge(30, 32, LIMIT).stream().map(Member::age).toList();
    List<Integer> byAgeRaw = raw.byAge(30, 32, LIMIT).stream().map(Member::age).toList();
    List<Integer> andRekord = side.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).stream().map(Member::age).toList();
    List<Integer> andRaw = raw.byCityAndAge(Dataset.city(3), 25, 35, LIMIT).stream().map(Member::age).toList();
    for (int i = 0; i < sizes.length; i += 2) {
      if (sizes[i] != LIMIT || sizes[i + 1] != LIMIT) {
        throw new IllegalStateException("query " + i / 2 + " returned " + sizes[i] + " (Rekord) and " + sizes[i + 1] + " (raw) rows, not " + LIMIT);
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

  private void header() {
    rows.add("| operation | Rekord p50 µs | raw p50 µs | p50 ratio | Rekord p99 µs | raw p99 µs | p99 ratio | Rekord ops/s | raw ops/s | server CPU µs/op Rekord | server CPU µs/op raw | server ratio |");
    rows.add("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
  }

  /**
   * Runs both sides in {@link #rounds} alternating blocks (after a warm-up of a tenth), recording
   * each operation's latency; with {@code server}, the server time of each block too.
   */
  private void compare(String name, IntConsumer rekord, IntConsumer raw, int total, ServerStats server) {
    int warmup = Math.max(1, total / 10);
    for (int i = 0; i < warmup; i++) {
      rekord.accept(i);
      raw.accept(i);
    }
    Latencies a = new Latencies();
    Latencies b = new Latencies();
    long[] usec = new long[2];
    int perRound = Math.max(1, total / rounds);
    int next = warmup;
    for (int r = 0; r < rounds; r++) {
      int start = next;
      usec[0] += block(rekord, a, start, perRound, server);
      usec[1] += block(raw, b, start, perRound, server);
      next += perRound;
    }
    String serverCells = server == null ? "| | | |" : String.format(Locale.ROOT, "| %.1f | %.1f | %.2f |",
        usec[0] / (double) a.count(), usec[1] / (double) b.count(), usec[0] / (double) Math.max(1, usec[1]));
    rows.add(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %,.0f | %,.0f %s",
        name, a.percentileMicros(50), b.percentileMicros(50), a.percentileMicros(50) / b.percentileMicros(50),
        a.percentileMicros(99), b.percentileMicros(99), a.percentileMicros(99) / b.percentileMicros(99),
        a.opsPerSecond(), b.opsPerSecond(), serverCells));
    System.err.println("done: " + name);
  }

  /** Runs a block; returns the server's main-thread CPU µs it took ({@link ServerStats#cpuMicros()}). */
  private static long block(IntConsumer op, Latencies into, int start, int count, ServerStats server) {
    long cpu = server == null ? 0 : server.cpuMicros();
    long begin = System.nanoTime();
    for (int i = start; i < start + count; i++) {
      long t = System.nanoTime();
      op.accept(i);
      into.add(System.nanoTime() - t);
    }
    into.addWall(System.nanoTime() - begin);
    return server == null ? 0 : server.cpuMicros() - cpu;
  }

  /** saveAll throughput on fresh ids p0…, alternating blocks; then the documents are removed again. */
  private void pipelined(RekordSide side, RawJedis raw) {
    int batch = 10_000;
    int blocks = Math.max(rounds, 2 * rounds);
    IntFunction<List<Member>> fresh = b -> {
      List<Member> list = new ArrayList<>(batch);
      for (int i = b * batch; i < (b + 1) * batch; i++) {
        list.add(Dataset.member("p" + i, i));
      }
      return list;
    };
    long rekordNanos = 0;
    long rawPlain = 0;
    long rawIndexed = 0;
    for (int b = 0; b < blocks; b++) {
      List<Member> list = fresh.apply(b);
      long t = System.nanoTime();
      side.saveAll(list);
      rekordNanos += System.nanoTime() - t;
      t = System.nanoTime();
      raw.saveAll(list, false);
      rawPlain += System.nanoTime() - t;
      t = System.nanoTime();
      raw.saveAll(list, true);
      rawIndexed += System.nanoTime() - t;
    }
    double n = (double) blocks * batch;
    double a = n / (rekordNanos / 1e9);
    double p = n / (rawPlain / 1e9);
    double x = n / (rawIndexed / 1e9);
    System.out.println("| pipelined saves (batches of 500) | docs/s | Rekord ÷ raw |");
    System.out.println("|---|--:|--:|");
    System.out.printf(Locale.ROOT, "| Rekord pipelined save script (3 indexes) | %,.0f | |%n", a);
    System.out.printf(Locale.ROOT, "| raw pipelined HSET | %,.0f | %.2f |%n", p, a / p);
    System.out.printf(Locale.ROOT, "| raw pipelined EVALSHA HSET+SADD+SADD+ZADD | %,.0f | %.2f |%n%n", x, a / x);
  }

  private void memory(RawJedis raw, RekordSide side, double rekordDelta, double rawDelta) {
    List<String> rekordDocs = new ArrayList<>();
    List<String> rawDocs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      rekordDocs.add(side.bucket().documentKey(id(i)));
      rawDocs.add(RawJedis.DOC + id(i));
    }
    double rekordDoc = IndexMemory.mean(raw.client(), rekordDocs);
    double rawDoc = IndexMemory.mean(raw.client(), rawDocs);
    String manifests = side.bucket().manifestPrefix();
    String documents = side.bucket().documentPrefix();
    IndexMemory.Total[] rekord = IndexMemory.measure(raw.client(), side.bucket().indexKeyPattern(),
        key -> !key.startsWith(documents), key -> key.startsWith(manifests));
    IndexMemory.Total[] hand = IndexMemory.measure(raw.client(), RawJedis.CITY.replace("city:", "") + "*",
        key -> true, key -> false);
    long rekordIndex = rekord[0].bytes() + rekord[1].bytes();
    long rawIndex = hand[0].bytes() + hand[1].bytes();
    System.out.println("| memory per document (bytes) | Rekord | raw | Rekord ÷ raw |");
    System.out.println("|---|--:|--:|--:|");
    System.out.printf(Locale.ROOT, "| document (`MEMORY USAGE`, mean of 1000) | %.0f | %.0f | %.2f |%n", rekordDoc, rawDoc, rekordDoc / rawDoc);
    System.out.printf(Locale.ROOT, "| index keys, total (%,d + %,d keys) | %.0f | %.0f | %.2f |%n",
        rekord[0].keys() + rekord[1].keys(), hand[0].keys() + hand[1].keys(),
        rekordIndex / (double) docs, rawIndex / (double) docs, rekordIndex / (double) Math.max(1, rawIndex));
    System.out.printf(Locale.ROOT, "| … of which per-document manifests (%,d keys) | %.0f | – | |%n",
        rekord[0].keys(), rekord[0].bytes() / (double) docs);
    System.out.printf(Locale.ROOT, "| … of which shared sets/sorted sets (%,d keys) | %.0f | %.0f | %.2f |%n",
        rekord[1].keys(), rekord[1].bytes() / (double) docs, rawIndex / (double) docs,
        rekord[1].bytes() / (double) Math.max(1, rawIndex));
    System.out.printf(Locale.ROOT, "| `used_memory` delta of the load | %.0f | %.0f | %.2f |%n%n", rekordDelta, rawDelta, rekordDelta / rawDelta);
  }
}
