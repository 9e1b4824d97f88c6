package dev.rekord.benchmarks;

import dev.rekord.Rekord;
import dev.rekord.changes.ChangeOptions;
import java.time.LocalDate;
import redis.clients.jedis.RedisClient;

/**
 * A save with a change stream against the same save without one (same model, same server, same
 * documents; the stream capped at 100,000 events): what appending the event in the save script
 * costs, the first save of an id (created) and a save over it (updated, its changed fields found
 * by comparing the stored hash). {@code ChangeStreamBenchmark --port P [--host H] [--ops N]
 * [--rounds N]}; not part of run.sh.
 */
public final class ChangeStreamBenchmark {

  private ChangeStreamBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    String host = options.get("host", "localhost");
    int port = options.integer("port", 0);
    int ops = options.integer("ops", 5_000);
    SideBySide sides = new SideBySide(options.integer("rounds", 5));
    String url = "redis://" + host + ":" + port;
    try (Rekord fed = Rekord.builder().url(url).changes(Member.class, ChangeOptions.stream()).build();
        Rekord plain = Rekord.connect(url);
        RedisClient raw = RedisClient.create(host, port)) {
      raw.flushAll();
      fed.migrate();
      ServerStats server = new ServerStats(raw);
      MemberRepository withStream = new MemberRepository(fed);
      MemberRepository without = new MemberRepository(plain);
      System.out.println(SideBySide.header("with stream", "without"));
      System.out.println(sides.compare("save, 3 indexes, new id: with a change stream ÷ without",
          new SideBySide.Side(i -> withStream.save(member("s" + i, i)), server),
          new SideBySide.Side(i -> without.save(member("p" + i, i)), server), ops).markdown());
      System.out.println(sides.compare("save over an existing id (one field changed): with ÷ without",
          new SideBySide.Side(i -> withStream.save(member("s" + (i % 100), i)), server),
          new SideBySide.Side(i -> without.save(member("p" + (i % 100), i)), server), ops).markdown());
    }
  }

  private static Member member(String id, int i) {
    return new Member(id, "Oslo", "NO", 20 + i % 50, "Name", "name@example.com", LocalDate.of(2024, 1, 1), i);
  }
}
