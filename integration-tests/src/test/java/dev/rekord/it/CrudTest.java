package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.exception.DeserializationException;
import dev.rekord.model.GeoPoint;
import dev.rekord.Rekord;
import dev.rekord.it.model.Address;
import dev.rekord.it.model.AllTypesJson;
import dev.rekord.it.model.AllTypesJsonRepository;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Reading;
import dev.rekord.it.model.ReadingRepository;
import dev.rekord.it.model.Session;
import dev.rekord.it.model.SessionRepository;
import dev.rekord.it.model.Ticket;
import dev.rekord.it.model.TicketRepository;
import dev.rekord.BatchRead;
import dev.rekord.test.RedisExtension;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/** Save, find, exists, delete and count, with the generated repositories on a real server. */
class CrudTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final Member ADA =
      new Member(
          "ada",
          "Oslo",
          LocalDate.of(2021, 3, 14),
          36,
          List.of("java", "redis"),
          new Address("Storgata 1", "Oslo", GeoPoint.of(10.75, 59.91)));
  private static final Member GRACE =
      new Member("grace", "Bergen", LocalDate.of(2019, 12, 9), 45, List.of("cobol"), null);

  private Rekord rekord;
  private RedisClient raw;
  private MemberRepository members;

  @BeforeEach
  void connect() {
    rekord = Rekord.connect(redis.server().url());
    raw = RedisClient.create(redis.server().host(), redis.server().port());
    members = new MemberRepository(rekord);
  }

  @AfterEach
  void disconnect() {
    raw.close();
    rekord.close();
  }

  @Test
  void savedMemberIsFoundByIdAndEqualsWhatWasSaved() {
    assertEquals(ADA, members.save(ADA));

    assertEquals(Optional.of(ADA), members.findById("ada"));
    assertEquals(Optional.empty(), members.findById("nobody"));
  }

  @Test
  void saveReplacesTheWholeDocument() {
    members.save(ADA);
    Member moved = new Member("ada", null, ADA.joinDate(), 37, ADA.tags(), null);

    members.save(moved);

    assertEquals(Optional.of(moved), members.findById("ada"));
    Map<String, String> hash = raw.hgetAll("{member}:ada");
    assertFalse(hash.containsKey("city"), "a component set to null disappears: " + hash);
    assertFalse(hash.containsKey("address"), hash.toString());
    assertFalse(hash.containsKey("address.city"), "no stale embedded fields: " + hash);
    assertEquals("37", hash.get("age"));
  }

  @Test
  void saveAllStoresEveryEntityAndFindAllByIdReportsMissingIds() {
    List<Member> saved = members.saveAll(List.of(ADA, GRACE));
    assertEquals(List.of(ADA, GRACE), saved);

    BatchRead<String, Member> read = members.findAllById(List.of("grace", "nobody", "ada"));

    assertEquals(List.of(GRACE, ADA), read.values(), "in the order asked for");
    assertEquals(List.of("grace", "ada"), List.copyOf(read.found().keySet()));
    assertEquals(List.of("nobody"), read.missing());
    assertFalse(read.hasFailures());
  }

  @Test
  void aCorruptedDocumentIsReportedPerKeyWithoutFailingTheBatch() {
    members.saveAll(List.of(ADA, GRACE));
    raw.hset("{member}:grace", "joinDate", "yesterday");

    BatchRead<String, Member> read = members.findAllById(List.of("ada", "grace", "nobody"));

    assertEquals(Map.of("ada", ADA), read.found());
    assertEquals(List.of("nobody"), read.missing());
    assertEquals(Set.of("grace"), read.failures().keySet());
    DeserializationException failure = read.failures().get("grace");
    assertEquals("{member}:grace", failure.key());
    assertEquals("Member", failure.model());
    assertEquals("joinDate", failure.field());
  }

  @Test
  void existsDeleteAndCount() {
    members.saveAll(List.of(ADA, GRACE));
    assertEquals(2, members.count());
    assertTrue(members.existsById("ada"));
    assertFalse(members.existsById("nobody"));

    assertTrue(members.deleteById("ada"));
    assertFalse(members.deleteById("ada"), "already gone");

    assertFalse(members.existsById("ada"));
    assertEquals(Optional.empty(), members.findById("ada"));
    assertEquals(1, members.count());
    assertFalse(raw.exists("{member}:ada"));
  }

  @Test
  void countAndDeleteAllTouchOnlyTheirOwnModel() {
    members.saveAll(List.of(ADA, GRACE));
    Session session = new SessionRepository(rekord).save(new Session("s1", "ada", Instant.EPOCH));
    raw.set("membership:1", "a key whose name starts with the prefix");
    raw.set("member", "the bare prefix");
    raw.hset("members:stats", "visits", "3");

    assertEquals(2, members.count());
    assertEquals(2, members.deleteAll());

    assertEquals(0, members.count());
    assertEquals(Set.of("membership:1", "member", "members:stats"), raw.keys("member*"));
    assertEquals(Optional.of(session), new SessionRepository(rekord).findById("s1"));
  }

  @Test
  void deleteAllRemovesManyDocuments() {
    List<Member> many = new ArrayList<>();
    for (int i = 0; i < 2_500; i++) {
      many.add(new Member("m" + i, "Oslo", null, i, null, null));
    }
    members.saveAll(many);

    assertEquals(2_500, members.count());
    assertEquals(2_500, members.deleteAll());
    assertEquals(0, members.count());
    assertEquals(Set.of(), raw.keys("{member}*"), "no documents or index keys left");
  }

  @Test
  void aStringIdIsGeneratedAsASortableUlid() throws InterruptedException {
    Member first = members.save(new Member(null, "Oslo", null, 1, null, null));
    Thread.sleep(2);
    Member second = members.save(new Member(null, "Oslo", null, 2, null, null));

    assertTrue(first.id().matches("[0-9A-HJKMNP-TV-Z]{26}"), "a ULID: " + first.id());
    assertTrue(first.id().compareTo(second.id()) < 0, first.id() + " sorts before " + second.id());
    assertEquals(Optional.of(first), members.findById(first.id()));
    assertTrue(raw.exists("{member}:" + first.id()));
    assertEquals(1, first.age(), "only the id is filled in");
  }

  @Test
  void savingAllWithoutIdsGeneratesDistinctIds() {
    List<Member> saved =
        members.saveAll(
            List.of(
                new Member(null, "a", null, 1, null, null),
                new Member(null, "b", null, 2, null, null),
                new Member(null, "c", null, 3, null, null)));

    assertEquals(3, saved.stream().map(Member::id).distinct().count(), saved.toString());
    assertEquals(3, members.count());
    for (Member member : saved) {
      assertEquals(Optional.of(member), members.findById(member.id()));
    }
  }

  @Test
  void aUuidIdIsGeneratedAsVersion7() {
    AllTypesJsonRepository repository = new AllTypesJsonRepository(rekord);

    AllTypesJson saved = repository.save(new AllTypesValues().toJson(null));

    assertNotNull(saved.id());
    assertEquals(7, saved.id().version(), saved.id().toString());
    assertEquals(2, saved.id().variant(), saved.id().toString());
    assertTrue(repository.existsById(saved.id()));
    assertTrue(raw.exists("{all-types-json}:" + saved.id()));
  }

  @Test
  void aLongIdIsGeneratedByIncrementingACounter() {
    TicketRepository tickets = new TicketRepository(rekord);

    Ticket first = tickets.save(new Ticket(null, 0, "first", 1));
    Ticket second = tickets.save(new Ticket(null, 0, "second", 2));

    assertNotNull(first.id());
    assertEquals(first.id() + 1, second.id());
    assertEquals(Optional.of(first), tickets.findById(first.id()));
    assertEquals(Optional.of(second), tickets.findById(second.id()));
    assertTrue(raw.exists("{ticket}:" + second.id()));
  }

  @Test
  void aGivenLongIdIsKept() {
    TicketRepository tickets = new TicketRepository(rekord);

    Ticket saved = tickets.save(new Ticket(1_000L, 0, "given", 1));

    assertEquals(1_000L, saved.id());
    assertEquals(Optional.of(saved), tickets.findById(1_000L));
  }

  @Test
  void aPrimitiveLongIdIsNeverGeneratedAndZeroIsAnId() {
    ReadingRepository readings = new ReadingRepository(rekord);
    Reading zero = new Reading(0, "thermometer", -3.5, Instant.parse("2024-01-01T00:00:00Z"));

    assertEquals(zero, readings.save(zero));

    assertTrue(raw.exists("{reading}:0"));
    assertEquals(Optional.of(zero), readings.findById(0L));
  }

  @Test
  void negativeLongIdsAreKeys() {
    ReadingRepository readings = new ReadingRepository(rekord);
    Reading negative = new Reading(-42, "barometer", 1013.25, Instant.EPOCH);

    readings.save(negative);

    assertTrue(raw.exists("{reading}:-42"));
    assertEquals(Optional.of(negative), readings.findById(-42L));
  }
}
