package dev.rekord.cluster;

import dev.rekord.RekordTesting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.annotations.Storage;
import dev.rekord.Member;
import dev.rekord.Member_;
import dev.rekord.RekordRepository;
import dev.rekord.TestModel;
import dev.rekord.schema.IndexReport;
import dev.rekord.schema.MigrationReport.ModelMigration;
import dev.rekord.schema.MigrationReport.Outcome;
import dev.rekord.internal.SchemaMigrator;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.UnifiedJedis;

/** Batches (one script or read per document, pipelined, never CROSSSLOT), migrations and the verifier on a cluster. */
class ClusterBatchAndMigrationTest {

  private static RedisCluster cluster;
  private static Rekord rekord;

  @BeforeAll
  static void connect() {
    cluster = SharedCluster.get();
    rekord = Rekord.connect(cluster.seedUrl());
  }

  @AfterAll
  static void close() {
    rekord.close();
  }

  private static List<Member> members(int n) {
    List<Member> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(new Member("b" + i, i % 2 == 0 ? "Oslo" : "Bergen", i % 70, i % 3 == 0 ? List.of("red") : List.of("blue")));
    }
    return batch;
  }

  /** Sum over the masters of {@code cmdstat_<command>:calls=N}. */
  private static long calls(String command) {
    return commandStat(command, "calls");
  }

  /** Sum over the masters of {@code cmdstat_<command>:…failed_calls=N}: calls answered with an error. */
  private static long failedCalls(String command) {
    return commandStat(command, "failed_calls");
  }

  /** Sum over the masters of the field {@code field} of {@code cmdstat_<command>}. */
  private static long commandStat(String command, String field) {
    long total = 0;
    Pattern stat = Pattern.compile("cmdstat_" + command + ":(?:[^\\r\\n]*,)?" + field + "=(\\d+)");
    for (RedisServer master : cluster.masters()) {
      Matcher m = stat.matcher(String.valueOf(master.command("INFO", "commandstats")));
      if (m.find()) {
        total += Long.parseLong(m.group(1));
      }
    }
    return total;
  }

  private static boolean anyCrossSlot() {
    for (RedisServer master : cluster.masters()) {
      if (String.valueOf(master.command("INFO", "errorstats")).contains("CROSSSLOT")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void batchesRunOneCommandPerBucketOrDocumentAndNeverCrossSlot() {
    RekordRepository<Member, String> repo =
        TestModel.repository(rekord, TestModel.stringIds("batch", Storage.HASH, Duration.ZERO));
    assertEquals(16, repo.buckets());
    repo.count(); // schema record and scripts in place
    long evalsha = calls("evalsha");
    long exec = calls("exec");
    long hset = calls("hset");
    long hgetall = calls("hgetall");
    List<Member> saved = repo.saveAll(members(900));
    // saveAll joins the documents of a bucket into one call: two batches (500, 400) × 16 buckets;
    // plain hash saves, each call a transaction of index.lua and plain commands on its bucket's node
    assertEquals(2 * 16, calls("evalsha") - evalsha, "one index script per bucket and batch, no retries");
    assertEquals(2 * 16, calls("exec") - exec, "one transaction per bucket and batch");
    assertEquals(900, calls("hset") - hset, "the documents written by plain commands");

    List<String> ids = saved.stream().map(Member::id).toList();
    Map<String, Member> found = repo.findAllById(ids).found();
    assertEquals(900, found.size());
    assertEquals(900, calls("hgetall") - hgetall, "one read per document");

    evalsha = calls("evalsha") - failedCalls("evalsha");
    assertEquals(900, repo.deleteAll());
    // one delete script per document, plus the query scripts that read the ids (per bucket, per page);
    // a master that has not loaded delete.lua yet (this class run alone) answers its first pipeline's
    // calls NOSCRIPT, and they run again once it is loaded: runs are counted, not those refusals
    long scripts = calls("evalsha") - failedCalls("evalsha") - evalsha;
    assertTrue(scripts >= 900 && scripts <= 900 + 16 * 4, "scripts: " + scripts);
    assertFalse(anyCrossSlot(), "no CROSSSLOT error on any master");
    assertTrue(repo.verifyIndex().consistent());
  }

  @Test
  void migrationRebuildsEveryBucketOnEveryMaster() {
    TestModel<String> v1 = TestModel.stringIds("migr", Storage.HASH, Duration.ZERO);
    TestModel<String> v2 = v1.withTagsIndexed();
    SchemaMigrator migrator = RekordTesting.migrator(rekord);
    assertEquals(Outcome.CREATED, migrator.migrate(v1, (name, done, total) -> { }).outcome());
    RekordRepository<Member, String> before = TestModel.repository(rekord, v1);
    before.saveAll(members(1200));

    RekordTesting.invalidate(rekord);
    List<long[]> progress = new ArrayList<>();
    ModelMigration rebuilt = migrator.migrate(v2, (name, done, total) -> progress.add(new long[] {done, total}));
    assertEquals(Outcome.REBUILT, rebuilt.outcome());
    assertEquals(16, rebuilt.buckets());
    assertEquals(1200, progress.get(progress.size() - 1)[0]);

    RekordRepository<Member, String> after = TestModel.repository(rekord, v2);
    assertEquals(400, after.find(Member_.tags.contains("red")).count());
    assertEquals(600, after.find(Member_.city.eq("Oslo")).count());
    IndexReport report = after.verifyIndex();
    assertTrue(report.consistent(), report.discrepancies().toString());
    assertEquals(1200, report.documents());
  }

  @Test
  void verifierReportsWhatDoesNotAgree() {
    RekordRepository<Member, String> repo =
        TestModel.repository(rekord, TestModel.stringIds("audit", Storage.HASH, Duration.ZERO));
    repo.saveAll(members(50));
    assertTrue(repo.verifyIndex().consistent());
    var redis = rekord.connection().unwrap(UnifiedJedis.class);
    var bucket = RekordTesting.layout(repo).bucketFor("b1");
    redis.zrem(bucket.numeric("age"), "b1");                  // an entry lost
    redis.zadd(bucket.lex("city"), 0, "Oslo\u0000ghost");    // an entry nobody lists
    redis.del(repo.keyOf("b2"));                             // a document gone, still indexed
    redis.hset(RekordTesting.layout(repo).bucketFor("b3").documentKey("b3x"), Map.of("id", "b3x")); // unindexed (or misplaced)
    IndexReport report = repo.verifyIndex();
    List<IndexReport.Kind> kinds = report.discrepancies().stream().map(IndexReport.Discrepancy::kind).toList();
    assertTrue(kinds.contains(IndexReport.Kind.MISSING_ENTRY), kinds.toString());
    assertTrue(kinds.contains(IndexReport.Kind.UNLISTED_ENTRY), kinds.toString());
    assertTrue(kinds.contains(IndexReport.Kind.INDEXED_WITHOUT_DOCUMENT), kinds.toString());
    assertTrue(kinds.contains(IndexReport.Kind.DOCUMENT_NOT_INDEXED) || kinds.contains(IndexReport.Kind.WRONG_BUCKET), kinds.toString());
  }
}
