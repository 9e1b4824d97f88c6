package dev.rekord.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** {@code MEMORY USAGE} summed over the keys a SCAN pattern matches, with a breakdown. */
final class IndexMemory {
  /** Bytes and key count of one group of keys. */
  record Total(long keys, long bytes) {}

  private IndexMemory() {}

  /**
   * Every key matching {@code pattern} that {@code include} accepts, measured exactly ({@code
   * SAMPLES 0}), split into keys {@code perDocument} accepts and the rest.
   */
  static Total[] measure(RedisClient client, String pattern, Predicate<String> include,
      Predicate<String> perDocument) {
    long[] counts = new long[2];
    long[] bytes = new long[2];
    String cursor = ScanParams.SCAN_POINTER_START;
    ScanParams params = new ScanParams().match(pattern).count(1000);
    do {
      ScanResult<String> page = client.scan(cursor, params);
      cursor = page.getCursor();
      List<String> keys = new ArrayList<>();
      for (String key : page.getResult()) {
        if (include.test(key)) {
          keys.add(key);
        }
      }
      List<Response<Object>> sizes = new ArrayList<>(keys.size());
      try (AbstractPipeline p = client.pipelined()) {
        for (String key : keys) {
          sizes.add(p.sendCommand(Protocol.Command.MEMORY, "USAGE", key, "SAMPLES", "0"));
        }
        p.sync();
      }
      for (int i = 0; i < keys.size(); i++) {
        int group = perDocument.test(keys.get(i)) ? 0 : 1;
        counts[group]++;
        bytes[group] += (Long) sizes.get(i).get();
      }
    } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    return new Total[] {new Total(counts[0], bytes[0]), new Total(counts[1], bytes[1])};
  }

  /** Mean {@code MEMORY USAGE} of the given keys. */
  static double mean(RedisClient client, List<String> keys) {
    List<Response<Object>> sizes = new ArrayList<>(keys.size());
    try (AbstractPipeline p = client.pipelined()) {
      for (String key : keys) {
        sizes.add(p.sendCommand(Protocol.Command.MEMORY, "USAGE", key, "SAMPLES", "0"));
      }
      p.sync();
    }
    long total = 0;
    for (Response<Object> size : sizes) {
      total += (Long) size.get();
    }
    return (double) total / keys.size();
  }
}
