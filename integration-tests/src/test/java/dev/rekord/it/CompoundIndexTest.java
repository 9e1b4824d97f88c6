package dev.rekord.it;

import dev.rekord.ItAccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.internal.engine.portable.Manifest;
import dev.rekord.it.model.Color;
import dev.rekord.it.model.Home;
import dev.rekord.it.model.Resident;
import dev.rekord.it.model.ResidentRepository;
import dev.rekord.it.model.Resident_;
import dev.rekord.query.Condition;
import dev.rekord.schema.IndexReport;
import dev.rekord.schema.MigrationReport;
import dev.rekord.test.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.resps.Tuple;

/**
 * The compound indexes of {@link Resident} in Redis: their keys and scores, kept exact by updates,
 * deletes and migrations, and what a query for one reads (only the compound key, O(page) of it).
 */
class CompoundIndexTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private Rekord rekord;
  private UnifiedJedis raw;

  @BeforeEach
  void connect() {
    rekord = Rekord.connect(redis.server().url());
    raw = rekord.connection().unwrap(UnifiedJedis.class);
  }

  @AfterEach
  void disconnect() {
    rekord.close();
  }

  private static Resident resident(String id, String city, String team, int age, LocalDate joined, Color color,
      Double score, Home home) {
    return new Resident(id, city, team, age, joined, color, score, null, home);
  }

  // ---------------------------------------------------------------- what is stored

  /** Each value of a key is its UTF-8 byte length, ':', the value. */
  private static String encoded(String value) {
    return value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
  }

  /**
   * The compound entries the residents should have, worked out here from the annotations of
   * {@link Resident}: key → id → score.
   */
  private static Map<String, Map<String, Double>> expectedEntries(Collection<Resident> residents, KeyLayout layout) {
    Map<String, Map<String, Double>> keys = new TreeMap<>();
    for (Resident r : residents) {
      String base = layout.bucketFor(r.id()).tag() + "#cmp:";
      String team = r.team() == null ? null : r.team().toLowerCase(Locale.ROOT); // case-insensitive
      Home home = r.home();
      add(keys, r, r.city() == null ? null : base + "city+age:" + encoded(r.city()), (double) r.age());
      add(keys, r, r.city() == null || team == null ? null
          : base + "city+team+age:" + encoded(r.city()) + encoded(team), (double) r.age());
      add(keys, r, team == null ? null : base + "team+joined:" + encoded(team),
          r.joined() == null ? null : (double) r.joined().toEpochDay());
      add(keys, r, r.color() == null ? null : base + "color+score:" + encoded(r.color().name()), r.score());
      add(keys, r, r.city() == null || home == null ? null : base + "city+home.floor:" + encoded(r.city()),
          home == null ? null : (double) home.floor());
      add(keys, r, home == null || home.country() == null ? null : base + "home.country+age:" + encoded(home.country()),
          (double) r.age());
    }
    return keys;
  }

  private static void add(Map<String, Map<String, Double>> keys, Resident r, String key, Double score) {
    if (key != null && score != null) {
      keys.computeIfAbsent(key, k -> new TreeMap<>()).put(r.id(), score);
    }
  }

  /** The compound keys in Redis with their members and scores. */
  private Map<String, Map<String, Double>> storedEntries() {
    Map<String, Map<String, Double>> keys = new TreeMap<>();
    for (String key : raw.keys("{resident*#cmp:*")) {
      Map<String, Double> members = new TreeMap<>();
      for (Tuple tuple : raw.zrangeWithScores(key, 0, -1)) {
        members.put(tuple.getElement(), tuple.getScore());
      }
      keys.put(key, members);
    }
    return keys;
  }

  @Test
  void oneScoredEntryPerCompoundIndexUnderItsTagValues() {
    ResidentRepository residents = new ResidentRepository(rekord);
    Resident ada = resident("ada", "Oslo", "Red", 30, LocalDate.of(1970, 1, 11), Color.GREEN, 2.5, new Home("N:O", 3));
    Resident bob = resident("bob", "Oslo", null, 41, null, null, null, null);
    residents.saveAll(List.of(ada, bob));

    Map<String, Map<String, Double>> expected = new TreeMap<>();
    expected.put("{resident}#cmp:city+age:4:Oslo", Map.of("ada", 30.0, "bob", 41.0));
    expected.put("{resident}#cmp:city+team+age:4:Oslo3:red", Map.of("ada", 30.0));
    expected.put("{resident}#cmp:team+joined:3:red", Map.of("ada", 10.0));
    expected.put("{resident}#cmp:color+score:5:GREEN", Map.of("ada", 2.5));
    expected.put("{resident}#cmp:city+home.floor:4:Oslo", Map.of("ada", 3.0));
    expected.put("{resident}#cmp:home.country+age:3:N:O", Map.of("ada", 30.0));
    assertEquals(expected, storedEntries());
    assertEquals(expected, expectedEntries(List.of(ada, bob), ItAccess.layout(residents)), "the rule the other tests use");
    assertTrue(residents.verifyIndex().consistent(), "every compound entry is in its manifest");
  }

  @Test
  void updatesAndDeletesLeaveNoStaleCompoundEntry() {
    try (Rekord four = Rekord.builder().url(redis.server().url()).buckets(4).build()) {
      ResidentRepository residents = new ResidentRepository(four);
      Random random = new Random(7);
      Map<String, Resident> saved = new LinkedHashMap<>();
      for (int round = 0; round < 6; round++) {
        List<Resident> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          Resident r = randomResident(random, "r" + random.nextInt(80));
          batch.add(r);
          saved.put(r.id(), r);
        }
        residents.saveAll(batch);
        for (int i = 0; i < 10; i++) {
          String id = "r" + random.nextInt(80);
          residents.deleteById(id);
          saved.remove(id);
        }
        assertEquals(expectedEntries(saved.values(), ItAccess.layout(residents)), storedEntries(), "round " + round);
        IndexReport report = residents.verifyIndex();
        assertTrue(report.consistent(), report.discrepancies().toString());
      }
      // a value that moves within one key: only its score changes
      residents.save(resident("x", "Oslo", "Red", 30, null, null, null, null));
      residents.save(resident("x", "Oslo", "Red", 31, null, null, null, null));
      String bucket = ItAccess.layout(residents).bucketFor("x").tag();
      assertEquals(31.0, raw.zscore(bucket + "#cmp:city+age:4:Oslo", "x"));
      // a value that moves to another key leaves the old one
      residents.save(resident("x", "Bergen", "Red", 31, null, null, null, null));
      assertEquals(null, raw.zscore(bucket + "#cmp:city+age:4:Oslo", "x"));
      assertEquals(null, raw.zscore(bucket + "#cmp:city+team+age:4:Oslo3:red", "x"));
      assertEquals(31.0, raw.zscore(bucket + "#cmp:city+team+age:6:Bergen3:red", "x"));
      saved.put("x", resident("x", "Bergen", "Red", 31, null, null, null, null));
      assertEquals(expectedEntries(saved.values(), ItAccess.layout(residents)), storedEntries());

      assertEquals(saved.size(), residents.deleteAll());
      assertEquals(Map.of(), storedEntries(), "no document, no compound key");
    }
  }

  private static Resident randomResident(Random random, String id) {
    String[] cities = {"Oslo", "Bergen", "a:1", null};
    String[] teams = {"Red", "RED", "Blue", null};
    return resident(id, cities[random.nextInt(cities.length)], teams[random.nextInt(teams.length)],
        random.nextInt(60), random.nextInt(4) == 0 ? null : LocalDate.ofEpochDay(random.nextInt(1000)),
        random.nextInt(4) == 0 ? null : Color.values()[random.nextInt(3)],
        random.nextInt(4) == 0 ? null : random.nextInt(100) / 4.0,
        random.nextInt(3) == 0 ? null : new Home(random.nextBoolean() ? "NO" : null, random.nextInt(5)));
  }

  // ---------------------------------------------------------------- what a query reads

  /**
   * With the indexes of city and age gone, a query an {@code eq} on city and a range on (or sort by)
   * age still finds what it should: it reads the compound key only, also for the sort values
   * several buckets merge by.
   */
  @Test
  void aCompoundQueryReadsOnlyTheCompoundKey() {
    try (Rekord four = Rekord.builder().url(redis.server().url()).buckets(4).build()) {
      ResidentRepository residents = new ResidentRepository(four);
      List<Resident> all = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        all.add(resident("r" + i, i % 3 == 0 ? "Oslo" : "Bergen", "Red", i % 50, null, null, null, null));
      }
      residents.saveAll(all);
      for (String key : raw.keys("{resident*#*")) {
        if (key.contains("#lex:city") || key.contains("#num:age")) {
          raw.del(key);
        }
      }
      Condition<Resident> oslo = Resident_.city.eq("Oslo").and(Resident_.age.between(10, false, 20, true));
      List<String> ascending = all.stream()
          .filter(r -> r.city().equals("Oslo") && r.age() > 10 && r.age() <= 20)
          .sorted((a, b) -> a.age() != b.age() ? Integer.compare(a.age(), b.age()) : a.id().compareTo(b.id()))
          .map(Resident::id).toList();
      assertEquals(ascending.subList(2, 7), residents.find(oslo).sortBy(Resident_.age.asc()).offset(2).limit(5).ids());
      List<String> descending = new ArrayList<>(ascending);
      java.util.Collections.reverse(descending);
      assertEquals(descending.subList(0, 5), residents.find(oslo).sortBy(Resident_.age.desc()).limit(5).ids());
      assertEquals(ascending.size(), residents.find(oslo).count());
      assertTrue(residents.find(oslo).exists());
      assertFalse(residents.find(Resident_.city.eq("Oslo").and(Resident_.age.gt(49))).exists());
      // age is never null, so a sort alone is answered too (ties by id, descending with the sort)
      assertEquals(List.of("r99", "r48", "r198", "r147", "r96"),
          residents.find(Resident_.city.eq("Oslo")).sortBy(Resident_.age.desc()).limit(5).ids());
      // and queries the compound index cannot answer read the index that is gone
      assertEquals(List.of(), residents.find(Resident_.city.eq("Oslo")).ids());
    }
  }

  /** Runs {@code action} and returns the calls of each command the server ran meanwhile. */
  private Map<String, Long> calls(Runnable action) {
    raw.executeCommand(new CommandArguments(Protocol.Command.CONFIG).add("RESETSTAT"));
    action.run();
    Map<String, Long> calls = new HashMap<>();
    for (String line : raw.info("commandstats").split("\r?\n")) {
      if (line.startsWith("cmdstat_")) {
        String name = line.substring("cmdstat_".length(), line.indexOf(':'));
        int at = line.indexOf("calls=") + 6;
        calls.put(name, Long.parseLong(line.substring(at, line.indexOf(',', at))));
      }
    }
    return calls;
  }

  /** The commands scripts ran: all but the EVAL/EVALSHA themselves, CONFIG and SCRIPT (and their subcommands). */
  private static long inner(Map<String, Long> calls) {
    return calls.entrySet().stream()
        .filter(c -> !c.getKey().startsWith("eval") && !c.getKey().startsWith("config") && !c.getKey().startsWith("script"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  /**
   * 10,000 residents whose city and age are correlated: those of "A" are 50 to 99 years old, those
   * of "B" 0 to 49. Without the compound index, {@code city = A, age 0..99, by age, 20 rows} walks
   * the age index past the 5,000 residents of B first, probing each; with it, it reads one page of
   * one key.
   */
  @Test
  void aCompoundQueryReadsOnePage() {
    ResidentRepository residents = new ResidentRepository(rekord);
    List<Resident> all = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      int age = i % 100;
      all.add(resident(String.format("r%05d", i), age >= 50 ? "A" : "B", null, age, null, null, null, null));
    }
    residents.saveAll(all);

    List<String> youngestOfA = new ArrayList<>();
    for (int i = 50; youngestOfA.size() < 20; i += 100) {
      youngestOfA.add(String.format("r%05d", i));
    }
    Condition<Resident> a = Resident_.city.eq("A").and(Resident_.age.between(0, 99));
    Map<String, Long> calls = calls(() -> assertEquals(youngestOfA,
        residents.find(a).sortBy(Resident_.age.asc()).limit(20).ids()));
    assertTrue(inner(calls) <= 80, "O(page) commands, not O(5000): " + calls);

    List<String> oldestOfB = new ArrayList<>();
    for (int i = 10_000 - 100 + 49; oldestOfB.size() < 20; i -= 100) {
      oldestOfB.add(String.format("r%05d", i));
    }
    Condition<Resident> b = Resident_.city.eq("B").and(Resident_.age.gte(0));
    calls = calls(() -> assertEquals(oldestOfB, residents.find(b).sortBy(Resident_.age.desc()).limit(20).ids()));
    assertTrue(inner(calls) <= 80, "O(page) commands, not O(5000): " + calls);
    calls = calls(() -> assertEquals(oldestOfB,
        residents.find(Resident_.city.eq("B")).sortBy(Resident_.age.desc()).limit(20).ids()));
    assertTrue(inner(calls) <= 80, "a sort alone, O(page) commands: " + calls);

    calls = calls(() -> assertEquals(5_000, residents.find(a).count()));
    assertEquals(Map.of("multi", 1L, "zcount", 1L, "zcard", 1L, "exec", 1L), withoutEval(calls),
        "one ZCOUNT of one key, with the count of expiring ids: no script");
    calls = calls(() -> assertTrue(residents.find(b).exists()));
    assertTrue(inner(calls) <= 12, "exists stops at the first match: " + calls);
    // nothing expires: the sweep of expired ids finds none, so the match needs no EXISTS
    assertEquals(0L, calls.getOrDefault("exists", 0L), calls.toString());
  }

  private static Map<String, Long> withoutEval(Map<String, Long> calls) {
    Map<String, Long> inner = new TreeMap<>(calls);
    inner.keySet().removeIf(name -> name.startsWith("eval") || name.startsWith("config") || name.startsWith("script"));
    return inner;
  }

  // ---------------------------------------------------------------- migrations

  /**
   * An index built before {@code Resident} had compound indexes: no compound key, no compound entry
   * in any manifest, another fingerprint. {@code migrate()} rebuilds it with every compound entry,
   * exactly, and queries for the compound indexes are right afterwards.
   */
  @Test
  void addingCompoundIndexesToAModelRebuildsThem() {
    ResidentRepository residents = new ResidentRepository(rekord);
    rekord.migrate();
    Random random = new Random(11);
    List<Resident> all = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      all.add(randomResident(random, "r" + i));
    }
    residents.saveAll(all);
    Map<String, Map<String, Double>> expected = expectedEntries(all, ItAccess.layout(residents));
    assertEquals(expected, storedEntries());

    forgetCompoundIndexes(ItAccess.layout(residents));
    assertEquals(Map.of(), storedEntries());
    assertTrue(residents.verifyIndex().consistent(), "a consistent index, as an older model wrote it");
    rekord.close();
    rekord = Rekord.connect(redis.server().url()); // the schema record is read once per client
    raw = rekord.connection().unwrap(UnifiedJedis.class);
    ResidentRepository restarted = new ResidentRepository(rekord);
    assertThrows(SchemaMismatchException.class, () -> restarted.find(Resident_.city.eq("Oslo").and(Resident_.age.gt(3))).ids());

    MigrationReport.ModelMigration migration = rekord.migrate().model("resident");
    assertEquals(MigrationReport.Outcome.REBUILT, migration.outcome());
    assertEquals(120, migration.reindexed());
    assertEquals(expected, storedEntries());
    IndexReport report = restarted.verifyIndex();
    assertTrue(report.consistent(), report.discrepancies().toString());
    List<String> oslo = all.stream().filter(r -> "Oslo".equals(r.city()) && r.age() > 30)
        .sorted((x, y) -> x.age() != y.age() ? Integer.compare(y.age(), x.age()) : y.id().compareTo(x.id()))
        .map(Resident::id).toList();
    assertEquals(oslo, restarted.find(Resident_.city.eq("Oslo").and(Resident_.age.gt(30))).sortBy(Resident_.age.desc()).ids());
    assertTrue(raw.hget("rekord:schema:resident", "definition").endsWith(
        "; compound city+age; compound city+team+age; compound team+joined; compound color+score;"
            + " compound city+home.floor; compound home.country+age"),
        raw.hget("rekord:schema:resident", "definition"));
  }

  /** Removes every compound key and its entries from the manifests, and marks the definition changed. */
  private void forgetCompoundIndexes(KeyLayout layout) {
    for (String key : raw.keys("{resident*#cmp:*")) {
      raw.del(key);
    }
    for (String manifest : raw.keys("{resident*#doc:*")) {
      String id = manifest.substring(manifest.indexOf("#doc:") + "#doc:".length());
      KeyLayout.Bucket bucket = layout.bucketFor(id);
      StringBuilder kept = new StringBuilder();
      for (Manifest.Entry entry : Manifest.entries(raw.get(manifest), bucket, id)) {
        if (!entry.key().contains("#cmp:")) {
          String member = entry.member();
          Manifest.append(kept, bucket, entry.key(),
              member.equals(id) ? null : member.substring(0, member.length() - id.length() - 1));
        }
      }
      raw.set(manifest, kept.toString());
    }
    raw.hset("rekord:schema:resident", "fingerprint", "0123456789abcdef");
  }
}
