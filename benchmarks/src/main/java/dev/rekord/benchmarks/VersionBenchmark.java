package dev.rekord.benchmarks;

import dev.rekord.Rekord;
import redis.clients.jedis.RedisClient;

/**
 * A save of a {@code @Version} model against the same save of the same model without one (same
 * server, same documents, three indexes): what checking and incrementing the version inside
 * {@code save.lua} costs, for a new id and for a save over a stored document with the version it
 * was read with. {@code VersionBenchmark --port P [--host H] [--ops N] [--rounds N]}; not part of
 * run.sh.
 */
public final class VersionBenchmark {

  private VersionBenchmark() {}

  public static void main(String[] args) throws Exception {
    Options options = new Options(args);
    String host = options.get("host", "localhost");
    int port = options.integer("port", 0);
    int ops = options.integer("ops", 5_000);
    SideBySide sides = new SideBySide(options.integer("rounds", 5));
    String url = "redis://" + host + ":" + port;
    try (Rekord rekord = Rekord.connect(url); RedisClient raw = RedisClient.create(host, port)) {
      raw.flushAll();
      rekord.migrate();
      ServerStats server = new ServerStats(raw);
      VersionedMemberRepository versioned = new VersionedMemberRepository(rekord);
      MemberRepository plain = new MemberRepository(rekord);
      System.out.println(SideBySide.header("versioned", "unversioned"));
      System.out.println(sides.compare("save, 3 indexes, new id: @Version ÷ none",
          new SideBySide.Side(i -> versioned.save(versioned("v" + i, 0, i)), server),
          new SideBySide.Side(i -> plain.save(Dataset.member("p" + i, i)), server), ops).markdown());
      // the last stored entity of each of 100 ids, so every versioned save carries the current version
      VersionedMember[] stored = new VersionedMember[100];
      for (int i = 0; i < stored.length; i++) {
        stored[i] = versioned.save(versioned("w" + i, 0, i));
      }
      System.out.println(sides.compare("save over a stored document with its version: @Version ÷ none",
          new SideBySide.Side(i -> {
            VersionedMember last = stored[i % stored.length];
            stored[i % stored.length] = versioned.save(versioned(last.id(), last.version(), i));
          }, server),
          new SideBySide.Side(i -> plain.save(Dataset.member("q" + (i % 100), i)), server), ops).markdown());
    }
  }

  /** {@link Dataset#member} with {@code version}: the same document as the unversioned side's. */
  private static VersionedMember versioned(String id, long version, int i) {
    Member m = Dataset.member(id, i);
    return new VersionedMember(id, version, m.city(), m.country(), m.age(), m.name(), m.email(), m.joinDate(),
        m.points());
  }
}
