package dev.rekord.it;

import dev.rekord.Rekord;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.model.Engine;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A measurement, not a test (skipped unless {@code -Drekord.measure=true}): what the search
 * engine's watch for slot migrations costs per query on a 3-master cluster, with no migration and
 * with a slot half migrated: client p50/p90 and, from {@code INFO commandstats} summed over the
 * masters, commands and server time per query. Prints {@code COST} lines (docs/performance.md).
 */
@org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "rekord.measure", matches = "true")
class ClusterSearchMigrationCost {
  static final int MEMBERS = Integer.getInteger("members", 4000);
  static final int N = Integer.getInteger("n", 300);

  @Test
  void measure() {
    try (RedisCluster cluster = RedisCluster.builder().masters(3).module(RedisModules.search().orElseThrow()).start();
        Rekord rekord = Rekord.builder().url(cluster.seedUrl()).engine(Member.class, Engine.SEARCH).build()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      List<Member> all = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        all.add(new Member("m" + i, "city" + (i % 7), LocalDate.of(2020, 1, 1).plusDays(i % 50), i % 90, List.of("t"), null));
      }
      for (int i = 0; i < all.size(); i += 500) {
        members.saveAll(all.subList(i, Math.min(all.size(), i + 500)));
      }
      pin(cluster);
      run(cluster, "warm-up", members);
      run(cluster, "steady", members);
      int slot = JedisClusterCRC16.getSlot("{member:3}");
      RedisServer source = cluster.masterOf(slot);
      RedisServer target = cluster.masters().stream().filter(m -> m.port() != source.port()).findFirst().orElseThrow();
      target.command("CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", cluster.nodeId(source));
      source.command("CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", cluster.nodeId(target));
      List<?> keys = (List<?>) source.command("CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), "100000");
      List<String> cmd = new ArrayList<>(List.of("MIGRATE", target.host(), Integer.toString(target.port()), "", "0", "5000", "KEYS"));
      for (int i = 0; i < keys.size() / 2; i++) {
        cmd.add(String.valueOf(keys.get(i)));
      }
      source.command(cmd.toArray(String[]::new));
      run(cluster, "migrating (half of " + keys.size() + " keys moved)", members);
      run(cluster, "migrating again", members);
    }
  }

  /** Every node on CPU 1 (the JVM runs under taskset -c 0). */
  private static void pin(RedisCluster cluster) {
    for (RedisServer node : cluster.nodes()) {
      String info = String.valueOf(node.command("INFO", "server"));
      String pid = info.replaceAll("(?s).*process_id:(\\d+).*", "$1");
      try {
        new ProcessBuilder("taskset", "-cp", "1", pid).inheritIO().start().waitFor();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static void run(RedisCluster cluster, String state, MemberRepository members) {
    time(cluster, state, "count city=city3", () -> members.find(Member_.city.eq("city3")).count());
    time(cluster, state, "page age desc 37+25", () -> members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).offset(37).limit(25).ids());
    time(cluster, state, "every id age desc (cursor)", () -> members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).ids());
  }

  private static void time(RedisCluster cluster, String state, String what, Supplier<Object> query) {
    for (int i = 0; i < 50; i++) {
      query.get();
    }
    cluster.masters().forEach(m -> m.command("CONFIG", "RESETSTAT"));
    int n = what.contains("cursor") ? N / 5 : N;
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long t = System.nanoTime();
      query.get();
      nanos[i] = System.nanoTime() - t;
    }
    Arrays.sort(nanos);
    StringBuilder stats = new StringBuilder();
    long calls = 0;
    double usec = 0;
    java.util.Map<String, long[]> per = new java.util.TreeMap<>();
    for (RedisServer m : cluster.masters()) {
      for (String line : String.valueOf(m.command("INFO", "commandstats")).split("\r?\n")) {
        if (line.startsWith("cmdstat_")) {
          String name = line.substring(8, line.indexOf(':'));
          long c = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+).*", "$1"));
          long u = Long.parseLong(line.replaceAll(".*[^_]usec=(\\d+).*", "$1"));
          long[] acc = per.computeIfAbsent(name, k -> new long[2]);
          acc[0] += c;
          acc[1] += u;
        }
      }
    }
    per.remove("config|resetstat");
    per.remove("info");
    per.forEach((name, acc) -> stats.append(String.format(" %s=%.2f/q %.1fus/q", name, acc[0] / (double) n, acc[1] / (double) n)));
    System.out.printf("COST %-40s %-28s p50 %.3f ms p90 %.3f ms |%s%n", state, what, nanos[n / 2] / 1e6, nanos[n * 9 / 10] / 1e6, stats);
  }
}
