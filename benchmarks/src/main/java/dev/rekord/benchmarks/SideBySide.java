package dev.rekord.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * Two operations — the subject (Rekord, or Rekord on a cluster) and its baseline (raw Jedis,
 * {@code FT.SEARCH}, standalone) — each run {@code total} times in alternating blocks after a
 * warm-up ({@link #warmUp}), so drift on a shared machine hits both alike. Operation {@code i} of
 * each side does the same work (the same query, or a fresh document of its own). Each comparison
 * is one Markdown row; every ratio is subject ÷ baseline.
 */
final class SideBySide {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  /** What runs as operation {@code i}, and the server(s) it runs on ({@code null}: not measured). */
  record Side(IntConsumer op, ServerStats server) {}

  /**
   * A comparison's Markdown row, its ratios (subject ÷ baseline) and the subject's round trips per
   * operation. {@code throughputRatio} is the baseline's p50 ÷ the subject's: for operations of
   * equal size (a batch, a large read) the throughput at the median, which a stall on a shared
   * machine moves less than the wall-clock rate of the ops/s columns.
   */
  record Row(String markdown, double p50Ratio, double throughputRatio, double roundTrips) {}

  /**
   * The least time each comparison's warm-up runs, alternating its sides ({@code
   * -Drekord.bench.warmupSeconds}, run.sh's {@code WARMUP_SECONDS}; default 3). A tenth of the
   * operations was not enough: on a 16-bucket cluster page the JIT was still compiling after a
   * thousand pages (client CPU 560 → 230 µs per page over the first 10,000, p50 990 → 400 µs),
   * so a row compared a half-compiled path with a warm one.
   */
  static final long WARMUP_NANOS = (long) (Double.parseDouble(System.getProperty("rekord.bench.warmupSeconds", "3")) * 1e9);

  private final int rounds;

  SideBySide(int rounds) {
    this.rounds = rounds;
  }

  /** The table header for rows of {@link #compare}: {@code s} names the subject, {@code b} the baseline. */
  static String header(String s, String b) {
    return "| operation | " + s + " p50 µs | " + b + " p50 µs | p50 ratio | " + s + " p99 µs | " + b + " p99 µs | p99 ratio | "
        + s + " ops/s | " + b + " ops/s | server CPU µs/op " + s + " | server CPU µs/op " + b + " | CPU ratio | round trips/op "
        + s + " | round trips/op " + b + " | client CPU µs/op " + s + " | client CPU µs/op " + b
        + " |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|";
  }

  /** How many operation numbers ({@code 0 … n-1}) {@link #compare} uses for {@code total}: warm-up included. */
  int operations(int total) {
    return Math.max(1, total / 10) + rounds * Math.max(1, total / rounds);
  }

  Row compare(String name, Side subject, Side baseline, int total) {
    int warmup = Math.max(1, total / 10);
    warmUp(warmup, subject.op(), baseline.op());
    Latencies a = new Latencies();
    Latencies b = new Latencies();
    ServerStats.Cost costA = ServerStats.Cost.NONE;
    ServerStats.Cost costB = ServerStats.Cost.NONE;
    int perRound = Math.max(1, total / rounds);
    for (int r = 0, next = warmup; r < rounds; r++, next += perRound) {
      costA = costA.plus(block(subject.op(), a, next, perRound, subject.server()));
      costB = costB.plus(block(baseline.op(), b, next, perRound, baseline.server()));
    }
    System.err.println("done: " + name);
    String markdown = String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %,.0f | %,.0f | %s | %s | %.1f | %.1f |",
        name, a.percentileMicros(50), b.percentileMicros(50), a.percentileMicros(50) / b.percentileMicros(50),
        a.percentileMicros(99), b.percentileMicros(99), a.percentileMicros(99) / b.percentileMicros(99),
        a.opsPerSecond(), b.opsPerSecond(),
        serverCells(costA, a.count(), subject.server(), costB, b.count(), baseline.server()),
        roundTripCells(costA, a.count(), subject.server(), costB, b.count(), baseline.server()),
        a.clientCpuMicros(), b.clientCpuMicros());
    return new Row(markdown, a.percentileMicros(50) / b.percentileMicros(50), b.percentileMicros(50) / a.percentileMicros(50),
        costA.requests() / (double) a.count());
  }

  private static String serverCells(ServerStats.Cost a, int na, ServerStats sa, ServerStats.Cost b, int nb, ServerStats sb) {
    return String.format(Locale.ROOT, "%s | %s | %s",
        sa == null ? "" : String.format(Locale.ROOT, "%.1f", a.cpuMicros() / (double) na),
        sb == null ? "" : String.format(Locale.ROOT, "%.1f", b.cpuMicros() / (double) nb),
        sa == null || sb == null ? "" : String.format(Locale.ROOT, "%.2f",
            (a.cpuMicros() / (double) na) / Math.max(1e-9, b.cpuMicros() / (double) nb)));
  }

  private static String roundTripCells(ServerStats.Cost a, int na, ServerStats sa, ServerStats.Cost b, int nb, ServerStats sb) {
    return String.format(Locale.ROOT, "%s | %s",
        sa == null ? "" : String.format(Locale.ROOT, "%.2f", a.requests() / (double) na),
        sb == null ? "" : String.format(Locale.ROOT, "%.2f", b.requests() / (double) nb));
  }

  /**
   * Runs operations {@code 0 … count - 1} of each of {@code sides}, alternating, and again from 0
   * until {@link #WARMUP_NANOS} have passed: the measured operations ({@code count} on) run a
   * compiled path. Operations run again may do different work (a save of a document that now
   * exists is an update); what a warm-up needs is the code run, not the data.
   */
  static void warmUp(int count, IntConsumer... sides) {
    long end = System.nanoTime() + WARMUP_NANOS;
    do {
      for (int i = 0; i < count; i++) {
        for (IntConsumer side : sides) {
          side.accept(i);
        }
      }
    } while (System.nanoTime() < end);
  }

  /**
   * Runs operations {@code start … start + count - 1}, recording each one's latency and the calling
   * thread's CPU time; returns what the server(s) spent on them ({@link ServerStats.Cost#NONE}
   * without a server).
   */
  static ServerStats.Cost block(IntConsumer op, Latencies into, int start, int count, ServerStats server) {
    ServerStats.Sample before = server == null ? null : server.sample();
    long cpu = THREADS.getCurrentThreadCpuTime();
    long begin = System.nanoTime();
    for (int i = start; i < start + count; i++) {
      long t = System.nanoTime();
      op.accept(i);
      into.add(System.nanoTime() - t);
    }
    into.addWall(System.nanoTime() - begin);
    into.addClientCpu(THREADS.getCurrentThreadCpuTime() - cpu);
    return server == null ? ServerStats.Cost.NONE : server.sample().since(before);
  }
}
