package dev.rekord.examples.cities;

import java.util.Locale;

/** Elapsed wall-clock time, printed the way the demo reports it. */
final class Stopwatch {

  private final long start = System.nanoTime();

  static Stopwatch start() {
    return new Stopwatch();
  }

  long nanos() {
    return System.nanoTime() - start;
  }

  /** {@code 850 µs}, {@code 12.3 ms} or {@code 2.41 s}. */
  String elapsed() {
    return format(nanos());
  }

  /** Items per second over the elapsed time, e.g. {@code 53,120/s}. */
  String rate(long items) {
    double seconds = Math.max(nanos(), 1) / 1e9;
    return String.format(Locale.ROOT, "%,.0f/s", items / seconds);
  }

  static String format(long nanos) {
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%d µs", nanos / 1_000);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }
}
