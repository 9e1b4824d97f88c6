package dev.rekord.benchmarks;

import java.util.Arrays;

/** Per-operation latencies in nanoseconds, and the wall time they took together. */
final class Latencies {
  private long[] samples = new long[1024];
  private int size;
  private long wallNanos;

  void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  void addWall(long nanos) {
    wallNanos += nanos;
  }

  int count() {
    return size;
  }

  double percentileMicros(double p) {
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    int index = (int) Math.min(size - 1, Math.max(0, Math.ceil(p / 100.0 * size) - 1));
    return sorted[index] / 1000.0;
  }

  double opsPerSecond() {
    return size / (wallNanos / 1e9);
  }
}
