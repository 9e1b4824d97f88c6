package dev.rekord.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.RedisClient;

/**
 * Memory of the data set ({@link FourIndexMember}: two tags, two sortable numbers) in
 * Rekord, against RediSearch holding the same hashes under the same keys with {@code FT.CREATE} on
 * the same four fields, and against the bare hashes (the RediSearch server before {@code
 * FT.CREATE}). Totals are {@code used_memory} ({@code INFO memory}) of each server, also above the
 * server's empty state; Rekord's breakdown is {@code MEMORY USAGE … SAMPLES 0} of every key under
 * the model's hash tag ({@link KeyFamilies}), RediSearch's the {@code *_mb} fields of {@code
 * FT.INFO}.
 */
final class MemoryReport {
  private final RedisClient rekordServer;
  private final FourIndexMemberRepository repo;
  private final SearchServer search;
  private final long rekordEmpty;
  private final long searchEmpty;
  private int copied;

  /** Call on flushed servers, before the first document is saved. {@code search} may be {@code null}. */
  MemoryReport(RedisClient rekordServer, FourIndexMemberRepository repo, SearchServer search) {
    this.rekordServer = rekordServer;
    this.repo = repo;
    this.search = search;
    this.rekordEmpty = new ServerStats(rekordServer).usedMemory();
    this.searchEmpty = search == null ? 0 : search.stats().usedMemory();
  }

  /**
   * Prints the memory tables once members {@code m0 … m<docs-1>} are saved in Rekord: copies the
   * hashes not copied yet to the RediSearch server and indexes them there; {@code keepIndex} leaves
   * the index for the queries that follow, otherwise it is dropped (the hashes stay).
   *
   * @return what was measured, for the targets
   */
  Totals report(int docs, boolean keepIndex) {
    long rekord = new ServerStats(rekordServer).usedMemory() - rekordEmpty;
    System.out.printf(Locale.ROOT, "#### Memory, %,d documents of `FourIndexMember` (two tags, two sortable numbers)%n%n", docs);
    Peer peer = search == null ? null : indexPeer(docs, keepIndex);
    System.out.println("| `used_memory` | Rekord | RediSearch (`FT.CREATE` on the same 4 fields) | bare hashes (no index) | Rekord ÷ RediSearch |");
    System.out.println("|---|--:|--:|--:|--:|");
    System.out.printf(Locale.ROOT, "| total, MB | %.1f | %s |%n", (rekord + rekordEmpty) / 1e6,
        peer == null ? "– | – | –" : String.format(Locale.ROOT, "%.1f | %.1f | %.2f",
            (peer.indexed + searchEmpty) / 1e6, (peer.bare + searchEmpty) / 1e6,
            (rekord + rekordEmpty) / (double) (peer.indexed + searchEmpty)));
    System.out.printf(Locale.ROOT, "| above the empty server, bytes per document | %.0f | %s |%n", rekord / (double) docs,
        peer == null ? "– | – | –" : String.format(Locale.ROOT, "%.0f | %.0f | %.2f",
            peer.indexed / (double) docs, peer.bare / (double) docs, rekord / (double) peer.indexed));
    if (peer != null) {
      long index = rekord - peer.bare;
      System.out.printf(Locale.ROOT, "| … of which above the bare hashes (the index), bytes per document | %.0f | %.0f | – | %.2f |%n",
          index / (double) docs, (peer.indexed - peer.bare) / (double) docs, index / (double) (peer.indexed - peer.bare));
    }
    System.out.println();
    breakdown(docs, rekord);
    if (peer != null) {
      searchBreakdown(docs, peer.info);
    } else {
      System.out.println("RediSearch columns skipped: no RediSearch server (run.sh starts one when the module file exists).");
      System.out.println();
    }
    return new Totals(rekord + rekordEmpty, rekord, peer == null ? 0 : peer.indexed + searchEmpty);
  }

  /** {@code used_memory} of Rekord's server (in total and above empty) and of RediSearch's ({@code 0} without it). */
  record Totals(long rekord, long rekordAboveEmpty, long search) {}

  /** The RediSearch server's {@code used_memory} above empty with the bare hashes and once indexed, and its {@code FT.INFO}. */
  private record Peer(long bare, long indexed, Map<String, Object> info) {}

  /** Copies the hashes not copied yet, measures, indexes, measures again. */
  private Peer indexPeer(int docs, boolean keepIndex) {
    List<String> keys = new ArrayList<>(docs - copied);
    for (int i = copied; i < docs; i++) {
      keys.add(repo.keyOf("m" + i));
    }
    search.copy(rekordServer, keys);
    copied = docs;
    long bare = search.stats().usedMemory() - searchEmpty;
    String documentPrefix = repo.keyOf("x");
    search.createIndex(documentPrefix.substring(0, documentPrefix.length() - 1));
    Peer peer = new Peer(bare, search.stats().usedMemory() - searchEmpty, search.info());
    if (!keepIndex) {
      search.dropIndex();
    }
    return peer;
  }

  private void breakdown(int docs, long usedAboveEmpty) {
    String tag = repo.keyOf("x");
    tag = tag.substring(0, tag.indexOf('}') + 1);
    List<KeyFamilies.Family> families = KeyFamilies.measure(rekordServer, tag);
    long sum = families.stream().mapToLong(KeyFamilies.Family::bytes).sum();
    System.out.println("| Rekord's keys (`MEMORY USAGE … SAMPLES 0`, every key) | keys | bytes per document | share of the sum |");
    System.out.println("|---|--:|--:|--:|");
    for (KeyFamilies.Family family : families) {
      System.out.printf(Locale.ROOT, "| `%s` | %,d | %.1f | %.1f %% |%n", family.pattern(), family.keys(),
          family.bytes() / (double) docs, 100.0 * family.bytes() / sum);
    }
    System.out.printf(Locale.ROOT, "| sum | %,d | %.1f | 100 %% |%n", families.stream().mapToLong(KeyFamilies.Family::keys).sum(), sum / (double) docs);
    System.out.printf(Locale.ROOT, "| `used_memory` above the empty server − sum (the keyspace's hash table, scripts, allocator) | | %.1f | |%n%n",
        (usedAboveEmpty - sum) / (double) docs);
  }

  private static void searchBreakdown(int docs, Map<String, Object> info) {
    System.out.println("| RediSearch's index (`FT.INFO`, as it reports itself) | MB | bytes per document |");
    System.out.println("|---|--:|--:|");
    new TreeMap<>(info).forEach((name, value) -> {
      if (name.endsWith("_mb")) {
        double mb = Double.parseDouble(String.valueOf(value));
        System.out.printf(Locale.ROOT, "| `%s` | %.2f | %.1f |%n", name, mb, mb * 1024 * 1024 / docs);
      }
    });
    System.out.printf(Locale.ROOT, "| `num_docs` | %s | |%n%n", info.get("num_docs"));
  }
}
