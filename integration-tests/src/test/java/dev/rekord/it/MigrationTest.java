package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberIndex;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.schema.MigrationReport;
import dev.rekord.schema.MigrationReport.ModelMigration;
import dev.rekord.schema.MigrationReport.Outcome;
import dev.rekord.test.RedisExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/** {@code Rekord.migrate()} over the models registered (ServiceLoader) by this module. */
class MigrationTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final List<String> PREFIXES = List.of("all-types-hash", "all-types-json", "article", "event",
      "item-hash", "item-json", "lease", "member", "moment", "note", "product", "product-json", "reading", "recipe",
      "resident", "session", "tally", "tally-json", "ticket", "visit");

  private UnifiedJedis raw;

  /** Where the tests run: the extension's standalone server; the {@code Cluster…} subclass overrides it. */
  RedisTarget target() {
    return new RedisTarget(redis.server());
  }

  @BeforeEach
  void connect() {
    target().flushAll();
    raw = target().raw();
  }

  @AfterEach
  void disconnect() {
    raw.close();
  }

  /** A Rekord on {@link #target()}; the {@code Compact…} subclass sets its index layout. */
  Rekord rekord() {
    return Rekord.connect(target().url());
  }

  @Test
  void firstRunCreatesSecondRunVerifies() {
    try (Rekord rekord = rekord()) {
      MigrationReport first = rekord.migrate();
      assertEquals(PREFIXES, first.models().stream().map(ModelMigration::keyPrefix).toList());
      for (ModelMigration model : first.models()) {
        assertEquals(Outcome.CREATED, model.outcome(), model.toString());
        assertEquals(target().defaultBuckets(), model.buckets());
        assertTrue(raw.exists("rekord:schema:" + model.keyPrefix()), model.keyPrefix());
      }
      assertEquals(MemberIndex.DEFINITION.fingerprint(), first.model("member").fingerprint());
      assertEquals(MemberIndex.DEFINITION.fingerprint(), raw.hget("rekord:schema:member", "fingerprint"));
      assertEquals("ready", raw.hget("rekord:schema:member", "state"));
    }
    try (Rekord rekord = rekord()) {
      MigrationReport second = rekord.migrate();
      for (ModelMigration model : second.models()) {
        assertEquals(Outcome.VERIFIED, model.outcome(), model.toString());
        assertEquals(0, model.reindexed());
      }
    }
  }

  @Test
  void aChangedDefinitionIsRebuiltWithProgressAndQueriesAreRightAfterwards() {
    String old1;
    String old2;
    String broken;
    try (Rekord rekord = rekord()) {
      rekord.migrate();
      MemberRepository members = new MemberRepository(rekord);
      old1 = members.keyOf("old1"); // {member}:old1 on one bucket, {member:<b>}:old1 on several
      old2 = members.keyOf("old2");
      broken = members.keyOf("broken");
      List<Member> saved = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        saved.add(new Member("m" + i, i % 2 == 0 ? "Oslo" : "Bergen", LocalDate.of(1960 + i % 60, 1, 1),
            i, List.of("t" + i % 3), null));
      }
      members.saveAll(saved);
    }
    // Documents written under an older definition: in the keyspace but in no index entry, and an
    // index entry that an older definition left for a document that no longer exists.
    raw.hset(old1, Map.of("id", "old1", "city", "Oslo", "age", "7", "joinDate", "1950-05-05"));
    raw.hset(old2, Map.of("id", "old2", "city", "Tromsø", "age", "8"));
    raw.hset(broken, Map.of("id", "broken", "age", "not a number"));
    raw.hset("rekord:schema:member", "fingerprint", "0123456789abcdef"); // the model "changed"

    try (Rekord rekord = rekord()) {
      MemberRepository members = new MemberRepository(rekord);
      assertThrows(SchemaMismatchException.class, () -> members.find(Member_.city.eq("Oslo")).ids(),
          "queries need the index to match the model");
      assertEquals("Tromsø", members.findById("old2").orElseThrow().city(), "reads by id work before");
      assertEquals(7, members.findById("old1").orElseThrow().age());

      List<long[]> progress = new ArrayList<>();
      MigrationReport report = rekord.migrate((model, done, total) -> {
        assertEquals("Member", model);
        assertTrue(done <= total, done + " of " + total);
        progress.add(new long[] {done, total});
        // reads by id keep working in the middle of the rebuild
        assertEquals("Tromsø", members.findById("old2").orElseThrow().city());
        assertEquals(3, members.findById("m3").orElseThrow().age());
      });

      ModelMigration member = report.model("member");
      assertEquals(Outcome.REBUILT, member.outcome());
      assertEquals(122, member.reindexed());
      assertEquals(1, member.undecodable());
      assertEquals(List.of(broken), member.undecodableKeys());
      assertEquals(MemberIndex.DEFINITION.fingerprint(), member.fingerprint());
      assertEquals(MemberIndex.DEFINITION.fingerprint(), raw.hget("rekord:schema:member", "fingerprint"));
      assertEquals("ready", raw.hget("rekord:schema:member", "state"));
      assertFalse(progress.isEmpty(), "progress was reported");
      long[] last = progress.get(progress.size() - 1);
      assertEquals(122, last[0]);
      assertEquals(122, last[1], "the final event is exact");
      for (String other : PREFIXES) {
        if (!other.equals("member")) {
          assertEquals(Outcome.VERIFIED, report.model(other).outcome(), other);
        }
      }

      assertEquals(61, members.find(Member_.city.eq("Oslo")).count(), "60 saved + old1");
      assertEquals(List.of("old1", "m0", "m60"),
          members.find(Member_.joinDate.lt(LocalDate.of(1961, 1, 1))).sortBy(Member_.joinDate.asc()).ids());
      assertEquals(List.of("old2"), members.find(Member_.city.eq("Tromsø")).ids());
      assertEquals(List.of("old2"), members.find(Member_.joinDate.isNull().and(Member_.city.isNotNull())).ids());
      assertEquals(40, members.find(Member_.tags.contains("t0")).count());
      assertEquals(122, members.find(Member_.age.gte(0)).count());

      assertEquals(Outcome.VERIFIED, rekord.migrate().model("member").outcome(), "and then it is current");
    }
  }

  @Test
  void anInterruptedRebuildIsResumedAndReadsByIdWorkMeanwhile() {
    String m2;
    try (Rekord rekord = rekord()) {
      MemberRepository members = new MemberRepository(rekord);
      members.save(new Member("m1", "Oslo", null, 1, null, null));
      m2 = members.keyOf("m2");
    }
    raw.hset(m2, Map.of("id", "m2", "city", "Oslo", "age", "2"));
    raw.hset("rekord:schema:member", Map.of("state", "building", "target", "fedcba9876543210",
        "fingerprint", "0123456789abcdef"));

    try (Rekord rekord = rekord()) {
      MemberRepository members = new MemberRepository(rekord);
      assertEquals(2, members.findById("m2").orElseThrow().age(), "reads by id while building");
      assertThrows(SchemaMismatchException.class, () -> members.find(Member_.city.eq("Oslo")).count());

      ModelMigration member = rekord.migrate().model("member");
      assertEquals(Outcome.REBUILT, member.outcome());
      assertEquals(2, member.reindexed());
      assertEquals(List.of("m1", "m2"), members.find(Member_.city.eq("Oslo")).ids());
      assertFalse(raw.hexists("rekord:schema:member", "target"));
    }
  }
}
