package dev.rekord.it;

import dev.rekord.Rekord;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement, not a test (skipped unless {@code -Drekord.measure=true}): what a page or count of
 * the portable engine costs the servers on a 3-master cluster (16 buckets) against one standalone
 * server (1 bucket), same data, same queries. Server cost per query, summed over the masters: the
 * main thread's CPU ({@code INFO cpu}, which includes reading and writing the calls) and the time
 * in scripts ({@code INFO commandstats}, {@code EVALSHA} usec, which includes the commands they
 * call). No wall-clock timing (the build machine is shared). Prints {@code QCOST} lines, and the
 * ratio cluster ÷ standalone (docs/performance.md).
 */
@EnabledIfSystemProperty(named = "rekord.measure", matches = "true")
class ClusterQueryCost {
  static final int MEMBERS = Integer.getInteger("members", 20_000);
  static final int N = Integer.getInteger("n", 300);

  private static List<Member> data() {
    List<Member> all = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      all.add(new Member(String.format("m%06d", i), "city" + (i % 50), LocalDate.of(2020, 1, 1).plusDays(i % 50),
          i * 7919 % 90, List.of("t"), null));
    }
    return all;
  }

  private static Map<String, Supplier<Object>> queries(MemberRepository members) {
    Map<String, Supplier<Object>> queries = new LinkedHashMap<>();
    queries.put("equality city=city3, limit 20", () -> members.find(Member_.city.eq("city3")).limit(20).list());
    queries.put("range age 30..69 + sort age desc, limit 20",
        () -> members.find(Member_.age.between(30, 69)).sortBy(Member_.age.desc()).limit(20).list());
    queries.put("count city=city3", () -> members.find(Member_.city.eq("city3")).count());
    queries.put("count age < 40", () -> members.find(Member_.age.lt(40)).count());
    return queries;
  }

  @Test
  void measure() {
    Map<String, double[]> standalone;
    try (RedisServer server = RedisServer.start(); Rekord rekord = Rekord.connect(server.url())) {
      standalone = run("standalone", List.of(server), new MemberRepository(rekord));
    }
    Map<String, double[]> cluster;
    try (RedisCluster servers = RedisCluster.builder().masters(3).start(); Rekord rekord = Rekord.connect(servers.seedUrl())) {
      cluster = run("cluster", servers.masters(), new MemberRepository(rekord));
    }
    standalone.forEach((what, alone) -> {
      double[] spread = cluster.get(what);
      System.out.printf("QCOST ratio %-44s cpu %.1f / %.1f us = %.2fx   script %.1f / %.1f us = %.2fx%n",
          what, spread[0], alone[0], spread[0] / alone[0], spread[1], alone[1], spread[1] / alone[1]);
    });
  }

  /** Per query: {main-thread CPU µs, EVALSHA µs} summed over {@code servers}. */
  private static Map<String, double[]> run(String side, List<RedisServer> servers, MemberRepository members) {
    List<Member> all = data();
    for (int i = 0; i < all.size(); i += 1000) {
      members.saveAll(all.subList(i, Math.min(all.size(), i + 1000)));
    }
    Map<String, double[]> costs = new LinkedHashMap<>();
    queries(members).forEach((what, query) -> {
      for (int i = 0; i < 30; i++) {
        query.get();
      }
      servers.forEach(s -> s.command("CONFIG", "RESETSTAT"));
      double cpu = -cpu(servers);
      for (int i = 0; i < N; i++) {
        query.get();
      }
      cpu += cpu(servers);
      Map<String, long[]> per = new java.util.TreeMap<>();
      for (RedisServer s : servers) {
        for (String line : String.valueOf(s.command("INFO", "commandstats")).split("\r?\n")) {
          if (line.startsWith("cmdstat_") && !line.startsWith("cmdstat_config") && !line.startsWith("cmdstat_info")) {
            long[] acc = per.computeIfAbsent(line.substring(8, line.indexOf(':')), k -> new long[2]);
            acc[0] += Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+).*", "$1"));
            acc[1] += Long.parseLong(line.replaceAll(".*[^_]usec=(\\d+).*", "$1"));
          }
        }
      }
      long calls = per.getOrDefault("evalsha", new long[2])[0];
      long evalsha = per.getOrDefault("evalsha", new long[2])[1];
      StringBuilder commands = new StringBuilder();
      per.forEach((name, acc) -> commands.append(String.format(" %s=%.2f/q %.1fus/q", name, acc[0] / (double) N, acc[1] / (double) N)));
      double[] cost = {cpu * 1e6 / N, evalsha / (double) N};
      costs.put(what, cost);
      System.out.printf("QCOST %-10s %-44s cpu %8.1f us/q  evalsha %8.1f us/q  %.2f calls/q |%s%n",
          side, what, cost[0], cost[1], calls / (double) N, commands);
    });
    return costs;
  }

  /** The main threads' CPU seconds so far, summed. */
  private static double cpu(List<RedisServer> servers) {
    double seconds = 0;
    for (RedisServer s : servers) {
      String info = String.valueOf(s.command("INFO", "cpu"));
      seconds += Double.parseDouble(info.replaceAll("(?s).*used_cpu_sys_main_thread:([0-9.]+).*", "$1"));
      seconds += Double.parseDouble(info.replaceAll("(?s).*used_cpu_user_main_thread:([0-9.]+).*", "$1"));
    }
    return seconds;
  }
}
