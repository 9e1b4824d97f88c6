package dev.rekord.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rekord.Rekord;
import dev.rekord.cache.Cache;
import dev.rekord.cache.CacheOptions;
import dev.rekord.ratelimit.RateLimiter;
import dev.rekord.values.ValueMapper;
import dev.rekord.values.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * The toolkit against raw Jedis doing the same work (the same JSON through the same Jackson
 * configuration): {@code mget}/{@code mset} of 100 keys, a cache hit (from Redis and from the near
 * cache), a rate-limiter check.
 * {@code ToolkitBenchmark --port P [--host H] [--ops N] [--rounds N]}; {@code benchmarks/run.sh --toolkit} runs it pinned.
 */
public final class ToolkitBenchmark {

  /** A small value, as a cached profile might be. */
  public record Profile(String id, String name, int visits, List<String> tags) {}

  private static final int KEYS = 100;

  private ToolkitBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    String host = options.get("host", "localhost");
    int port = options.integer("port", 0);
    int ops = options.integer("ops", 5_000);
    SideBySide sides = new SideBySide(options.integer("rounds", 5));
    ObjectMapper json = ValueMapper.defaultObjectMapper();
    try (Rekord rekord = Rekord.connect("redis://" + host + ":" + port);
        RedisClient raw = RedisClient.create(host, port)) {
      raw.flushAll();
      ServerStats server = new ServerStats(raw);
      Values values = rekord.values();
      List<String> keys = new ArrayList<>();
      Map<String, Object> entries = new LinkedHashMap<>();
      for (int i = 0; i < KEYS; i++) {
        keys.add("bench:value:" + i);
        entries.put("bench:value:" + i, new Profile("p" + i, "Name " + i, i, List.of("a", "b")));
      }
      System.out.println(SideBySide.header("Rekord", "Jedis"));

      System.out.println(sides.compare("mset 100 records, TTL vs pipelined `SET … PX` + Jackson",
          new SideBySide.Side(i -> values.mset(entries, Duration.ofMinutes(10)), server),
          new SideBySide.Side(i -> {
            try (AbstractPipeline pipeline = raw.pipelined()) { // holds a pooled connection until closed
              entries.forEach((key, value) -> pipeline.set(key, write(json, value), SetParams.setParams().px(600_000)));
              pipeline.sync();
            }
          }, server), ops / 10).markdown());

      System.out.println(sides.compare("mget 100 records (per-key results) vs `MGET` + Jackson",
          new SideBySide.Side(i -> values.mget(Profile.class, keys), server),
          new SideBySide.Side(i -> {
            List<Profile> read = new ArrayList<>(KEYS);
            for (String text : raw.mget(keys.toArray(String[]::new))) {
              read.add(text == null ? null : read(json, text));
            }
          }, server), ops / 10).markdown());

      Cache cache = rekord.cache("bench");
      cache.getOrCompute("p1", Profile.class, Duration.ofHours(1), () -> new Profile("p1", "Name", 1, List.of()));
      raw.set("bench:plain:p1", write(json, new Profile("p1", "Name", 1, List.of())));
      System.out.println(sides.compare("cache hit (`getOrCompute`) vs `GET` + Jackson",
          new SideBySide.Side(i -> cache.getOrCompute("p1", Profile.class, Duration.ofHours(1), () -> null), server),
          new SideBySide.Side(i -> read(json, raw.get("bench:plain:p1")), server), ops).markdown());

      Cache near = rekord.cache("bench-near", CacheOptions.DEFAULT.withNearCache(1_000));
      near.getOrCompute("p1", Profile.class, Duration.ofHours(1), () -> new Profile("p1", "Name", 1, List.of()));
      for (int i = 0; i < 500 && near.stats().nearHits() == 0; i++) { // until invalidations flow
        Thread.sleep(10);
        near.getOrCompute("p1", Profile.class, Duration.ofHours(1), () -> null);
      }
      System.out.println(sides.compare("near-cache hit (`withNearCache`) vs `GET` + Jackson",
          new SideBySide.Side(i -> near.getOrCompute("p1", Profile.class, Duration.ofHours(1), () -> null), server),
          new SideBySide.Side(i -> read(json, raw.get("bench:plain:p1")), server), ops).markdown());

      RateLimiter limiter = rekord.rateLimiters().slidingWindow("bench", Integer.MAX_VALUE, Duration.ofSeconds(1));
      System.out.println(sides.compare("sliding-window check vs `INCR` + `PEXPIRE` (fixed window, pipelined)",
          new SideBySide.Side(i -> limiter.tryAcquire("user:" + (i % 100)), server),
          new SideBySide.Side(i -> {
            try (AbstractPipeline pipeline = raw.pipelined()) {
              pipeline.incr("bench:raw-limit:user:" + (i % 100));
              pipeline.pexpire("bench:raw-limit:user:" + (i % 100), 1000);
              pipeline.sync();
            }
          }, server), ops).markdown());
    }
  }

  private static String write(ObjectMapper json, Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Profile read(ObjectMapper json, String text) {
    try {
      return json.readValue(text, Profile.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
