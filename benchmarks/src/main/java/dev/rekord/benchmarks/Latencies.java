package dev.rekord.benchmarks;

import java.util.Arrays;

/**
 * Per-operation latencies in nanoseconds, the wall time they took together and the CPU time the
 * calling thread spent on them (the client's share: encoding, decoding, merging).
 */
final class Latencies {
  private long[] samples = new long[1024];
  private int size;
  private long wallNanos;
  private long clientCpuNanos;

  void add(long nanos) {
    if (size == samples.length) {
      samples = Arrays.copyOf(samples, size * 2);
    }
    samples[size++] = nanos;
  }

  void addWall(long nanos) {
    wallNanos += nanos;
  }

  void addClientCpu(long nanos) {
    clientCpuNanos += nanos;
  }

  /** The calling thread's CPU time per operation, µs. */
  double clientCpuMicros() {
    return size == 0 ? 0 : clientCpuNanos / 1000.0 / size;
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
