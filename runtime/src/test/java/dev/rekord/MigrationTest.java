package dev.rekord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.annotations.Storage;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.internal.SchemaMigrator;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.schema.IndexReport;
import dev.rekord.schema.MigrationReport.ModelMigration;
import dev.rekord.schema.MigrationReport.Outcome;
import dev.rekord.test.RedisExtension;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.UnifiedJedis;

/** Schema records and index rebuilds ({@code Rekord.migrate()}), on hand-written models. */
@ExtendWith(RedisExtension.class)
class MigrationTest {

  private static final TestModel<String> V1 = TestModel.stringIds("member", Storage.HASH, Duration.ZERO);
  private static final TestModel<String> V2 = V1.withTagsIndexed();

  private Rekord rekord;
  private UnifiedJedis redis;

  @BeforeEach
  void connect(RedisServer server) {
    rekord = Rekord.builder().url(server.url()).buckets(4).build();
    redis = rekord.connection().unwrap(UnifiedJedis.class);
  }

  @AfterEach
  void close() {
    rekord.close();
  }

  private ModelMigration migrate(TestModel<String> model, List<long[]> progress) {
    RekordTesting.invalidate(rekord); // as a new process would
    return RekordTesting.migrator(rekord)
        .migrate(model, (name, done, total) -> progress.add(new long[] {done, total}));
  }

  private void saveMembers(RekordRepository<Member, String> members, int n) {
    List<Member> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(new Member("m" + i, i % 2 == 0 ? "Oslo" : "Bergen", i % 70, i % 3 == 0 ? List.of("red") : List.of("blue")));
    }
    members.saveAll(batch);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HASH", "JSON"})
  void createVerifyThenRebuildForAChangedDefinition(String storage) {
    TestModel<String> v1 = TestModel.stringIds("member", Storage.valueOf(storage), Duration.ZERO);
    TestModel<String> v2 = v1.withTagsIndexed();
    List<long[]> progress = new ArrayList<>();
    ModelMigration created = migrate(v1, progress);
    assertEquals(Outcome.CREATED, created.outcome());
    assertEquals(4, created.buckets());
    Map<String, String> record = redis.hgetAll("rekord:schema:member");
    assertEquals(v1.index().fingerprint(), record.get("fingerprint"));
    assertEquals("ready", record.get("state"));
    assertEquals("4", record.get("buckets"));
    assertEquals("city TAG sortable case-sensitive; age NUMERIC sortable case-sensitive", record.get("definition"));

    RekordRepository<Member, String> members = TestModel.repository(rekord, v1);
    saveMembers(members, 1234);
    members.save(new Member("short", "Oslo", 1, List.of("red")), Duration.ofMinutes(5));
    assertEquals(Outcome.VERIFIED, migrate(v1, progress).outcome());
    assertTrue(progress.isEmpty());

    ModelMigration rebuilt = migrate(v2, progress);
    assertEquals(Outcome.REBUILT, rebuilt.outcome());
    assertEquals(1235, rebuilt.reindexed());
    assertEquals(0, rebuilt.undecodable());
    assertEquals(v2.index().fingerprint(), redis.hget("rekord:schema:member", "fingerprint"));
    assertEquals(null, redis.hget("rekord:schema:member", "target"));
    assertTrue(progress.size() >= 2, "progress per batch");
    long[] last = progress.get(progress.size() - 1);
    assertEquals(1235, last[0]);
    assertEquals(1235, last[1]);

    RekordRepository<Member, String> after = TestModel.repository(rekord, v2);
    assertEquals(412 + 1, after.find(Member_.tags.contains("red")).count());
    assertEquals(617 + 1, after.find(Member_.city.eq("Oslo")).count());
    assertTrue(redis.pttl(after.keyOf("short")) > 0, "the document's expiry is untouched");
    assertEquals(Outcome.VERIFIED, migrate(v2, progress).outcome());

    // Back to v1: the tag entries of the field that no longer exists are dropped.
    assertEquals(Outcome.REBUILT, migrate(v1, progress).outcome());
    assertEquals(List.of(), new ArrayList<>(redis.keys("*#eq:tags:*")));
    assertEquals(618, TestModel.repository(rekord, v1).find(Member_.city.eq("Oslo")).count());
  }

  @Test
  void aOneDocumentRebuildReportsItsProgressOnce() {
    TestModel<String> v1 = TestModel.stringIds("member", Storage.HASH, Duration.ZERO);
    List<long[]> progress = new ArrayList<>();
    migrate(v1, progress);
    saveMembers(TestModel.repository(rekord, v1), 1);
    assertEquals(Outcome.REBUILT, migrate(v1.withTagsIndexed(), progress).outcome());
    assertEquals(List.of("1/1"), progress.stream().map(p -> p[0] + "/" + p[1]).toList());
  }

