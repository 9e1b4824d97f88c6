package dev.rekord.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the server spent, read before and after a block of operations ({@link #sample()}): the
 * main thread's CPU time (every microsecond counted once, network reads and writes included) and
 * the requests it read — round trips, since a pipeline arrives in one read; and {@link #top}, the
 * most expensive commands by {@code INFO commandstats}, to show where the time goes. Over several
 * servers (the masters of a cluster) all of them sum over every server: the total work, not the
 * critical path.
 */
final class ServerStats {
  private final List<? extends UnifiedJedis> admins;

  /**
   * Counters of the servers at one moment.
   *
   * @param cpuMicros {@code used_cpu_user_main_thread + used_cpu_sys_main_thread} of {@code INFO
   *     cpu}, in microseconds. Unlike a sum over {@code INFO commandstats}, which adds a script's
   *     nested commands to the script's own time (Redis counts both), this counts every microsecond
   *     once.
   * @param reads {@code total_reads_processed} of {@code INFO stats}: read events, one per request
   *     a client sends and waits for (a whole pipeline of small commands is one), this sample's own
   *     {@code INFO} included
   * @param servers how many servers were asked (one {@code INFO} each)
   */
  record Sample(long cpuMicros, long reads, int servers) {
    /** The cost of what ran between {@code before} and this sample, without this sample's own {@code INFO}. */
    Cost since(Sample before) {
      return new Cost(cpuMicros - before.cpuMicros, reads - before.reads - servers);
    }
  }

  /** Server CPU and requests (round trips) of a block of operations. */
  record Cost(long cpuMicros, long requests) {
    static final Cost NONE = new Cost(0, 0);

    Cost plus(Cost other) {
      return new Cost(cpuMicros + other.cpuMicros, requests + other.requests);
    }
  }

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

  /** The servers' counters now: one {@code INFO cpu stats} each. */
  Sample sample() {
    double seconds = 0;
    long reads = 0;
    for (UnifiedJedis admin : admins) {
      for (String line : info(admin, "cpu", "stats").split("\r?\n")) {
        if (line.startsWith("used_cpu_user_main_thread:") || line.startsWith("used_cpu_sys_main_thread:")) {
          seconds += Double.parseDouble(value(line));
        } else if (line.startsWith("total_reads_processed:")) {
          reads += Long.parseLong(value(line));
        }
      }
    }
    return new Sample(Math.round(seconds * 1e6), reads, admins.size());
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
        for (String part : value(line).split(",")) {
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

  /** {@code used_memory}, summed over the servers. */
  long usedMemory() {
    long total = 0;
    for (UnifiedJedis admin : admins) {
      total += Long.parseLong(field(admin.info("memory"), "used_memory"));
    }
    return total;
  }

  /** The value of {@code name} in an {@code INFO} reply. */
  static String field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return value(line);
      }
    }
    throw new IllegalStateException("no " + name + " in INFO");
  }

  private static String value(String line) {
    return line.substring(line.indexOf(':') + 1).trim();
  }

  /** {@code INFO} of several sections in one request (Redis 7). */
  @SuppressWarnings("deprecation") // UnifiedJedis.info takes one section only
  private static String info(UnifiedJedis admin, String... sections) {
    Object reply = admin.sendCommand(Protocol.Command.INFO, sections);
    return reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
  }
}
