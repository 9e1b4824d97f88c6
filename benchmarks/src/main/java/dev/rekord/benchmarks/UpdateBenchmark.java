package dev.rekord.benchmarks;

import static dev.rekord.update.Update.append;
import static dev.rekord.update.Update.increment;

import dev.rekord.Rekord;
import java.util.List;
import redis.clients.jedis.RedisClient;

/**
 * Partial updates against the raw commands doing the same change: an atomic increment
 * ({@code repository.update(id, increment(Counter_.hits, 1))}, which moves the sortable number's
 * index entry) vs a bare {@code HINCRBY} (no index) and vs a hand-written {@code EVALSHA} that does
 * {@code HINCRBY} and the same {@code ZADD} of the index entry; a list append vs {@code RPUSH}
 * (a list of its own, no index). Each operation updates one of 100 documents in turn.
 * {@code UpdateBenchmark --port P [--host H] [--ops N] [--rounds N]}; not part of run.sh.
 */
public final class UpdateBenchmark {

  private static final int DOCUMENTS = 100;

  /** HINCRBY of the document and ZADD of its entry in the sortable number's index, as Rekord keeps it. */
  private static final String INCREMENT_WITH_INDEX = """
      local hits = redis.call('HINCRBY', KEYS[1], 'hits', 1)
      redis.call('ZADD', KEYS[2], hits, ARGV[1])
      return hits
      """;

  private UpdateBenchmark() {}

  public static void main(String[] args) {
    Options options = new Options(args);
    String host = options.get("host", "localhost");
    int port = options.integer("port", 0);
    int ops = options.integer("ops", 10_000);
    SideBySide sides = new SideBySide(options.integer("rounds", 5));
    try (Rekord rekord = Rekord.connect("redis://" + host + ":" + port);
        RedisClient raw = RedisClient.create(host, port)) {
      raw.flushAll();
      rekord.migrate();
      ServerStats server = new ServerStats(raw);
      CounterRepository counters = new CounterRepository(rekord);
      for (int i = 0; i < DOCUMENTS; i++) {
        counters.save(new Counter("c" + i, "red", 0, List.of()));
        raw.hset("bench:raw-counter:" + i, "hits", "0");
      }
      String sha = raw.scriptLoad(INCREMENT_WITH_INDEX);
      System.out.println(SideBySide.header("Rekord", "raw"));

      SideBySide.Side update = new SideBySide.Side(i -> counters.update("c" + (i % DOCUMENTS),
          increment(Counter_.hits, 1L)), server);
      System.out.println(sides.compare("atomic increment (sortable, indexed) vs `HINCRBY` (no index)", update,
          new SideBySide.Side(i -> raw.hincrBy("bench:raw-counter:" + (i % DOCUMENTS), "hits", 1), server),
          ops).markdown());
      System.out.println(sides.compare("atomic increment vs hand `EVALSHA`: `HINCRBY` + `ZADD` of the index entry",
          update, new SideBySide.Side(i -> raw.evalsha(sha,
              List.of("{bench-counter}:raw" + (i % DOCUMENTS), "{bench-counter}#num:raw-hits"),
              List.of("raw" + (i % DOCUMENTS))), server), ops).markdown());
      System.out.println(sides.compare("list append (`Update.append`) vs `RPUSH` (no index)",
          new SideBySide.Side(i -> counters.update("c" + (i % DOCUMENTS), append(Counter_.log, "e" + (i / DOCUMENTS % 20))),
              server),
          new SideBySide.Side(i -> raw.rpush("bench:raw-log:" + (i % DOCUMENTS), "e" + i), server), ops / 5).markdown());
    }
  }
}
