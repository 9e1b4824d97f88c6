package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Neighbor;
import dev.rekord.Query.Cursor;
import dev.rekord.Rekord;
import dev.rekord.it.model.Recipe;
import dev.rekord.it.model.RecipeRepository;
import dev.rekord.it.model.Recipe_;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.model.Engine;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisModules;
import dev.rekord.test.RedisServer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * The search engine's answers while a slot migrates, driven by hand between queries: {@code
 * CLUSTER SETSLOT … IMPORTING/MIGRATING}, then {@code MIGRATE} of single keys, so a document is on
 * its source only, on both nodes (the moment between the target's {@code RESTORE} and the source's
 * delete, made lasting by {@code MIGRATE … COPY}), or on its target only; and keys that move while
 * a cursor is half read. Count, sorted page and cursor must stay exact in each state.
 */
class ClusterSearchSlotMigrationTest {

  private static final int MEMBERS = 200;
  private static RedisCluster cluster;
  private Rekord rekord;
  private MemberRepository members;
  private List<String> byAgeDesc;
  private List<Member> saved;

  @BeforeAll
  static void start() {
    cluster = RedisModules.startSearchCluster(3, 0);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @BeforeEach
  void save() {
    cluster.flushAll();
    rekord = Rekord.builder().url(cluster.seedUrl()).engine(Member.class, Engine.SEARCH).build();
    rekord.migrate();
    members = new MemberRepository(rekord);
    List<Member> all = new ArrayList<>();
    for (int i = 0; i < MEMBERS; i++) {
      all.add(new Member("m" + i, "city" + (i % 7), LocalDate.of(2020, 1, 1).plusDays(i % 50), i % 90, List.of("t"), null));
    }
    members.saveAll(all);
    saved = all;
    byAgeDesc = all.stream()
        .sorted(Comparator.comparingInt(Member::age).reversed().thenComparing(Member::id, Comparator.reverseOrder()))
        .map(Member::id).toList();
  }

  @AfterEach
  void close() {
    if (rekord != null) {
      rekord.close();
    }
    for (int slot : touched) { // a failed test leaves no slot half migrated for the next
      for (RedisServer master : cluster.masters()) {
        master.command("CLUSTER", "SETSLOT", Integer.toString(slot), "STABLE");
      }
    }
  }

  private final List<Integer> touched = new ArrayList<>();

  @Test
  void countPageAndCursorStayExactWithAMovingKeyOnEitherNodeOrOnBoth() {
    int slot = JedisClusterCRC16.getSlot("{member:3}");
    RedisServer source = cluster.masterOf(slot);
    RedisServer target = firstOtherMaster(source);
    assertExact("before the migration");

    setSlot(slot, source, target);
    assertExact("importing and migrating, no key moved");

    List<String> keys = keysIn(source, slot);
    assertTrue(keys.size() > 3, "the slot holds documents: " + keys);
    migrate(source, target, true, keys.get(0));
    assertEquals(1L, target.command("CLUSTER", "COUNTKEYSINSLOT", Integer.toString(slot)), "on the target too");
    assertExact("one key on both nodes");

    source.command("DEL", keys.get(0));
    assertExact("one key on the target only");

    migrate(source, target, false, keys.get(1), keys.get(2));
    assertExact("three keys on the target only");

    // a cursor opened during the migration and half read while the remaining keys move and the
    // migration ends before the rest is read
    try (Cursor<Member> cursor = members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).pageSize(5).iterator()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(cursor.next().id());
      }
      migrate(source, target, false, keysIn(source, slot).toArray(String[]::new));
      assertExact("every key on the target, the slot still migrating");
      finish(slot, target);
      cursor.forEachRemaining(member -> ids.add(member.id()));
      assertEquals(byAgeDesc, ids, "a cursor half read while the slot's keys moved");
    }
    assertExact("after the migration");
  }

  @Test
  void aCursorOpenedBeforeAMigrationBeginsMissesNoKeyThatMovesWhileItReads() {
    int slot = JedisClusterCRC16.getSlot("{member:5}");
    RedisServer source = cluster.masterOf(slot);
    RedisServer target = firstOtherMaster(source);
    try (Cursor<Member> cursor = members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).pageSize(5).iterator()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        ids.add(cursor.next().id());
      }
      setSlot(slot, source, target);
      List<String> keys = keysIn(source, slot);
      assertFalse(keys.isEmpty());
      migrate(source, target, false, keys.toArray(String[]::new));
      finish(slot, target);
      cursor.forEachRemaining(member -> ids.add(member.id()));
      assertEquals(byAgeDesc, ids, "a cursor opened before its slot's keys moved");
    }
    assertExact("after the migration");
  }

  /** Count, a sorted page with an offset, and every match through the merged cursors: each exact. */
  /**
   * A page's documents are read by id after the masters' ids: those whose key has already moved to
   * the target of a slot still migrating are answered {@code ASK}, which the read follows ({@code
   * ASKING} on the target) instead of retrying until the migration ends.
   */
  @Test
  void aPageReadsItsDocumentsOnBothNodesWhileTheirSlotMigrates() {
    String bucket = bucketNotNamingAnIndex();
    int slot = JedisClusterCRC16.getSlot(bucket);
    RedisServer source = cluster.masterOf(slot);
    try (RedisCluster.SlotMigration migration = cluster.beginSlotMigration(slot, firstOtherMaster(source))) {
      List<String> documents = migration.keys(1000).stream().filter(key -> key.startsWith(bucket + ":")).toList();
      assertTrue(documents.size() > 3, "the slot holds documents: " + documents);
      migration.move(documents.subList(0, documents.size() / 2));
      List<Member> expected = saved.stream().sorted(Comparator.comparingInt(Member::age).reversed()
          .thenComparing(Member::id, Comparator.reverseOrder())).toList();
      // with the default RetryPolicy (2 s): a read that retried its ASK would give up
      assertEquals(expected.subList(0, 150), members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).limit(150).list());
      assertEquals(expected, members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).list());
      List<String> ids = documents.stream().map(key -> key.substring(bucket.length() + 1)).toList();
      assertEquals(ids.size(), members.findAllById(ids).valuesOrThrow().size(), "by id, on both nodes");
      migration.complete();
    }
    assertExact("after the migration");
  }

  /**
   * A bucket tag ({@code {member:b}}) whose slot is not the slot of any master's index name: while
   * that slot migrates, its master cannot name its index (search-engine.md, limits on a cluster).
   */
  private static String bucketNotNamingAnIndex() {
    java.util.Set<Integer> indexSlots = new java.util.HashSet<>();
    for (RedisServer master : cluster.masters()) {
      for (Object index : (List<?>) master.command("FT._LIST")) {
        String name = String.valueOf(index);
        if (name.contains("{")) {
          indexSlots.add(JedisClusterCRC16.getSlot(name));
        }
      }
    }
    for (int b = 0; b < 16; b++) {
      if (!indexSlots.contains(JedisClusterCRC16.getSlot("{member:" + b + "}"))) {
        return "{member:" + b + "}";
      }
    }
    throw new AssertionError("every bucket's slot names an index: " + indexSlots);
  }

  private void assertExact(String state) {
    assertEquals(MEMBERS, members.find(Member_.age.gte(0)).count(), "count, " + state);
    assertEquals(byAgeDesc.stream().filter(id -> Integer.parseInt(id.substring(1)) % 7 == 3).count(),
        members.find(Member_.city.eq("city3")).count(), "count of a tag, " + state);
    assertEquals(byAgeDesc.subList(37, 37 + 25),
        members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).offset(37).limit(25).ids(), "page, " + state);
    assertEquals(byAgeDesc, members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).ids(), "cursor, " + state);
  }

  private void setSlot(int slot, RedisServer source, RedisServer target) {
    touched.add(slot);
    target.command("CLUSTER", "SETSLOT", Integer.toString(slot), "IMPORTING", cluster.nodeId(source));
    source.command("CLUSTER", "SETSLOT", Integer.toString(slot), "MIGRATING", cluster.nodeId(target));
  }

  /** {@code CLUSTER SETSLOT slot NODE target} on every master: the migration ends. */
  private static void finish(int slot, RedisServer target) {
    for (RedisServer master : cluster.masters()) {
      master.command("CLUSTER", "SETSLOT", Integer.toString(slot), "NODE", cluster.nodeId(target));
    }
  }

  private static List<String> keysIn(RedisServer node, int slot) {
    List<String> keys = new ArrayList<>();
    for (Object key : (List<?>) node.command("CLUSTER", "GETKEYSINSLOT", Integer.toString(slot), "1000")) {
      keys.add(String.valueOf(key));
    }
    return keys;
  }

  /** {@code MIGRATE} of {@code keys} to {@code target}; {@code copy}: the source keeps them too. */
  private static void migrate(RedisServer source, RedisServer target, boolean copy, String... keys) {
    List<String> command = new ArrayList<>(List.of("MIGRATE", target.host(), Integer.toString(target.port()), "", "0", "5000"));
    if (copy) {
      command.add("COPY");
    }
    command.add("KEYS");
    command.addAll(List.of(keys));
    source.command(command.toArray(String[]::new));
  }

  /** The master other than {@code master} whose name sorts first: the one a read in name order may read first. */
  private static RedisServer firstOtherMaster(RedisServer master) {
    return cluster.masters().stream().filter(m -> m.port() != master.port())
        .min(Comparator.comparing(m -> m.host() + ":" + m.port())).orElseThrow();
  }

  /**
   * Nearest neighbours (every document, some ids holding U+0000) read with their documents on each
   * shard stay exact while their slot migrates: a neighbour on the target of an importing slot,
   * which the target's script may not read, is read by its key; one on both nodes comes back once.
   */
  @Test
  void nearestNeighboursStayExactWhileTheirSlotMigrates() {
    try (Rekord recipes = Rekord.builder().url(cluster.seedUrl()).engine(Recipe.class, Engine.SEARCH).build()) {
      recipes.migrate();
      RecipeRepository repository = new RecipeRepository(recipes);
      Random random = new Random(7);
      List<Recipe> all = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        all.add(new Recipe("r" + i + (i % 3 == 0 ? "\0" : ""), "k" + (i % 4), "Brot " + i,
            new float[] {random.nextFloat(), random.nextFloat(), random.nextFloat(), 1}));
      }
      repository.saveAll(all);
      float[] query = {0.5f, 0.25f, 0.75f, 1};
      List<String> expected = nearestIds(repository, query);
      assertEquals(all.size(), expected.size(), "every recipe is a neighbour: " + expected);

      int slot = JedisClusterCRC16.getSlot("{recipe:3}");
      RedisServer source = cluster.masterOf(slot);
      RedisServer target = firstOtherMaster(source);
      setSlot(slot, source, target);
      assertEquals(expected, nearestIds(repository, query), "importing and migrating, no key moved");
      List<String> keys = keysIn(source, slot);
      assertTrue(keys.size() > 3, "the slot holds recipes: " + keys);
      migrate(source, target, true, keys.get(0));
      assertEquals(expected, nearestIds(repository, query), "one key on both nodes");
      source.command("DEL", keys.get(0));
      assertEquals(expected, nearestIds(repository, query), "one key on the target only");
      migrate(source, target, false, keysIn(source, slot).toArray(String[]::new));
      assertEquals(expected, nearestIds(repository, query), "every key on the target, the slot still migrating");
      finish(slot, target);
      assertEquals(expected, nearestIds(repository, query), "after the migration");
    }
  }

  /** The ids of the 100 nearest recipes, each checked to come back with its document. */
  private static List<String> nearestIds(RecipeRepository repository, float[] query) {
    List<String> ids = new ArrayList<>();
    for (Neighbor<Recipe> neighbour : repository.findAll().nearest(Recipe_.embedding.nearest(query, 100)).list()) {
      Recipe recipe = neighbour.entity();
      assertEquals("Brot " + recipe.id().replace("\0", "").substring(1), recipe.text(), "the document of " + recipe.id());
      ids.add(recipe.id());
    }
    return ids;
  }
}