  @Test
  void aFieldThatChangesItsKindIsReindexedUnderTheNewKind() {
    TestModel<String> asTag = TestModel.stringIds("member", Storage.HASH, Duration.ZERO);
    TestModel<String> asText = asTag.withCityAsText();
    List<long[]> progress = new ArrayList<>();
    assertEquals(Outcome.CREATED, migrate(asTag, progress).outcome());
    saveMembers(TestModel.repository(rekord, asTag), 300);
    assertEquals(150, TestModel.repository(rekord, asTag).find(Member_.city.eq("Oslo")).count());

    ModelMigration rebuilt = migrate(asText, progress);
    assertEquals(Outcome.REBUILT, rebuilt.outcome());
    assertEquals(300, rebuilt.reindexed());
    assertEquals(List.of(), new ArrayList<>(redis.keys("*#lex:city")), "no tag entries of the old kind");
    RekordRepository<Member, String> members = TestModel.repository(rekord, asText);
    assertEquals(150, members.find(Member_.cityText.matches("oslo")).count());
    assertEquals(150, members.find(Member_.cityText.matchesPrefix("ber")).count());
    assertEquals(Outcome.VERIFIED, migrate(asText, progress).outcome());
  }

  @Test
  void interruptedRebuildIsRunAgain() {
    migrate(V1, new ArrayList<>());
    saveMembers(TestModel.repository(rekord, V1), 300);
    // A rebuild to V2 that died half-way: state building, target set, old fingerprint kept.
    redis.hset("rekord:schema:member", Map.of("state", "building", "target", V2.index().fingerprint()));
    RekordTesting.invalidate(rekord);
    RekordRepository<Member, String> v2 = TestModel.repository(rekord, V2);
    assertThrows(SchemaMismatchException.class, () -> v2.find(Member_.tags.contains("red")).count());
    assertEquals("Oslo", v2.findById("m0").orElseThrow().city(), "reads by id work during a rebuild");

    ModelMigration again = migrate(V2, new ArrayList<>());
    assertEquals(Outcome.REBUILT, again.outcome());
    assertEquals(300, again.reindexed());
    assertEquals("ready", redis.hget("rekord:schema:member", "state"));
    assertEquals(100, v2.find(Member_.tags.contains("red")).count());
  }

  @Test
  void undecodableDocumentsAreSkippedAndReported() {
    migrate(V1, new ArrayList<>());
    RekordRepository<Member, String> members = TestModel.repository(rekord, V1);
    saveMembers(members, 50);
    redis.hset(members.keyOf("m3"), "age", "three");
    redis.hset(members.keyOf("m4"), "age", "-4"); // the record's constructor rejects it

    ModelMigration rebuilt = migrate(V2, new ArrayList<>());
    assertEquals(Outcome.REBUILT, rebuilt.outcome());
    assertEquals(48, rebuilt.reindexed());
    assertEquals(2, rebuilt.undecodable());
    assertEquals(java.util.Set.of(members.keyOf("m3"), members.keyOf("m4")),
        java.util.Set.copyOf(rebuilt.undecodableKeys()));
    assertEquals(16, TestModel.repository(rekord, V2).find(Member_.tags.contains("red")).count());
  }

  @Test
  void anIndexOfTheLayoutBeforeIsRefusedThenRebuiltWithEscapedValues() {
    migrate(V1, new ArrayList<>());
    RekordRepository<Member, String> members = TestModel.repository(rekord, V1);
    saveMembers(members, 200);
    String id = "n\0ul";
    members.save(new Member(id, "a\0b", 7, List.of("red")));
    // What layout 4 left behind: the value unescaped in its member and manifest, and the id in
    // the tag's #zero set, which the manifest names.
    KeyLayout.Bucket bucket = RekordTesting.layout(members).bucketFor(id);
    String manifest = redis.hget(members.keyOf(id), KeyLayout.MANIFEST_FIELD);
    assertTrue(manifest.contains("lcity:4:a\1\1b"), manifest);
    redis.hdel(members.keyOf(id), KeyLayout.MANIFEST_FIELD); // layout 4 kept every manifest in its key
    redis.zrem(bucket.lex("city"), "a\1\1b\0" + id);
    redis.zadd(bucket.lex("city"), 0, "a\0b\0" + id);
    redis.zadd(bucket.indexBase() + "zero:city", 0, id);
    redis.set(bucket.manifest(id), manifest.replace("lcity:4:a\1\1b", "8:lex:city3:a\0b") + "9:zero:city=");
    redis.hset("rekord:schema:member", "layout", "4");
    RekordTesting.invalidate(rekord);

    SchemaMismatchException refused = assertThrows(SchemaMismatchException.class,
        () -> members.find(Member_.city.eq("a")).count());
    assertTrue(refused.getMessage().contains("layout 4"), refused.getMessage());

    ModelMigration rebuilt = migrate(V1, new ArrayList<>());
    assertEquals(Outcome.REBUILT, rebuilt.outcome());
    assertEquals(201, rebuilt.reindexed());
    assertEquals(Integer.toString(KeyLayout.LAYOUT_VERSION), redis.hget("rekord:schema:member", "layout"));
    assertEquals(List.of(), new ArrayList<>(redis.keys("*#zero:*")));
    assertEquals(null, redis.zscore(bucket.lex("city"), "a\0b\0" + id), "the old member is gone");
    assertEquals(List.of(id), members.find(Member_.city.eq("a\0b")).list().stream().map(Member::id).toList());
    assertEquals(0, members.find(Member_.city.eq("a")).count());
    assertEquals(100, members.find(Member_.city.eq("Oslo")).count());
    IndexReport report = members.verifyIndex();
    assertTrue(report.consistent(), report.toString());
    assertEquals(Outcome.VERIFIED, migrate(V1, new ArrayList<>()).outcome());
  }

