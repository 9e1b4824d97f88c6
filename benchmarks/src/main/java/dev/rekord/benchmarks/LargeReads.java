package dev.rekord.benchmarks;

import dev.rekord.Rekord;
import dev.rekord.model.IndexLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZRangeParams;

/**
 * Large reads of the {@link FourIndexMember} data set: {@code findAllById} and {@code list()} of
 * large results against one raw pipeline of {@code HGETALL} on the same keys, decoded into the
 * same records (the raw side knows its keys already: it does no query). The raw client speaks
 * RESP3 (Jedis' default with Redis 7); one more row reads with RESP2, as Rekord's connections do,
 * whose flat arrays Jedis decodes differently.
 */
final class LargeReads {
  private static final int BY_ID = 10_000;
  private static final int LARGE = 100_000;
  private static final int VARIANTS = 5;
  private static final int WARM_LISTS = 200;

  private final FourIndexMemberRepository repo;
  private final RedisClient raw;
  private final RedisClient resp2;
  private final ServerStats server;
  private final SideBySide sides;
  private final int docs;
  private final int repeats;
  private final IndexLayout layout;

  LargeReads(Rekord rekord, RedisClient raw, RedisClient resp2, ServerStats server, SideBySide sides, int docs, int repeats,
      IndexLayout layout) {
    this.layout = layout;
    this.repo = new FourIndexMemberRepository(rekord);
    this.raw = raw;
    this.resp2 = resp2;
    this.server = server;
    this.sides = sides;
    this.docs = docs;
    this.repeats = repeats;
  }

  void run(Targets targets) {
    System.out.println("#### Large reads: Rekord vs one raw pipeline of `HGETALL` on the same keys");
    System.out.println();
    System.out.println(SideBySide.header("Rekord", "raw"));
    // Ids and keys made before timing; operation i reads variant i % VARIANTS.
    List<List<String>> ids = new ArrayList<>();
    for (int v = 0; v < VARIANTS; v++) {
      List<String> some = new ArrayList<>(BY_ID);
      for (int j = 0; j < BY_ID; j++) {
        some.add("m" + Math.floorMod(Dataset.mix((long) v * BY_ID + j), (long) docs));
      }
      ids.add(some);
    }
    List<List<String>> idKeys = ids.stream().map(this::keys).toList();
    SideBySide.Row byId = sides.compare(String.format(Locale.ROOT, "`findAllById` of %,d ids", BY_ID),
        new SideBySide.Side(i -> repo.findAllById(ids.get(i % VARIANTS)).valuesOrThrow(), server),
        new SideBySide.Side(i -> hgetAll(raw, idKeys.get(i % VARIANTS)), server), 6 * repeats);
    System.out.println(byId.markdown());
    targets.atLeast("`findAllById` of 10,000 ids: throughput (p50) ≥ 0.9× raw pipelined `HGETALL`", byId.throughputRatio(), 0.9);
    System.out.println(sides.compare(String.format(Locale.ROOT, "`findAllById` of %,d ids (raw: RESP2)", BY_ID),
        new SideBySide.Side(i -> repo.findAllById(ids.get(i % VARIANTS)).valuesOrThrow(), server),
        new SideBySide.Side(i -> hgetAll(resp2, idKeys.get(i % VARIANTS)), server), 6 * repeats).markdown());

    List<List<String>> countryKeys = new ArrayList<>();
    for (int v = 0; v < VARIANTS; v++) {
      countryKeys.add(keys(repo.find(FourIndexMember_.country.eq(Dataset.country(v))).ids()));
    }
    // The JIT compiles a list's decode path slowly (a fresh JVM's first 200 lists take 2-3x the
    // later ones): warm both sides well past the comparison's own warm-up.
    for (int i = 0; i < WARM_LISTS; i++) {
      repo.find(FourIndexMember_.country.eq(Dataset.country(i % VARIANTS))).list();
      hgetAll(raw, countryKeys.get(i % VARIANTS));
    }
    SideBySide.Row country = sides.compare(String.format(Locale.ROOT, "`find(country = c).list()`, ~%,d documents", countryKeys.get(0).size()),
        new SideBySide.Side(i -> repo.find(FourIndexMember_.country.eq(Dataset.country(i % VARIANTS))).list(), server),
        new SideBySide.Side(i -> hgetAll(raw, countryKeys.get(i % VARIANTS)), server), 6 * repeats);
    System.out.println(country.markdown());
    targets.atLeast("`list()` of ~5 % of the documents: throughput (p50) ≥ 0.9× raw pipelined `HGETALL`", country.throughputRatio(), 0.9);
    // The same list against raw Jedis doing the same work: the ids off the same index, then the
    // documents. Only in the standard layout: a compact set is no sorted set a raw ZRANGE reads.
    if (layout == IndexLayout.COMPACT) {
      targets.notMeasured("`list()` of ~5 %: throughput (p50) ≥ 0.9× raw reading the same index, then `HGETALL`",
          "the compact layout's index is no sorted set a raw `ZRANGE` reads");
    } else {
      listSameWork(targets);
    }

    int large = Math.min(LARGE, docs);
    List<String> largeKeys = keys(repo.findAll().limit(large).ids());
    SideBySide.Row all = sides.compare(String.format(Locale.ROOT, "`findAll().limit(%,d).list()`", large),
        new SideBySide.Side(i -> repo.findAll().limit(large).list(), server),
        new SideBySide.Side(i -> hgetAll(raw, largeKeys), server), repeats);
    System.out.println(all.markdown());
    targets.atLeast(String.format(Locale.ROOT, "`list()` of %,d documents: throughput (p50) ≥ 0.9× raw pipelined `HGETALL`", large),
        all.throughputRatio(), 0.9);
    System.out.println();
  }

