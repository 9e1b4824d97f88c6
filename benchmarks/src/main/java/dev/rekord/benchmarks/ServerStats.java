package dev.rekord.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the server spent: {@link #cpuMicros()}, the main thread's CPU time (every microsecond
 * counted once, network reads and writes included), read before and after a block of operations;
 * and {@link #top}, the most expensive commands by {@code INFO commandstats}, to show where the time
 * goes. Over several servers (the masters of a cluster) both sum over every server: the total
 * work, not the critical path.
 */
final class ServerStats {
  private final List<? extends UnifiedJedis> admins;

  ServerStats(UnifiedJedis admin) {
    this(List.of(admin));
  }

  /** One connection per server (plain clients to each master of a cluster, not a cluster client). */
  ServerStats(List<? extends UnifiedJedis> admins) {
    this.admins = List.copyOf(admins);
  }

  @SuppressWarnings("deprecation") // UnifiedJedis has no CONFIG RESETSTAT method
  void reset() {
    for (UnifiedJedis admin : admins) {
      admin.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
    }
  }

  /**
   * The commands since {@link #reset()} that took the most server time, summed over the servers:
   * {@code name calls/op µs/op}, the {@code top} most expensive, for a block of {@code ops}.
   */
  String top(int top, int ops) {
    Map<String, long[]> byCommand = new TreeMap<>();
    for (UnifiedJedis admin : admins) {
      for (String line : admin.info("commandstats").split("\r?\n")) {
        if (!line.startsWith("cmdstat_") || line.startsWith("cmdstat_config:") || line.startsWith("cmdstat_info:")) {
          continue;
        }
        long[] sums = byCommand.computeIfAbsent(line.substring(8, line.indexOf(':')), k -> new long[2]);
        for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
          if (part.startsWith("calls=")) {
            sums[0] += Long.parseLong(part.substring(6));
          } else if (part.startsWith("usec=")) {
            sums[1] += Long.parseLong(part.substring(5));
          }
        }
      }
    }
    return byCommand.entrySet().stream()
        .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
        .limit(top)
        .map(e -> String.format(Locale.ROOT, "%s %.1f×/%.0fµs", e.getKey(),
            e.getValue()[0] / (double) ops, e.getValue()[1] / (double) ops))
        .collect(Collectors.joining(", "));
  }

  /**
   * CPU time of the servers' main threads so far ({@code used_cpu_user_main_thread +
   * used_cpu_sys_main_thread} of {@code INFO cpu}), in microseconds, summed over the servers.
   * Unlike a sum over {@code INFO commandstats}, which adds a script's nested commands to the
   * script's own time (Redis counts both), this counts every microsecond once, network reads and
   * writes included.
   */
  long cpuMicros() {
    double seconds = 0;
    for (UnifiedJedis admin : admins) {
      for (String line : admin.info("cpu").split("\r?\n")) {
        if (line.startsWith("used_cpu_user_main_thread:") || line.startsWith("used_cpu_sys_main_thread:")) {
          seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
        }
      }
    }
    return Math.round(seconds * 1e6);
  }

  /** {@code used_memory}, summed over the servers. */
  long usedMemory() {
    long total = 0;
    for (UnifiedJedis admin : admins) {
      total += usedMemory(admin);
    }
    return total;
  }

  private static long usedMemory(UnifiedJedis admin) {
    for (String line : admin.info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("no used_memory in INFO memory");
  }
}
