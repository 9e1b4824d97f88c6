package dev.rekord.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.AbstractTransaction;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.ZRangeParams;

/**
 * The baseline: the same work written by hand with Jedis, as a team without Rekord would. Documents
 * at {@code raw:member:<id>} (the same hash fields as Rekord writes), hand-maintained indexes: a set
 * per city and per country, a sorted set of ages. Unlike Rekord, these writes never remove an old
 * document's index entries (no manifest), so updates would leave stale entries behind — except
 * {@link #saveExact}, which does what Rekord's save guarantees, written by hand. {@link
 * #saveSameLayout} and {@link #saveAllSameLayout} write Rekord's own index entries instead (the
 * issue's "same index writes"): a {@code value\0id} member per tag in one sorted set per field, the
 * age as a score, every id in a sorted set.
 */
final class RawJedis implements AutoCloseable {
  static final String DOC = "raw:member:";
  static final String CITY = "raw:member:idx:city:";
  static final String COUNTRY = "raw:member:idx:country:";
  static final String AGE = "raw:member:idx:age";
  static final String CITY_AGE = "raw:member:idx:cityage:";
  static final String ALL = "raw:member:idx:all";
  /** Rekord's own layout, written by hand: {@code value\0id} members of one sorted set per tag field, ages and all ids as sorted sets. */
  static final String SAME = "raw:member:same:";
  static final String SAME_CITY = SAME + "lex:city";
  static final String SAME_COUNTRY = SAME + "lex:country";
  static final String SAME_AGE = SAME + "num:age";
  static final String SAME_IDS = SAME + "ids";
  static final int BATCH = 500;

  /** HSET the document and add it to its three indexes, atomically. */
  private static final String SAVE_LUA = """
      redis.call('HSET', KEYS[1], unpack(ARGV, 3))
      redis.call('SADD', KEYS[2], ARGV[1])
      redis.call('SADD', KEYS[3], ARGV[1])
      redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
      return 1
      """;

  /**
   * The save a team would write to keep its indexes exact: reads the old tag values, removes the
   * id from the sets it leaves, replaces the whole document, adds the index entries and the id to
   * the set of all ids (for counts and full scans). Old keys are built in the script (standalone).
   */
  private static final String SAVE_EXACT_LUA = """
      local old = redis.call('HMGET', KEYS[1], 'city', 'country')
      if old[1] and old[1] ~= ARGV[3] then redis.call('SREM', '%s' .. old[1], ARGV[1]) end
      if old[2] and old[2] ~= ARGV[4] then redis.call('SREM', '%s' .. old[2], ARGV[1]) end
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], unpack(ARGV, 5))
      redis.call('SADD', KEYS[2], ARGV[1])
      redis.call('SADD', KEYS[3], ARGV[1])
      redis.call('ZADD', KEYS[4], ARGV[2], ARGV[1])
      redis.call('SADD', KEYS[5], ARGV[1])
      return 1
      """.formatted(CITY, COUNTRY);

  /**
   * {@link #SAVE_EXACT_LUA} in Rekord's stored layout: the same index writes as Rekord's save (a
   * {@code value\0id} member per tag, the age as a score, the id in the set of all ids), exact on
   * updates by reading the old tag values instead of a manifest.
   */
  private static final String SAVE_SAME_LUA = """
      local id = ARGV[1]
      local old = redis.call('HMGET', KEYS[1], 'city', 'country')
      if old[1] and old[1] ~= ARGV[3] then redis.call('ZREM', KEYS[2], old[1] .. '\\0' .. id) end
      if old[2] and old[2] ~= ARGV[4] then redis.call('ZREM', KEYS[3], old[2] .. '\\0' .. id) end
      redis.call('DEL', KEYS[1])
      redis.call('HSET', KEYS[1], unpack(ARGV, 5))
      redis.call('ZADD', KEYS[2], 0, ARGV[3] .. '\\0' .. id)
      redis.call('ZADD', KEYS[3], 0, ARGV[4] .. '\\0' .. id)
      redis.call('ZADD', KEYS[4], ARGV[2], id)
      redis.call('ZADD', KEYS[5], 0, id)
      return 1
      """;

  /** Walks the age range in order, keeps ids in the city set, stops at the limit. */
  private static final String AND_LUA = """
      local out, offset, limit = {}, 0, tonumber(ARGV[3])
      while #out < limit do
        local chunk = redis.call('ZRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[2], 'LIMIT', offset, 256)
        if #chunk == 0 then break end
        for _, id in ipairs(chunk) do
          if redis.call('SISMEMBER', KEYS[2], id) == 1 then
            out[#out + 1] = id
            if #out == limit then break end
          end
        end
        offset = offset + 256
      end
      return out
      """;

  private final RedisClient client;
  private final String saveSha;
  private final String saveExactSha;
  private final String saveSameSha;
  private final String andSha;

