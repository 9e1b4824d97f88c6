package dev.rekord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;

/**
 * What the read-side tests ({@link PageReadsTest}, {@link LargeListTest}) share: deterministic
 * members, their in-memory evaluation, and what the server counted.
 */
final class ReadChecks {
  private static final String[] CITIES = {"Oslo", "Bergen", "Tromsø", "Ålesund"};

  private ReadChecks() {}

  /** {@code n} members {@code m00000…} in id order, cities and ages drawn from {@code seed}. */
  static List<Member> data(int n, long seed) {
    Random random = new Random(seed);
    List<Member> members = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      members.add(new Member(String.format("m%05d", i), CITIES[random.nextInt(CITIES.length)], random.nextInt(80), null));
    }
    return members;
  }

  /** Read events the server processed (one per request a client sent and waited for). */
  static long reads(UnifiedJedis jedis) {
    for (String line : jedis.info("stats").split("\r\n")) {
      if (line.startsWith("total_reads_processed:")) {
        return Long.parseLong(line.substring(line.indexOf(':') + 1));
      }
    }
    throw new IllegalStateException("no total_reads_processed");
  }

  /** Zeroes the server's statistics ({@code CONFIG RESETSTAT}): {@link #commandCalls} counts from here. */
  static void resetCommandStats(UnifiedJedis jedis) {
    jedis.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("RESETSTAT"));
  }

  /** Calls per command since the last {@code CONFIG RESETSTAT}, by lower-case name ({@code INFO commandstats}). */
  static Map<String, Long> commandCalls(UnifiedJedis jedis) {
    Map<String, Long> calls = new HashMap<>();
    for (String line : jedis.info("commandstats").split("\r\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        String count = line.substring(line.indexOf("calls=") + 6, line.indexOf(',', line.indexOf("calls=")));
        calls.put(name, Long.parseLong(count));
      }
    }
    return calls;
  }

  static List<Member> evaluate(List<Member> data, Predicate<Member> condition, Comparator<Member> order) {
    return data.stream().filter(condition).sorted(order).toList();
  }

  static Comparator<Member> byId() {
    return Comparator.comparing(Member::id);
  }

  /** By age, ties by id in the same direction. */
  static Comparator<Member> byAge(boolean descending) {
    Comparator<Member> order = Comparator.comparingInt(Member::age).thenComparing(Member::id);
    return descending ? order.reversed() : order;
  }
}