  /** {@code find(country = c).list()} against raw Jedis reading the same {@code #lex:country} index, then {@code HGETALL}. */
  private void listSameWork(Targets targets) {
    String countryIndex = repo.keyOf("").replaceAll(":$", "") + "#lex:country";
    SideBySide.Row sameWork = sides.compare(
        "`find(country = c).list()` (raw: `ZRANGE … BYLEX` of the same index, then `HGETALL`, RESP2)",
        new SideBySide.Side(i -> repo.find(FourIndexMember_.country.eq(Dataset.country(i % VARIANTS))).list(), server),
        new SideBySide.Side(i -> indexThenHgetAll(countryIndex, Dataset.country(i % VARIANTS)), server),
        6 * repeats);
    System.out.println(sameWork.markdown());
    targets.atLeast("`list()` of ~5 %: throughput (p50) ≥ 0.9× raw reading the same index, then `HGETALL`",
        sameWork.throughputRatio(), 0.9);
  }

  /** What a hand-written list does: the ids of {@code value} off a {@code value\0id} index, then their documents. */
  private List<FourIndexMember> indexThenHgetAll(String index, String value) {
    List<String> members = resp2.zrange(index, ZRangeParams.zrangeByLexParams("[" + value + "\0", "(" + value + "\1"));
    List<String> keys = new ArrayList<>(members.size());
    for (String member : members) {
      keys.add(repo.keyOf(member.substring(value.length() + 1)));
    }
    return hgetAll(resp2, keys);
  }

  private List<String> keys(List<String> ids) {
    return ids.stream().map(repo::keyOf).toList();
  }

  /** One pipeline of {@code HGETALL}, decoded into records. */
  private static List<FourIndexMember> hgetAll(RedisClient client, List<String> keys) {
    return decode(RawJedis.hgetAll(client, keys));
  }

  static List<FourIndexMember> decode(List<Response<Map<String, String>>> replies) {
    List<FourIndexMember> members = new ArrayList<>(replies.size());
    for (Response<Map<String, String>> reply : replies) {
      members.add(FourIndexMember.of(Dataset.fromHash(reply.get())));
    }
    return members;
  }
}