  RawJedis(String host, int port) {
    this.client = connect(host, port, null);
    this.saveSha = client.scriptLoad(SAVE_LUA);
    this.saveExactSha = client.scriptLoad(SAVE_EXACT_LUA);
    this.saveSameSha = client.scriptLoad(SAVE_SAME_LUA);
    this.andSha = client.scriptLoad(AND_LUA);
  }

  /**
   * A plain client with a one-minute socket timeout: a {@code FLUSHALL}, {@code MEMORY USAGE} of a
   * large sorted set or {@code FT.CREATE} on a loaded shared machine can take longer than Jedis'
   * default of two seconds. {@code protocol} {@code null}: Jedis' default, which negotiates RESP3
   * with Redis 7 (as Rekord's connections do).
   */
  static RedisClient connect(String host, int port, RedisProtocol protocol) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().socketTimeoutMillis(60_000);
    if (protocol != null) {
      config.protocol(protocol);
    }
    return RedisClient.builder().hostAndPort(host, port).clientConfig(config.build()).build();
  }

  RedisClient client() {
    return client;
  }

  /** One HSET round trip, no indexes: the floor. */
  void hset(Member m) {
    client.hset(DOC + m.id(), Dataset.hash(m));
  }

  /** HSET + SADD + SADD + ZADD in MULTI/EXEC. */
  void saveMulti(Member m) {
    try (AbstractTransaction tx = client.multi()) {
      tx.hset(DOC + m.id(), Dataset.hash(m));
      tx.sadd(CITY + m.city(), m.id());
      tx.sadd(COUNTRY + m.country(), m.id());
      tx.zadd(AGE, m.age(), m.id());
      tx.exec();
    }
  }

  /**
   * The writes of a new document in Rekord's layout ({@code HSET}, {@code ZADD} ×4: the same as
   * {@link #saveSameLayout} without reading the old tags, as nothing stale can exist) in one
   * {@code MULTI … EXEC} pipelined in one round trip: what a hand-written insert of a new id sends.
   */
  void saveSameTransaction(Member m) {
    try (AbstractPipeline p = client.pipelined()) {
      p.sendCommand(Protocol.Command.MULTI, new String[0]);
      p.hset(DOC + m.id(), Dataset.hash(m));
      addSameEntries(p, SAME, m);
      p.sendCommand(Protocol.Command.EXEC, new String[0]);
      p.sync();
    }
  }

  /** The same four writes in one Lua script (EVALSHA). */
  void saveLua(Member m) {
    client.evalsha(saveSha, keys(m), luaArgs(m));
  }

  /** {@link #saveLua}'s script with the old values read and their entries removed: exact on updates. */
  void saveExact(Member m) {
    client.evalsha(saveExactSha, List.of(DOC + m.id(), CITY + m.city(), COUNTRY + m.country(), AGE, ALL), exactArgs(m));
  }

  /** The exact scripts' arguments: id, age, city, country, then the document's field/value pairs. */
  private static List<String> exactArgs(Member m) {
    List<String> args = new ArrayList<>(20);
    args.add(m.id());
    args.add(Integer.toString(m.age()));
    args.add(m.city());
    args.add(m.country());
    Dataset.hash(m).forEach((field, value) -> {
      args.add(field);
      args.add(value);
    });
    return args;
  }

  /** {@link #saveExact} in Rekord's layout ({@link #SAVE_SAME_LUA}): the same index writes as Rekord's save. */
  void saveSameLayout(Member m) {
    client.evalsha(saveSameSha, List.of(DOC + m.id(), SAME_CITY, SAME_COUNTRY, SAME_AGE, SAME_IDS), exactArgs(m));
  }

  /**
   * {@code HSET} and the four {@code ZADD}s of Rekord's layout per document, pipelined: the same
   * documents and index entries as {@code saveAll} writes (not atomic, not exact on updates).
   */
  void saveAllSameLayout(List<Member> members) {
    pipelined(members, (p, m) -> {
      p.hset(DOC + m.id(), Dataset.hash(m));
      addSameEntries(p, SAME, m);
    });
  }

  /**
   * Adds {@code members}' entries to the same-layout index sets ({@link #SAME_IDS} …) without their
   * documents: the data set's entries, so that {@link #saveSameLayout} and {@link
   * #saveAllSameLayout} write into sorted sets as large as Rekord's (an insert into a set of a
   * million entries costs the server more than one into a set of a few thousand).
   */
  void indexSameLayout(List<Member> members) {
    pipelined(members, (p, m) -> addSameEntries(p, SAME, m));
  }

  /**
   * The four entries of {@code m} in Rekord's own layout, added to {@code p}: the sorted sets
   * {@code prefix} then {@code ids}, {@code lex:city}, {@code lex:country} and {@code num:age}
   * ({@link #SAME} on a standalone server: {@link #SAME_IDS} …; a hash tag and {@code #} on a cluster).
   */
  static void addSameEntries(AbstractPipeline p, String prefix, Member m) {
    p.zadd(prefix + "ids", 0, m.id());
    p.zadd(prefix + "lex:city", 0, m.city() + '\0' + m.id());
    p.zadd(prefix + "lex:country", 0, m.country() + '\0' + m.id());
    p.zadd(prefix + "num:age", m.age(), m.id());
  }

  /** One {@code HSET} per document, pipelined in batches of {@value #BATCH} (Rekord's batch size): no indexes. */
  void hsetAll(List<Member> members) {
    pipelined(members, (p, m) -> p.hset(DOC + m.id(), Dataset.hash(m)));
  }

  /** {@code HSET}, {@code SADD}, {@code SADD}, {@code ZADD} per document, pipelined: the same writes as {@link #saveLua}, not atomic. */
  void saveAllCommands(List<Member> members) {
    pipelined(members, (p, m) -> {
      p.hset(DOC + m.id(), Dataset.hash(m));
      p.sadd(CITY + m.city(), m.id());
      p.sadd(COUNTRY + m.country(), m.id());
      p.zadd(AGE, m.age(), m.id());
    });
  }

  /** {@link #saveLua}'s script per document, pipelined. */
  void saveAllLua(List<Member> members) {
    pipelined(members, (p, m) -> p.evalsha(saveSha, keys(m), luaArgs(m)));
  }

  private void pipelined(List<Member> members, BiConsumer<AbstractPipeline, Member> write) {
    for (int from = 0; from < members.size(); from += BATCH) {
      try (AbstractPipeline p = client.pipelined()) {
        for (Member m : members.subList(from, Math.min(from + BATCH, members.size()))) {
          write.accept(p, m);
        }
        p.sync();
      }
    }
  }

  /** The hand-written compound index: per city, a sorted set of ids by age (pipelined ZADDs). */
  void indexCityAge(List<Member> members) {
    pipelined(members, (p, m) -> p.zadd(CITY_AGE + m.city(), m.age(), m.id()));
  }

  /** City = c AND age in [lo, hi], by age, from the per-city sorted set: one ZRANGE … BYSCORE LIMIT. */
  List<Member> byCityAndAgeCompound(String city, int lo, int hi, int limit) {
    return fetch(client.zrange(CITY_AGE + city, ZRangeParams.zrangeByScoreParams(lo, hi).limit(0, limit)));
  }

  Member findById(String id) {
    Map<String, String> hash = client.hgetAll(DOC + id);
    return hash.isEmpty() ? null : Dataset.fromHash(hash);
  }

  /** 20 (or {@code limit}) members of a city: SRANDMEMBER for ids, then pipelined HGETALL. */
  List<Member> byCity(String city, int limit) {
    return fetch(client.srandmember(CITY + city, limit));
  }

  /** Ages in [lo, hi], ascending, first {@code limit}: ZRANGEBYSCORE … LIMIT, pipelined HGETALL. */
  List<Member> byAge(int lo, int hi, int limit) {
    return fetch(client.zrange(AGE, ZRangeParams.zrangeByScoreParams(lo, hi).limit(0, limit)));
  }

  /** City = c AND age in [lo, hi], by age, first {@code limit}: a hand-written Lua walk. */
  @SuppressWarnings("unchecked")
  List<Member> byCityAndAge(String city, int lo, int hi, int limit) {
    Object ids = client.evalsha(andSha, List.of(AGE, CITY + city),
        List.of(Integer.toString(lo), Integer.toString(hi), Integer.toString(limit)));
    return fetch((List<String>) ids);
  }

  private List<Member> fetch(List<String> ids) {
    List<Member> members = new ArrayList<>(ids.size());
    for (Response<Map<String, String>> reply : hgetAll(client, ids.stream().map(DOC::concat).toList())) {
      members.add(Dataset.fromHash(reply.get()));
    }
    return members;
  }

  /** {@code HGETALL} of every key, in one pipeline. */
  static List<Response<Map<String, String>>> hgetAll(RedisClient client, List<String> keys) {
    List<Response<Map<String, String>>> replies = new ArrayList<>(keys.size());
    try (AbstractPipeline p = client.pipelined()) {
      for (String key : keys) {
        replies.add(p.hgetAll(key));
      }
      p.sync();
    }
    return replies;
  }

  private static List<String> keys(Member m) {
    return List.of(DOC + m.id(), CITY + m.city(), COUNTRY + m.country(), AGE);
  }

  private static List<String> luaArgs(Member m) {
    List<String> args = new ArrayList<>(18);
    args.add(m.id());
    args.add(Integer.toString(m.age()));
    Dataset.hash(m).forEach((field, value) -> {
      args.add(field);
      args.add(value);
    });
    return args;
  }

  @Override
  public void close() {
    client.close();
  }
}
