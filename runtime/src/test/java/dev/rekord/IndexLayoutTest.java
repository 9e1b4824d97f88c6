package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.model.IndexLayout;
import dev.rekord.schema.IndexReport;
import dev.rekord.schema.MigrationReport.Outcome;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.UnifiedJedis;

/**
 * The compact index layout ({@link IndexLayout#COMPACT}) as a user configures it: the same answers
 * as the standard layout, and {@code migrate()} rebuilding an index whose layout changed, either
 * way, with nothing of the other layout left behind — also for documents deleted or expired
 * before the rebuild.
 */
@ExtendWith(RedisExtension.class)
public class IndexLayoutTest {

  private static final TestModel<String> MODEL = TestModel.stringIds("member", Storage.HASH, Duration.ZERO).withTagsIndexed();
  private static final int MEMBERS = 700; // several chunks of 128 per bucket's set of ids

  /** The URL the tests connect to: the extension's server; the cluster variant ({@code dev.rekord.cluster}) overrides it. */
  protected String url(RedisServer server) {
    return server.url();
  }

  private Rekord connect(RedisServer server, IndexLayout layout) {
    Rekord rekord = Rekord.builder().url(url(server)).buckets(2).indexLayout(Member.class, layout).build();
    RekordTesting.invalidate(rekord); // as a new process would
    return rekord;
  }

  private static Outcome migrate(Rekord rekord) {
    return RekordTesting.migrator(rekord).migrate(MODEL, (name, done, total) -> { }).outcome();
  }

  @Test
  public void aLayoutChangeIsRebuiltByMigrateEitherWayAndLeavesNothingOfTheOther(RedisServer server) {
    Map<String, Member> saved = new TreeMap<>();
    Set<String> deletedBehind = new HashSet<>();
    try (Rekord standard = connect(server, IndexLayout.STANDARD)) {
      migrate(standard);
      RekordRepository<Member, String> members = TestModel.repository(standard, MODEL);
      List<Member> batch = new ArrayList<>();
      for (int i = 0; i < MEMBERS; i++) {
        batch.add(new Member("m" + i, i % 3 == 0 ? "Oslo" : "Bergen" + (i % 7), i % 90, List.of("t" + (i % 4))));
      }
      members.saveAll(batch);
      batch.forEach(m -> saved.put(m.id(), m));
      for (int i = 0; i < MEMBERS; i += 10) { // deleted behind Rekord's back: entries left for the rebuild
        standard.connection().unwrap(UnifiedJedis.class).del(RekordTesting.layout(members).documentKey("m" + i));
        saved.remove("m" + i);
        deletedBehind.add("m" + i);
      }
      assertStandardOnly(standard);
    }

    try (Rekord compact = connect(server, IndexLayout.COMPACT)) {
      RekordRepository<Member, String> members = TestModel.repository(compact, MODEL);
      assertThrows(SchemaMismatchException.class, () -> members.find(Member_.city.eq("Oslo")).count());
      assertEquals(Outcome.REBUILT, migrate(compact));
      assertAnswers(members, saved);
      assertCompactOnly(compact);
      // writes and deletes on the compact layout: scores moved, tags changed, ids removed
      for (int i = 1; i < MEMBERS; i += 9) {
        if (!saved.containsKey("m" + i)) {
          continue; // deleted with its manifest: its old entries are unknown, a save would not remove them
        }
        Member moved = new Member("m" + i, "Tromsø", (i * 7) % 90, List.of("t9"));
        members.save(moved);
        saved.put(moved.id(), moved);
      }
      for (int i = 2; i < MEMBERS; i += 11) {
        members.deleteById("m" + i);
        saved.remove("m" + i);
      }
      assertAnswers(members, saved);
      assertOnlyOrphansOf(deletedBehind, members.verifyIndex());
      assertEquals(saved.size(), members.verifyIndex().indexedIds());
    }

    try (Rekord standard = connect(server, IndexLayout.STANDARD)) {
      RekordRepository<Member, String> members = TestModel.repository(standard, MODEL);
      assertThrows(SchemaMismatchException.class, () -> members.find(Member_.city.eq("Oslo")).count());
      // a write meeting compact entries before the rebuild is refused whole, saying what to do
      Member first = saved.values().iterator().next();
      SchemaMismatchException refused = assertThrows(SchemaMismatchException.class,
          () -> members.save(new Member(first.id(), "Oslo", 1, List.of("t1"))));
      assertTrue(refused.getMessage().matches("\\{member:[01]}#(lex:city|num:age|ids) is a compact set, of the compact"
          + " index layout; the model is configured with the standard one: run migrate\\(\\) to rebuild its index"),
          refused.getMessage());
      assertThrows(SchemaMismatchException.class, () -> members.deleteById(first.id()));
      assertEquals(first, members.findById(first.id()).orElseThrow());
      assertEquals(Outcome.REBUILT, migrate(standard));
      assertAnswers(members, saved);
      assertStandardOnly(standard);
      assertOnlyOrphansOf(deletedBehind, members.verifyIndex());
    }
  }

