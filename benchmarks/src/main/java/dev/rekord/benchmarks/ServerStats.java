package dev.rekord.benchmarks;

import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * Server-side time from {@code INFO commandstats}: reset the counters, run a block of operations,
 * sum {@code usec} over every command except CONFIG and INFO. For EVALSHA that is the whole
 * script, nested calls included; for a hand-written query it is every command it sent (e.g.
 * SRANDMEMBER plus 20 HGETALLs). It excludes network, parsing and queueing, so it is what one
 * operation costs the (single-threaded) server.
 */
final class ServerStats {
  private final UnifiedJedis admin;

  ServerStats(UnifiedJedis admin) {
    this.admin = admin;
  }

  @SuppressWarnings("deprecation") // UnifiedJedis has no CONFIG RESETSTAT method
  void reset() {
    admin.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
  }

  /** Total server microseconds of commands since {@link #reset()}. */
  long usec() {
    long total = 0;
    for (String line : admin.info("commandstats").split("\r?\n")) {
      if (!line.startsWith("cmdstat_") || line.startsWith("cmdstat_config:") || line.startsWith("cmdstat_info:")) {
        continue;
      }
      for (String part : line.substring(line.indexOf(':') + 1).split(",")) {
        if (part.startsWith("usec=")) {
          total += Long.parseLong(part.substring(5));
        }
      }
    }
    return total;
  }

  long usedMemory() {
    for (String line : admin.info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("no used_memory in INFO memory");
  }
}
