package dev.rekord.benchmarks;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * {@code MEMORY USAGE … SAMPLES 0} (exact) of every key under one hash tag, summed per family of
 * keys: the documents ({@code {tag}:<id>}) and, for index keys ({@code {tag}#…}), the first two
 * {@code :}-separated parts of the name ({@code {tag}#lex:city}, {@code {tag}#num:age}); a first
 * part with more than {@value #MAX_NAMES} different second parts (one key per document or per
 * value, like manifests) is one family ({@code {tag}#doc:*}). Reads key names only, so it follows
 * whatever layout the engine writes.
 */
final class KeyFamilies {
  private static final int MAX_NAMES = 32;

  /** Keys matching {@code pattern} and their bytes. */
  record Family(String pattern, long keys, long bytes) {}

  private KeyFamilies() {}

  /** Every key under {@code tag} (with its braces), by family, largest first. */
  static List<Family> measure(RedisClient client, String tag) {
    Map<String, long[]> totals = new HashMap<>();
    Map<String, Set<String>> names = new HashMap<>();
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().match(glob(tag) + "*").count(1000);
    do {
      ScanResult<String> page = client.scan(cursor, params);
      cursor = page.getCursor();
      List<String> keys = page.getResult();
      List<Long> sizes = usage(client, keys);
      for (int i = 0; i < keys.size(); i++) {
        long[] total = totals.computeIfAbsent(family(keys.get(i).substring(tag.length()), totals, names), k -> new long[2]);
        total[0]++;
        total[1] += sizes.get(i);
      }
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    List<Family> families = new ArrayList<>();
    totals.forEach((name, total) -> families.add(new Family(tag + name, total[0], total[1])));
    families.sort(Comparator.comparingLong(Family::bytes).reversed());
    return families;
  }

  /** {@code MEMORY USAGE key SAMPLES 0} of each key, in one pipeline. */
  static List<Long> usage(RedisClient client, List<String> keys) {
    List<Response<Object>> replies = new ArrayList<>(keys.size());
    try (AbstractPipeline p = client.pipelined()) {
      for (String key : keys) {
        replies.add(p.sendCommand(Protocol.Command.MEMORY, "USAGE", key, "SAMPLES", "0"));
      }
      p.sync();
    }
    List<Long> sizes = new ArrayList<>(keys.size());
    replies.forEach(reply -> sizes.add((Long) reply.get()));
    return sizes;
  }

  /** The family of a key (its name after the tag), merging a first part's names once there are too many. */
  private static String family(String rest, Map<String, long[]> totals, Map<String, Set<String>> names) {
    if (rest.startsWith(":")) {
      return ":<id>";
    }
    String[] parts = rest.split(":", 3);
    String wide = parts[0] + ":*";
    if (parts.length == 1 || totals.containsKey(wide)) {
      return parts.length == 1 ? parts[0] : wide;
    }
    Set<String> seen = names.computeIfAbsent(parts[0], k -> new HashSet<>());
    String name = parts[0] + ":" + parts[1];
    seen.add(name);
    if (seen.size() <= MAX_NAMES) {
      return name;
    }
    long[] merged = new long[2];
    for (String each : seen) {
      long[] total = totals.remove(each);
      if (total != null) {
        merged[0] += total[0];
        merged[1] += total[1];
      }
    }
    totals.put(wide, merged);
    names.remove(parts[0]);
    return wide;
  }

  /** {@code text} as a SCAN pattern matching only itself. */
  private static String glob(String text) {
    return text.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }
}
