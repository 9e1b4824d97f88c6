package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.internal.script.ScriptResources;
import dev.rekord.test.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.resps.Tuple;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * {@code compact_set.lua}, the chunked sorted set of the compact index layout, against a plain
 * sorted set: random adds and removes (growing past many splits, shrinking through merges, growing
 * again), and after every round each read the engine needs — counts, ranges by score or value in
 * both directions with offsets and limits, ranges by rank, membership — compared with the same
 * command on the plain set; plus the layout's own rules: every chunk a listpack of at most 128
 * entries holding exactly the entries between its bound and the next, its count and the set's
 * kept, no key left over, every key in the set's slot.
 */
class CompactSetTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final String MODULE = ScriptResources.read(EngineScripts.class, "compact_set.lua");
  private static final String DRIVER = ScriptResources.read(CompactSetTest.class, "compact_set_driver.lua");
  private static final String READ = ScriptResources.read(EngineScripts.class, "compact_read.lua");
  private static final String SET = "{model}#lex:city";
  private static final String PLAIN = "{model}plain";

  private Jedis jedis;
  private String sha;
  private String readSha;
  private int groupChunks = 64;

  @BeforeEach
  void connect() {
    jedis = new Jedis(redis.server().host(), redis.server().port());
    jedis.flushAll();
    sha = jedis.scriptLoad(MODULE + DRIVER);
    readSha = jedis.scriptLoad(MODULE + READ);
  }

  /** The module with groups of at most {@code chunks} chunks, so a test's few thousand entries split groups too. */
  private void groupsOf(int chunks) {
    String line = "local CS_GROUP = 64\n";
    assertTrue(MODULE.contains(line), "the module declares CS_GROUP");
    sha = jedis.scriptLoad(MODULE.replace(line, "local CS_GROUP = " + chunks + "\n") + DRIVER);
    groupChunks = chunks;
  }

  @AfterEach
  void close() {
    jedis.close();
  }

  @Test
  void lexicographicSetReadsAsAPlainOne() {
    lexicographicRounds(new Random(20261204L));
  }

  @Test
  void lexicographicSetOfSmallGroupsReadsAsAPlainOne() {
    groupsOf(3);
    lexicographicRounds(new Random(7L));
  }

  private void lexicographicRounds(Random random) {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      // values sharing prefixes, some equal, as a tag's entries 'value\0id'
      members.add("city-" + random.nextInt(40) + "\0m" + i); // distinct: the rounds hold up to 3,900
    }
    runRounds(random, false, members, null);
  }

  /** Members longer than a listpack takes (tag values of 100 bytes): their chunks are skiplists, the reads the same. */
  @Test
  void longMembersReadAsAPlainOne() {
    Random random = new Random(11L);
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 4000; i++) { // distinct: the rounds hold up to 3,900
      members.add("city-" + random.nextInt(20) + "-" + "x".repeat(90) + "\0m" + i);
    }
    groupsOf(3);
    runRounds(random, false, members, null);
  }

  @Test
  void scoredSetReadsAsAPlainOne() {
    scoredRounds(new Random(42L));
  }

  @Test
  void scoredSetOfSmallGroupsReadsAsAPlainOne() {
    groupsOf(3);
    scoredRounds(new Random(43L));
  }

  private void scoredRounds(Random random) {
    List<String> members = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      members.add("m" + i);
      scores.add(switch (i % 7) {
        case 0, 1 -> (double) random.nextInt(30); // many ties, ordered by member
        case 2 -> random.nextDouble() * 2000 - 1000;
        case 3 -> random.nextGaussian() * 1e300;
        case 4 -> random.nextGaussian() * 1e-300;
        case 5 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        default -> random.nextBoolean() ? 0.0 : -0.0;
      });
    }
    runRounds(random, true, members, scores);
  }

  /**
   * Bounds compare byte by byte, as {@code ZRANGE … BYLEX} orders members, whatever the server's
   * collation locale (Lua's {@code <} follows it): random strings with bytes 0, 1 and ≥ 128, prefixes
   * of one another, against an unsigned byte comparison.
   */
  @Test
  void boundsCompareByteByByte() {
    Random random = new Random(7);
    List<String> args = new ArrayList<>(List.of("before", "0"));
    List<Long> expected = new ArrayList<>();
    String[] parts = {"", "a", "B", "\0", "\1", "é", "z", "Z", "東", "ab"};
    for (int i = 0; i < 300; i++) {
      String a = parts[random.nextInt(parts.length)] + parts[random.nextInt(parts.length)];
      String b = random.nextInt(4) == 0 ? a + parts[random.nextInt(parts.length)] : parts[random.nextInt(parts.length)]
          + parts[random.nextInt(parts.length)];
      args.add(a);
      args.add(b);
      expected.add(java.util.Arrays.compareUnsigned(bytes(a), bytes(b)) < 0 ? 1L : 0L);
    }
    assertEquals(expected, call(args));
  }

  @Test
  void removingEveryEntryLeavesNoKey() {
    List<String> args = new ArrayList<>(List.of("add", "1"));
    for (int i = 0; i < 1000; i++) {
      args.add(String.valueOf(i % 13));
      args.add("m" + i);
    }
    assertEquals(1000L, call(args));
    args.set(0, "rem");
    assertEquals(1000L, call(args));
    assertEquals(Set.of(), jedis.keys("*"));
    assertEquals(0L, call(List.of("card", "1")));
    assertEquals(List.of(), call(List.of("range", "1", "-inf", "+inf", "0", "0", "-1", "0")));
  }

  /** Rounds of random adds and removes on both sets, checked after each. */
  private void runRounds(Random random, boolean scored, List<String> members, List<Double> scores) {
    String flag = scored ? "1" : "0";
    Set<Integer> held = new HashSet<>();
    assertEquals(members.size(), new HashSet<>(members).size(), "distinct members");
    for (int target : new int[] {300, 2500, 3900, 200, 20, 3000, 0, 1500}) {
      while (held.size() != target) {
        boolean grow = held.size() < target;
        List<String> batch = new ArrayList<>(List.of(grow ? "add" : "rem", flag));
        List<Integer> heldNow = new ArrayList<>(held);
        for (int step = 0; step < 200 && held.size() != target; step++) {
          // mostly entries that change the set, some that do not (a second add, a removal of an absent one)
          int i = !grow && random.nextInt(5) > 0 ? heldNow.get(random.nextInt(heldNow.size())) : random.nextInt(members.size());
          if (grow) {
            held.add(i);
          } else {
            held.remove(i);
          }
          batch.add(scored ? text(scores.get(i)) : "0");
          batch.add(members.get(i));
        }
        long plain = 0;
        for (int e = 2; e < batch.size(); e += 2) {
          plain += grow ? jedis.zadd(PLAIN, score(batch.get(e)), batch.get(e + 1))
              : jedis.zrem(PLAIN, batch.get(e + 1));
        }
        assertEquals(plain, call(batch), grow ? "entries added" : "entries removed");
      }
      checkLayout(scored);
      compareReads(random, scored, members, scores);
    }
  }

  private void compareReads(Random random, boolean scored, List<String> members, List<Double> scores) {
    String flag = scored ? "1" : "0";
    assertEquals(jedis.zcard(PLAIN), call(List.of("card", flag)));
    assertEquals(jedis.zcard(PLAIN), read(List.of("ZCARD")));
    assertSame(plain("ZRANGE", PLAIN, "0", "-1", "WITHSCORES"), call(List.of("rank", flag, "0", "-1", "1")), "every entry, by rank");
    for (int q = 0; q < 60; q++) {
      long card = jedis.zcard(PLAIN);
      String start = String.valueOf(random.nextInt((int) card + 5) - (q % 5 == 0 ? card + 2 : 0));
      String stop = String.valueOf(random.nextInt((int) card + 5) - (q % 3 == 0 ? 3 : 0));
      assertSame(plain("ZRANGE", PLAIN, start, stop), call(List.of("rank", flag, start, stop, "0")), "by rank " + start + ".." + stop);

      String min = q % 4 == 0 ? chunkEdge(random, scored) : scored ? scoreEnd(random, scores, true) : lexEnd(random, members, true);
      String max = q % 4 == 1 ? chunkEdge(random, scored) : scored ? scoreEnd(random, scores, false) : lexEnd(random, members, false);
      long plainCount = scored ? jedis.zcount(PLAIN, min, max) : jedis.zlexcount(PLAIN, min, max);
      assertEquals(plainCount, call(List.of("count", flag, min, max)), "count " + printable(min) + " .. " + printable(max));

      boolean rev = random.nextBoolean();
      String offset = String.valueOf(random.nextInt(4) == 0 ? 0 : random.nextInt(400));
      String limit = String.valueOf(random.nextInt(5) == 0 ? -1 : random.nextInt(150));
      boolean withScores = scored && random.nextBoolean(); // BYLEX takes no WITHSCORES
      String from = rev ? max : min;
      String to = rev ? min : max;
      List<String> command = new ArrayList<>(List.of("ZRANGE", PLAIN, from, to, scored ? "BYSCORE" : "BYLEX"));
      if (rev) {
        command.add("REV");
      }
      command.addAll(List.of("LIMIT", offset, limit));
      if (withScores) {
        command.add("WITHSCORES");
      }
      assertSame(plain(command.toArray(String[]::new)),
          call(List.of("range", flag, from, to, rev ? "1" : "0", offset, limit, withScores ? "1" : "0")),
          String.join(" ", command).replace("\0", "\\0"));

      // the same reads as the plain commands DirectReads and RankedPages send, through compact_read.lua
      List<String> asSent = new ArrayList<>(command);
      asSent.remove(1);
      assertSame(plain(command.toArray(String[]::new)), read(asSent), "compact_read " + String.join(" ", asSent).replace("\0", "\\0"));
      assertEquals(plainCount, read(List.of(scored ? "ZCOUNT" : "ZLEXCOUNT", min, max)), "compact_read count");
      assertSame(plain("ZRANGE", PLAIN, start, stop, "REV", "WITHSCORES"), read(List.of("ZRANGE", start, stop, "REV", "WITHSCORES")),
          "compact_read by rank, reversed " + start + ".." + stop);
      assertSame(plain("ZRANGE", PLAIN, start, stop), read(List.of("ZRANGE", start, stop)), "compact_read by rank " + start + ".." + stop);

      int i = random.nextInt(members.size());
      String score = scored ? text(scores.get(i)) : "0";
      Double plainScore = jedis.zscore(PLAIN, members.get(i));
      boolean plainHas = plainScore != null && plainScore == score(score);
      assertEquals(plainHas ? 1L : 0L, call(List.of("has", flag, score, members.get(i))), "has " + printable(members.get(i)));
    }
  }

  /** Equal lists, or a failure naming the first difference (lists here run to thousands of items). */
  private static void assertSame(List<String> expected, Object actual, String what) {
    List<?> got = (List<?>) actual;
    for (int i = 0; i < Math.min(expected.size(), got.size()); i++) {
      if (!expected.get(i).equals(got.get(i))) {
        throw new AssertionError(what + ": item " + i + " is " + printable(String.valueOf(got.get(i))) + ", expected "
            + printable(expected.get(i)) + " (sizes " + got.size() + ", " + expected.size() + ")");
      }
    }
    assertEquals(expected.size(), got.size(), what + ": size");
  }

  /**
   * A range's end at the first entry of a chunk (open or closed), where a walk decides whether a
   * chunk lies wholly inside the range.
   */
  private String chunkEdge(Random random, boolean scored) {
    List<byte[]> bounds = jedis.zrange(bytes(SET + "#dir"), 0, -1);
    boolean open = random.nextBoolean();
    if (bounds.size() < 2) {
      return scored ? "-inf" : "-";
    }
    byte[] bound = bounds.get(1 + random.nextInt(bounds.size() - 1)); // not the first chunk's ''
    if (!scored) {
      return (open ? "(" : "[") + new String(bound, StandardCharsets.UTF_8);
    }
    double score = jedis.zrangeWithScores(concat(bytes(SET + "#c:"), bound), 0, 0).get(0).getScore();
    return (open ? "(" : "") + text(score);
  }

  /** A command's reply on the plain set, as text. */
  private List<String> plain(String... command) {
    List<String> rest = Arrays.asList(command).subList(1, command.length);
    Object reply = jedis.sendCommand(Protocol.Command.valueOf(command[0]), rest.toArray(String[]::new));
    List<String> out = new ArrayList<>();
    for (Object item : (List<?>) reply) {
      String text = new String((byte[]) item, StandardCharsets.UTF_8);
      // a skiplist keeps a score of -0 as it was given, a listpack (every chunk) as 0: equal scores
      out.add(text.equals("-0") ? "0" : text);
    }
    return out;
  }

  /** The layout's rules, read from the keys themselves. */
  private void checkLayout(boolean scored) {
    byte[] dirKey = bytes(SET + "#dir");
    List<byte[]> bounds = jedis.zrange(dirKey, 0, -1);
    Set<String> expectedKeys = new HashSet<>();
    long total = 0;
    List<byte[]> walked = new ArrayList<>();
    for (int b = 0; b < bounds.size(); b++) {
      byte[] bound = bounds.get(b);
      byte[] chunkKey = concat(bytes(SET + "#c:"), bound);
      List<Tuple> entries = jedis.zrangeWithScores(chunkKey, 0, -1);
      byte[] counted = jedis.hget(bytes(SET + "#n"), bound);
      assertEquals(String.valueOf(entries.size()), counted == null ? null : new String(counted, StandardCharsets.UTF_8),
          "a chunk's count");
      if (bound.length > 0) {
        assertTrue(!entries.isEmpty(), "a chunk other than the first is never empty");
      }
      if (entries.isEmpty()) {
        continue;
      }
      expectedKeys.add(new String(chunkKey, StandardCharsets.ISO_8859_1));
      assertTrue(entries.size() <= 128, "a chunk of " + entries.size());
      // Redis keeps a sorted set a listpack while every member is at most zset-max-listpack-value (64) bytes
      boolean shortMembers = entries.stream().allMatch(e -> e.getBinaryElement().length <= 64);
      assertEquals(shortMembers ? "listpack" : "skiplist", new String(jedis.objectEncoding(chunkKey), StandardCharsets.UTF_8),
          "a chunk's encoding");
      for (Tuple entry : entries) {
        byte[] entryBound = scored ? concat(scoreBytes(entry.getScore()), entry.getBinaryElement()) : entry.getBinaryElement();
        assertTrue(Arrays.compareUnsigned(entryBound, bound) >= 0, "an entry below its chunk's bound");
        if (b + 1 < bounds.size()) {
          assertTrue(Arrays.compareUnsigned(entryBound, bounds.get(b + 1)) < 0, "an entry at or past the next chunk's bound");
        }
        walked.add(entry.getBinaryElement());
      }
      total += entries.size();
    }
    checkGroups(bounds);
    List<byte[]> plain = jedis.zrange(bytes(PLAIN), 0, -1);
    assertEquals(plain.size(), walked.size(), "entries");
    for (int i = 0; i < plain.size(); i++) {
      assertArrayEquals(plain.get(i), walked.get(i), "entry " + i + " in order");
    }
    String count = jedis.get(SET + "#count");
    assertEquals(total, count == null ? 0 : Long.parseLong(count));
    if (total > 0) {
      expectedKeys.add(SET + "#dir");
      expectedKeys.add(SET + "#count");
      expectedKeys.add(SET + "#n");
      expectedKeys.add(SET + "#gdir");
      expectedKeys.add(SET + "#gn");
      assertEquals(bounds.size(), jedis.hlen(SET + "#n"), "a count per chunk");
    }
    Set<String> keys = new HashSet<>();
    int slot = JedisClusterCRC16.getSlot(SET);
    for (byte[] key : jedis.keys(bytes(SET + "*"))) {
      keys.add(new String(key, StandardCharsets.ISO_8859_1));
      assertEquals(slot, JedisClusterCRC16.getSlot(key), "every key in the set's slot");
    }
    assertEquals(expectedKeys, keys, "the set's keys");
  }

  /**
   * The groups: each starts at a chunk (the first at ''), holds at most CS_GROUP chunks, and
   * counts the entries of its chunks.
   */
  private void checkGroups(List<byte[]> bounds) {
    List<byte[]> groups = jedis.zrange(bytes(SET + "#gdir"), 0, -1);
    assertEquals(jedis.hlen(bytes(SET + "#gn")), groups.size(), "a count per group");
    if (bounds.isEmpty()) {
      assertEquals(0, groups.size(), "no group without chunks");
      return;
    }
    assertEquals(0, groups.get(0).length, "the first group starts at the first chunk");
    int g = -1;
    long[] counted = new long[groups.size()];
    int[] chunks = new int[groups.size()];
    for (byte[] bound : bounds) {
      if (g + 1 < groups.size() && Arrays.equals(groups.get(g + 1), bound)) {
        g++;
      }
      assertTrue(g >= 0, "a chunk before every group");
      byte[] size = jedis.hget(bytes(SET + "#n"), bound);
      counted[g] += Long.parseLong(new String(size, StandardCharsets.UTF_8));
      chunks[g]++;
    }
    assertEquals(groups.size() - 1, g, "every group starts at a chunk");
    for (int i = 0; i < groups.size(); i++) {
      byte[] count = jedis.hget(bytes(SET + "#gn"), groups.get(i));
      assertEquals(counted[i], Long.parseLong(new String(count, StandardCharsets.UTF_8)), "group " + i + "'s count");
      assertTrue(chunks[i] <= groupChunks, "a group of " + chunks[i] + " chunks");
    }
  }

  private Object call(List<String> args) {
    return jedis.evalsha(sha, List.of(SET), args);
  }

  /** A plain command's arguments (after its key) run on the compact set by {@code compact_read.lua}. */
  private Object read(List<String> command) {
    return jedis.evalsha(readSha, List.of(SET, SET + "#dir"), command);
  }

  /** The order-keeping text of a score (16 hex digits), computed as the script documents it. */
  private static byte[] scoreBytes(double score) {
    long bits = Double.doubleToLongBits(score == 0 ? 0.0 : score);
    bits = bits >= 0 ? bits ^ Long.MIN_VALUE : ~bits;
    return String.format("%016x", bits).getBytes(StandardCharsets.US_ASCII);
  }

  private static String scoreEnd(Random random, List<Double> scores, boolean low) {
    return switch (random.nextInt(6)) {
      case 0 -> low ? "-inf" : "+inf";
      case 1 -> "(" + text(scores.get(random.nextInt(scores.size())));
      case 2 -> String.valueOf(random.nextInt(40) - 5);
      default -> text(scores.get(random.nextInt(scores.size())));
    };
  }

  private static String lexEnd(Random random, List<String> members, boolean low) {
    String member = members.get(random.nextInt(members.size()));
    return switch (random.nextInt(7)) {
      case 0 -> low ? "-" : "+";
      case 1 -> "(" + member;
      case 2 -> "[" + member.substring(0, member.indexOf('\0'));
      case 3 -> "(" + member.substring(0, member.indexOf('\0') + 1);
      default -> "[" + member;
    };
  }

  private static String text(double score) {
    if (Double.isInfinite(score)) {
      return score > 0 ? "+inf" : "-inf";
    }
    return Double.toString(score);
  }

  private static double score(String text) {
    return switch (text) {
      case "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }

  private static String printable(String text) {
    return text.replace("\0", "\\0");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