  @Test
  void anIndexOfLayout5IsRebuiltWithItsManifestsInTheDocuments() {
    migrate(V1, new ArrayList<>());
    RekordRepository<Member, String> members = TestModel.repository(rekord, V1);
    saveMembers(members, 100);
    members.save(new Member("short", "Oslo", 1, List.of("red")), Duration.ofMinutes(5));
    KeyLayout layout = RekordTesting.layout(members);
    // What layout 5 left behind: every manifest in its own key, none in a document; one of them
    // names an entry of a field the model no longer has.
    for (int i = 0; i < 100; i++) {
      String id = "m" + i;
      KeyLayout.Bucket bucket = layout.bucketFor(id);
      String manifest = redis.hget(members.keyOf(id), KeyLayout.MANIFEST_FIELD);
      assertNotNull(manifest, id);
      redis.hdel(members.keyOf(id), KeyLayout.MANIFEST_FIELD);
      redis.set(bucket.manifest(id), i == 7 ? manifest + "9:eq:gone:x=" : manifest);
    }
    KeyLayout.Bucket seven = layout.bucketFor("m7");
    redis.zadd(seven.tag("gone", "x"), 0, "m7");
    redis.hset("rekord:schema:member", "layout", "5");
    RekordTesting.invalidate(rekord);
    SchemaMismatchException refused = assertThrows(SchemaMismatchException.class,
        () -> members.find(Member_.city.eq("Oslo")).count());
    assertTrue(refused.getMessage().contains("layout 5"), refused.getMessage());

    ModelMigration rebuilt = migrate(V1, new ArrayList<>());
    assertEquals(Outcome.REBUILT, rebuilt.outcome());
    assertEquals(101, rebuilt.reindexed());
    assertEquals(Integer.toString(KeyLayout.LAYOUT_VERSION), redis.hget("rekord:schema:member", "layout"));
    assertFalse(redis.exists(seven.tag("gone", "x")), "the entry only the old manifest named is gone");
    for (int i = 0; i < 100; i++) {
      String id = "m" + i;
      assertFalse(redis.exists(layout.bucketFor(id).manifest(id)), id);
      assertNotNull(redis.hget(members.keyOf(id), KeyLayout.MANIFEST_FIELD), id);
    }
    // the expiring document keeps its manifest in its key: it must outlive the document
    assertNull(redis.hget(members.keyOf("short"), KeyLayout.MANIFEST_FIELD));
    assertTrue(redis.get(layout.bucketFor("short").manifest("short")).endsWith("X:"));
    assertEquals(51, members.find(Member_.city.eq("Oslo")).count());
    assertTrue(members.verifyIndex().consistent(), members.verifyIndex().toString());
    assertEquals("Oslo", members.findById("m0").orElseThrow().city());
  }

  @Test
  void aRecordWithoutALayoutIsRebuilt() {
    migrate(V1, new ArrayList<>());
    RekordRepository<Member, String> members = TestModel.repository(rekord, V1);
    saveMembers(members, 20);
    redis.hdel("rekord:schema:member", "layout");
    RekordTesting.invalidate(rekord);
    assertThrows(SchemaMismatchException.class, () -> members.find(Member_.city.eq("Oslo")).count());

    assertEquals(Outcome.REBUILT, migrate(V1, new ArrayList<>()).outcome());
    assertEquals(Integer.toString(KeyLayout.LAYOUT_VERSION), redis.hget("rekord:schema:member", "layout"));
    assertEquals(10, members.find(Member_.city.eq("Oslo")).count());
  }
}
