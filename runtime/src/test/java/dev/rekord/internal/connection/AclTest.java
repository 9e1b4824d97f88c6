package dev.rekord.internal.connection;

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
import dev.rekord.schema.MigrationReport.Outcome;
import dev.rekord.internal.SchemaMigrator;
import dev.rekord.test.RedisCluster;
import dev.rekord.test.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * An application user with a minimal ACL — {@code +@read +@write +@scripting +@transaction} on its keys, which
 * refuses {@code INFO}, {@code PING}, {@code CLUSTER INFO} — connects (the server mode comes from
 * {@code HELLO}), migrates (creates, then rebuilds an index), saves, queries (list, count,
 * cursor), reads by id and deletes, on a standalone server and on a cluster; Redis refuses it
 * nothing ({@code ACL LOG} stays empty).
 */
class AclTest {

  /** The issue's minimal user: no INFO, no PING. */
  private static final String[] MINIMAL =
      {"--user", "app", "on", ">app-secret", "~*", "resetchannels", "+@read", "+@write", "+@scripting",
      "+@transaction"}; // MULTI/EXEC: saveAll's transactions on a standalone server

  @Test
  void aMinimalUserWorksOnAStandaloneServer() {
    try (RedisServer server = RedisServer.builder().args(MINIMAL).start()) {
      String url = "redis://app:app-secret@" + server.host() + ":" + server.port();
      try (Rekord rekord = Rekord.connect(url)) {
        assertFalse(rekord.connection().isCluster());
        exercise(rekord);
      }
      assertEquals(List.of(), server.command("ACL", "LOG"), "Redis refused the application user nothing");
    }
  }

  @Test
  void aMinimalUserWorksOnACluster() {
    // A cluster client also reads the slot map (CLUSTER SLOTS) and picks a live node with PING.
    List<String> args = new ArrayList<>(List.of(MINIMAL));
    args.addAll(List.of("+cluster|slots", "+ping"));
    try (RedisCluster cluster = RedisCluster.builder().args(args.toArray(String[]::new)).start()) {
      RedisServer seed = cluster.nodes().get(0);
      String url = "redis://app:app-secret@" + seed.host() + ":" + seed.port();
      try (Rekord rekord = Rekord.connect(url)) {
        assertTrue(rekord.connection().isCluster());
        exercise(rekord);
      }
      for (RedisServer node : cluster.nodes()) {
        assertEquals(List.of(), node.command("ACL", "LOG"), "Redis refused the application user nothing on " + node);
      }
    }
  }

  private static void exercise(Rekord rekord) {
    TestModel<String> v1 = TestModel.stringIds("acl", Storage.HASH, Duration.ZERO);
    SchemaMigrator migrator = RekordTesting.migrator(rekord);
    assertEquals(Outcome.CREATED, migrator.migrate(v1, (name, done, total) -> {}).outcome());
    RekordRepository<Member, String> members = TestModel.repository(rekord, v1);
    List<Member> saved = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      saved.add(new Member("m" + i, i % 2 == 0 ? "Oslo" : "Bergen", i, List.of(i % 3 == 0 ? "red" : "blue")));
    }
    members.saveAll(saved);
    members.save(new Member("single", "Oslo", 99, List.of()));

    // A changed definition: the rebuild scans, reads every document and rewrites its entries.
    TestModel<String> v2 = v1.withTagsIndexed();
    RekordTesting.invalidate(rekord);
    assertEquals(Outcome.REBUILT, migrator.migrate(v2, (name, done, total) -> {}).outcome());
    members = TestModel.repository(rekord, v2);

    assertEquals(11, members.find(Member_.city.eq("Oslo")).count());
    assertEquals(List.of("m0", "m2", "m4"),
        members.find(Member_.city.eq("Oslo")).sortBy(Member_.age.asc()).limit(3).list().stream().map(Member::id).toList());
    Set<String> streamed = members.find(Member_.age.lt(10)).pageSize(3).stream().map(Member::id).collect(Collectors.toSet());
    assertEquals(10, streamed.size());
    assertEquals(7, members.find(Member_.tags.contains("red")).count());
    assertEquals("Bergen", members.findById("m1").orElseThrow().city());
    assertTrue(members.existsById("m1"));
    assertEquals(2, members.findAllById(List.of("m1", "m2", "nope")).found().size());
    assertTrue(members.deleteById("m1"));
    assertFalse(members.findById("m1").isPresent());
    assertEquals(20, members.count());
    assertEquals(20, members.findAll().deleteAll());
    assertEquals(0, members.count());
  }
}