  /** The verifier checks a compact set's own counts too: one moved behind Rekord's back is reported. */
  @Test
  public void theVerifierReportsACompactSetWhoseCountsDisagree(RedisServer server) {
    try (Rekord compact = connect(server, IndexLayout.COMPACT)) {
      RekordRepository<Member, String> members = TestModel.repository(compact, MODEL);
      List<Member> batch = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        batch.add(new Member("v" + i, "City" + (i % 5), i % 40, List.of("t")));
      }
      members.saveAll(batch);
      assertTrue(members.verifyIndex().consistent());
      UnifiedJedis jedis = compact.connection().unwrap(UnifiedJedis.class);
      jedis.incr("{member:1}#num:age#count");
      IndexReport report = members.verifyIndex();
      assertEquals(List.of(new IndexReport.Discrepancy(IndexReport.Kind.COMPACT_SET_COUNTS, 1, null, "{member:1}#num:age",
          "the chunks hold " + jedis.get("{member:1}#ids#count") + " entries, the groups count "
              + jedis.get("{member:1}#ids#count") + ", the set " + jedis.get("{member:1}#num:age#count"))),
          report.discrepancies());
    }
  }

  /**
   * The index agrees with the documents but for the entries of documents deleted with their manifest
   * behind Rekord's back in the sets both layouts share ({@code #eq:}): no manifest names them, so
   * no rebuild can remove them (the verifier reports them), while the sets of the other layout went
   * whole.
   */
  private static void assertOnlyOrphansOf(Set<String> deleted, IndexReport report) {
    assertFalse(report.discrepancies().isEmpty());
    for (IndexReport.Discrepancy found : report.discrepancies()) {
      assertTrue(found.kind() == IndexReport.Kind.UNLISTED_ENTRY && deleted.contains(found.id())
          && found.key().contains("#eq:tags:"), found.toString());
    }
  }

  /** Counts, equality, ranges and sorted pages (deep ones too) as the records say. */
  private static void assertAnswers(RekordRepository<Member, String> members, Map<String, Member> saved) {
    assertEquals(saved.size(), members.count());
    assertEquals(saved.values().stream().filter(m -> m.city().equals("Oslo")).count(),
        members.find(Member_.city.eq("Oslo")).count());
    assertEquals(saved.values().stream().filter(m -> m.city().startsWith("Berg")).map(Member::id).sorted().toList(),
        members.find(Member_.city.startsWith("Berg")).list().stream().map(Member::id).toList());
    assertEquals(saved.values().stream().filter(m -> m.age() >= 30 && m.age() < 45).count(),
        members.find(Member_.age.between(30, 44)).count());
    assertEquals(saved.values().stream().filter(m -> m.tags().contains("t2")).map(Member::id).sorted().toList(),
        members.find(Member_.tags.contains("t2")).list().stream().map(Member::id).toList());
    List<String> byAge = saved.values().stream()
        .sorted(Comparator.comparingInt(Member::age).reversed().thenComparing(Member::id, Comparator.reverseOrder()))
        .map(Member::id).toList();
    assertEquals(byAge.subList(0, 20), ids(members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).limit(20)));
    assertEquals(byAge.subList(300, 320),
        ids(members.find(Member_.age.gte(0)).sortBy(Member_.age.desc()).offset(300).limit(20)));
    List<String> byCity = saved.values().stream()
        .sorted(Comparator.comparing(Member::city).thenComparing(Member::id)).map(Member::id).toList();
    assertEquals(byCity.subList(250, 270), ids(members.findAll().sortBy(Member_.city.asc()).offset(250).limit(20)));
  }

  private static List<String> ids(Query<Member, String> query) {
    return query.list().stream().map(Member::id).toList();
  }

  private static void assertStandardOnly(Rekord rekord) {
    Set<String> keys = keys(rekord);
    assertTrue(keys.contains("{member:0}#ids"), keys.toString());
    assertTrue(keys.contains("{member:1}#lex:city"), keys.toString());
    assertFalse(keys.stream().anyMatch(key -> key.contains("#dir") || key.contains("#c:") || key.endsWith("#count")),
        keys.toString());
  }

  private static void assertCompactOnly(Rekord rekord) {
    Set<String> keys = keys(rekord);
    for (String plain : List.of("{member:0}#ids", "{member:1}#ids", "{member:0}#lex:city", "{member:1}#num:age")) {
      assertFalse(keys.contains(plain), plain);
    }
    for (String compact : List.of("{member:0}#ids#dir", "{member:1}#lex:city#c:", "{member:1}#num:age#count")) {
      assertTrue(keys.contains(compact), compact);
    }
  }

  private static Set<String> keys(Rekord rekord) {
    Set<String> keys = new HashSet<>();
    rekord.connection().scanKeys("{member*", null, keys::addAll);
    return keys;
  }
}
