package dev.rekord.benchmarks;

import dev.rekord.AsyncRepository;
import dev.rekord.Rekord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import redis.clients.jedis.RedisClient;

/**
 * Issue 14's production rows: async {@code findById} with 64 operations in flight against the sync
 * API on 64 threads (throughput, alternating rounds, the median of each), and the cost of metrics
 * on {@code save} and {@code findById} (a Rekord with a {@code SimpleMeterRegistry} against one
 * without, side by side). {@code ProductionBenchmark --port P [--host H] [--docs N] [--ops N]
 * [--rounds N]}; {@code benchmarks/run.sh --production} runs it pinned.
 */
public final class ProductionBenchmark {

  private static final int IN_FLIGHT = 64;

  private ProductionBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    String url = "redis://" + options.get("host", "localhost") + ":" + options.integer("port", 0);
    int docs = options.integer("docs", 10_000);
    int ops = options.integer("ops", 20_000);
    int rounds = options.integer("rounds", 5);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    try (RedisClient raw = RedisClient.create(url);
        Rekord plain = Rekord.builder().url(url).poolSize(IN_FLIGHT).maxInFlight(IN_FLIGHT).build();
        Rekord measured = Rekord.builder().url(url).poolSize(IN_FLIGHT).meterRegistry(meters).build()) {
      raw.flushAll();
      ServerStats server = new ServerStats(raw);
      MemberRepository members = new MemberRepository(plain);
      List<Member> all = new ArrayList<>(docs);
      for (int i = 0; i < docs; i++) {
        all.add(Dataset.member("m" + i, i));
      }
      members.saveAll(all);

      System.out.println("#### Async with " + IN_FLIGHT + " in flight vs sync on " + IN_FLIGHT + " threads ("
          + docs + " documents, " + ops + " findById per round, " + rounds + " alternating rounds; median)");
      System.out.println();
      System.out.println(throughput(members, ops, rounds, docs));
      System.out.println();

      System.out.println("#### Metrics overhead: with a SimpleMeterRegistry vs without (rekord.operations and rekord.calls timers)");
      System.out.println();
      MemberRepository withMetrics = new MemberRepository(measured);
      SideBySide sides = new SideBySide(rounds);
      System.out.println(SideBySide.header("metrics", "none"));
      int saves = sides.operations(ops);
      System.out.println(sides.compare("save",
          new SideBySide.Side(i -> withMetrics.save(Dataset.member("w" + i, docs + i)), server),
          new SideBySide.Side(i -> members.save(Dataset.member("p" + i, docs + saves + i)), server), ops).markdown());
      System.out.println(sides.compare("findById",
          new SideBySide.Side(i -> withMetrics.findById("m" + (i % docs)), server),
          new SideBySide.Side(i -> members.findById("m" + (i % docs)), server), ops).markdown());
    }
  }

  /** A Markdown table of async and sync findById throughput. */
  private static String throughput(MemberRepository members, int ops, int rounds, int docs) throws Exception {
    AsyncRepository<Member, String> async = members.async();
    ExecutorService threads = Executors.newFixedThreadPool(IN_FLIGHT);
    double[] asyncRates = new double[rounds];
    double[] syncRates = new double[rounds];
    try {
      runAsync(async, ops / 10, docs); // warm-up
      runSync(members, threads, ops / 10, docs);
      for (int r = 0; r < rounds; r++) {
        asyncRates[r] = runAsync(async, ops, docs);
        syncRates[r] = runSync(members, threads, ops, docs);
      }
    } finally {
      threads.shutdown();
    }
    Arrays.sort(asyncRates);
    Arrays.sort(syncRates);
    double asyncMedian = asyncRates[rounds / 2];
    double syncMedian = syncRates[rounds / 2];
    return "| findById | async, " + IN_FLIGHT + " in flight ops/s | sync, " + IN_FLIGHT + " threads ops/s | async ÷ sync |\n"
        + "|---|--:|--:|--:|\n"
        + String.format(Locale.ROOT, "| median of %d rounds | %,.0f | %,.0f | %.2f |", rounds, asyncMedian, syncMedian,
            asyncMedian / syncMedian)
        + String.format(Locale.ROOT, "%n| all rounds | %s | %s | |", rates(asyncRates), rates(syncRates));
  }

  private static String rates(double[] rates) {
    List<String> cells = new ArrayList<>();
    for (double rate : rates) {
      cells.add(String.format(Locale.ROOT, "%,.0f", rate));
    }
    return String.join(" / ", cells);
  }

  /** Operations per second of {@code ops} async findById, the runner keeping 64 in flight. */
  private static double runAsync(AsyncRepository<Member, String> async, int ops, int docs) throws Exception {
    Semaphore done = new Semaphore(0);
    long start = System.nanoTime();
    for (int i = 0; i < ops; i++) {
      CompletableFuture<?> future = async.findById("m" + (i % docs)); // blocks while 64 are in flight
      future.whenComplete((value, failure) -> done.release());
    }
    done.acquire(ops);
    return ops / ((System.nanoTime() - start) / 1e9);
  }

  /** Operations per second of {@code ops} sync findById spread over 64 threads. */
  private static double runSync(MemberRepository members, ExecutorService threads, int ops, int docs) throws Exception {
    List<Future<?>> workers = new ArrayList<>(IN_FLIGHT);
    long start = System.nanoTime();
    for (int t = 0; t < IN_FLIGHT; t++) {
      int first = t;
      workers.add(threads.submit(() -> {
        for (int i = first; i < ops; i += IN_FLIGHT) {
          members.findById("m" + (i % docs));
        }
      }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    return ops / ((System.nanoTime() - start) / 1e9);
  }
}
