package dev.rekord.benchmarks;

import dev.rekord.Rekord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import redis.clients.jedis.RedisClient;

/**
 * What the compact index layout would save on the memory benchmark's data set, measured before the
 * engine uses it: {@code n} {@link FourIndexMember}s saved by Rekord, {@code used_memory} per
 * document above the flushed server; then each of the bucket's five index sets ({@code #ids}, two
 * {@code #lex:}, two {@code #num:}) rewritten by the runtime's {@code compact_set.lua} into its
 * chunks (every entry read from the sorted set, the set dropped, the entries added), and {@code
 * used_memory} per document again. Documents, manifests and everything else stay as Rekord wrote
 * them. For {@code benchmarks/compact-set.sh}.
 *
 * <pre>{@code CompactMemory <port> <n>}</pre>
 */
public final class CompactMemory {
  private static final String MODULE = "/dev/rekord/internal/engine/portable/compact_set.lua";

  /** Rewrites the sorted set KEYS[1] as a compact set of the same name (ARGV[1] '1': scored). */
  private static final String REWRITE = """
      local key, scored = KEYS[1], ARGV[1] == '1'
      local entries = redis.call('ZRANGE', key, 0, -1, 'WITHSCORES')
      redis.call('DEL', key)
      for i = 1, #entries, 2 do csAdd(key, scored, entries[i + 1], entries[i]) end
      return #entries / 2
      """;

  private CompactMemory() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    int n = Integer.parseInt(args[1]);
    try (RedisClient admin = RawJedis.connect("localhost", port, null);
        Rekord rekord = RekordSide.connect("redis://localhost:" + port, 1)) {
      admin.flushAll();
      ServerStats server = new ServerStats(admin);
      long empty = server.usedMemory();
      FourIndexMemberRepository repo = new FourIndexMemberRepository(rekord);
      for (int start = 0; start < n; start += 1000) {
        List<FourIndexMember> batch = new ArrayList<>(1000);
        for (int i = start; i < Math.min(n, start + 1000); i++) {
          batch.add(FourIndexMember.of(Dataset.member("m" + i, i)));
        }
        repo.saveAll(batch);
      }
      long plain = server.usedMemory() - empty;
      String sha = admin.scriptLoad(module() + REWRITE);
      String base = "{bench-member4}#";
      for (String family : List.of("ids", "lex:city", "lex:country")) {
        admin.evalsha(sha, List.of(base + family), List.of("0"));
      }
      for (String family : List.of("num:age", "num:points")) {
        admin.evalsha(sha, List.of(base + family), List.of("1"));
      }
      long compact = server.usedMemory() - empty;
      System.out.printf(Locale.ROOT, "| %,d | %.0f | %.0f | %.2f |%n", n, plain / (double) n, compact / (double) n,
          compact / (double) plain);
    }
  }

  private static String module() throws IOException {
    try (InputStream in = CompactMemory.class.getResourceAsStream(MODULE)) {
      if (in == null) {
        throw new IllegalStateException("no " + MODULE + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
