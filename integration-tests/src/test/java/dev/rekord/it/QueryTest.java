package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import dev.rekord.exception.QueryException;
import dev.rekord.Rekord;
import dev.rekord.it.model.Address;
import dev.rekord.it.model.Event;
import dev.rekord.it.model.EventRepository;
import dev.rekord.it.model.Event_;
import dev.rekord.it.model.ItemHash;
import dev.rekord.it.model.ItemHashRepository;
import dev.rekord.it.model.ItemHash_;
import dev.rekord.it.model.Member;
import dev.rekord.it.model.MemberIndex;
import dev.rekord.it.model.MemberRepository;
import dev.rekord.it.model.Member_;
import dev.rekord.it.model.Part;
import dev.rekord.it.model.Size;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.metamodel.SortableStringField;
import dev.rekord.query.Condition;
import dev.rekord.query.DistanceUnit;
import dev.rekord.Query;
import dev.rekord.test.RedisExtension;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every operator on every index kind through generated metamodels, at its edges. The data is
 * written once per class; tests that change it use ids of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryTest {

  @RegisterExtension
  static RedisExtension redis = RedisExtension.builder().flushBeforeEach(false).build();

  private static final LocalDate TODAY = LocalDate.now();
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** 2024-10-27 02:30 happens twice in Oslo: first at +02:00, an hour later at +01:00. */
  private static final LocalDateTime OVERLAP = LocalDateTime.of(2024, 10, 27, 2, 30);

  private Rekord rekord;
  private MemberRepository members;
  private EventRepository events;
  private ItemHashRepository items;

  /** Where the tests run: the extension's standalone server; the {@code Cluster…} subclass overrides it. */
  RedisTarget target() {
    return new RedisTarget(redis.server());
  }

  @BeforeAll
  void seed() {
    target().flushAll();
    rekord = Rekord.connect(target().url());
    members = new MemberRepository(rekord);
    events = new EventRepository(rekord);
    items = new ItemHashRepository(rekord);
    members.saveAll(List.of(
        member("m1", "Oslo", TODAY.minusDays(1), 20, List.of("java", "redis"), "Bergen", GeoPoint.of(5.32, 60.39)),
        member("m2", "Oslo", TODAY.minusDays(30), 30, List.of("java"), "Oslo", GeoPoint.of(10.75, 59.91)),
        member("m3", "oslo", TODAY.minusDays(31), 31, List.of("Java", "go"), null, null),
        member("m4", "Bergen", TODAY, 19, List.of(), "Trondheim", GeoPoint.of(10.39, 63.43)),
        member("m5", "Bergen", LocalDate.of(1969, 12, 31), 45, null, "Oslo", null),
        member("m6", null, null, 0, List.of("redis"), null, null),
        member("m7", "Ålesund", LocalDate.of(1814, 5, 17), 100, List.of("go", "redis", "java"), "Ålesund", GeoPoint.of(6.15, 62.47)),
        new Member("m8", "Tromsø", TODAY.minusDays(29), 25, List.of("redis"), null)));
    ZonedDateTime early = ZonedDateTime.of(OVERLAP, OSLO).withEarlierOffsetAtOverlap(); // 00:30Z
    ZonedDateTime late = ZonedDateTime.of(OVERLAP, OSLO).withLaterOffsetAtOverlap(); // 01:30Z
    events.saveAll(List.of(
        // e1 is written with the later local time but is the earlier instant
        event("e1", ZonedDateTime.of(LocalDateTime.of(2024, 10, 27, 2, 59), OSLO).withEarlierOffsetAtOverlap()),
        event("e2", late),
        event("e3", ZonedDateTime.of(LocalDateTime.of(2024, 10, 27, 2, 0), OSLO).withLaterOffsetAtOverlap()),
        event("e4", early),
        event("e5", ZonedDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC).withZoneSameInstant(OSLO)),
        event("e6", ZonedDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneId.of("Asia/Tokyo"))),
        new Event("e7", null, null, null, null)));
  }

  @AfterAll
  void close() {
    rekord.close();
  }

  private static Member member(String id, String city, LocalDate joined, int age, List<String> tags,
      String addressCity, GeoPoint location) {
    return new Member(id, city, joined, age, tags,
        addressCity == null && location == null ? null : new Address("street " + id, addressCity, location));
  }

  /** Same instant, the zoned time, a different offset, and the UTC wall clock. */
  private static Event event(String id, ZonedDateTime at) {
    return new Event(id, at, at.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.ofHours(-7)),
        at.toInstant(), at.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
  }

  private List<String> ids(Condition<Member> condition) {
    return members.find(condition).ids();
  }

  // ---------------------------------------------------------------- the seed case

  @Test
  void recentMembersNewestFirst() {
    List<Member> recent =
        members.find(Member_.joinDate.gte(TODAY.minusDays(30))).sortBy(Member_.joinDate.desc()).list();

    assertEquals(List.of("m4", "m1", "m8", "m2"), recent.stream().map(Member::id).toList());
    assertEquals(TODAY.minusDays(30), recent.get(3).joinDate(), "inclusive lower bound");
  }

  // ---------------------------------------------------------------- tags

  @Test
  void tagEqualityIsCaseSensitiveAndExact() {
    assertEquals(List.of("m1", "m2"), ids(Member_.city.eq("Oslo")));
    assertEquals(List.of("m3"), ids(Member_.city.eq("oslo")));
    assertEquals(List.of(), ids(Member_.city.eq("OSLO")));
    assertEquals(List.of(), ids(Member_.city.eq("Osl")));
    assertEquals(List.of("m7"), ids(Member_.city.eq("Ålesund")));
  }

  @Test
  void neAndNotMatchNulls() {
    assertEquals(List.of("m3", "m4", "m5", "m6", "m7", "m8"), ids(Member_.city.ne("Oslo")));
    assertEquals(ids(Member_.city.ne("Oslo")), ids(Member_.city.eq("Oslo").not()));
    assertEquals(List.of("m6"), ids(Member_.city.isNull()));
    assertEquals(7, members.find(Member_.city.isNotNull()).count());
  }

  @Test
  void inMatchesAnyValue() {
    assertEquals(List.of("m1", "m2", "m4", "m5"), ids(Member_.city.in("Oslo", "Bergen", "Nowhere")));
    assertEquals(List.of("m7"), ids(Member_.city.in(List.of("Ålesund"))));
  }

  @Test
  void startsWithOnACaseSensitiveTag() {
    assertEquals(List.of("m1", "m2"), ids(Member_.city.startsWith("Os")));
    assertEquals(List.of("m3"), ids(Member_.city.startsWith("o")));
    assertEquals(List.of("m7"), ids(Member_.city.startsWith("Å")));
    assertEquals(List.of("m1", "m2"), ids(Member_.city.startsWith("Oslo")), "the whole value");
    assertEquals(List.of(), ids(Member_.city.startsWith("Oslo!")));
    assertEquals(7, members.find(Member_.city.startsWith("")).count(), "every non-null value");
  }

  @Test
  void caseInsensitiveTagsFoldValuesAndQueries() {
    items.saveAll(List.of(
        item("ci1", "A-1", "Blue", List.of("x"), List.of("Sale", "NEW")),
        item("ci2", "a-1", "BLUE", List.of("X"), List.of("sale")),
        item("ci3", "B-2", "blueish", null, List.of())));
    try {
      assertEquals(List.of("ci1"), items.find(ItemHash_.sku.eq("A-1")).ids());
      assertEquals(List.of("ci1", "ci2"), items.find(ItemHash_.label.eq("blue")).ids());
      assertEquals(List.of("ci1", "ci2", "ci3"), items.find(ItemHash_.label.startsWith("BLU")).ids());
      assertEquals(List.of("ci1", "ci2"), items.find(ItemHash_.topics.contains("SALE")).ids());
      assertEquals(List.of("ci1"), items.find(ItemHash_.tags.contains("x")).ids(), "case-sensitive");
      assertEquals(List.of("ci3"), items.find(ItemHash_.tags.isNull()).ids());
      assertEquals(List.of("ci3"), items.find(ItemHash_.topics.isNull()).ids(), "empty is null");
      assertEquals(List.of("ci3", "ci2", "ci1"),
          items.find(ItemHash_.label.isNotNull()).sortBy(ItemHash_.label.desc()).ids(),
          "sorted by the folded value, ties by id");
    } finally {
      assertEquals(3, items.deleteAll());
    }
  }

  // ---------------------------------------------------------------- collections

  @Test
  void containsAnyAllOnACollection() {
    assertEquals(List.of("m1", "m2", "m7"), ids(Member_.tags.contains("java")));
    assertEquals(List.of("m3"), ids(Member_.tags.contains("Java")));
    assertEquals(List.of("m1", "m7"), ids(Member_.tags.containsAll("java", "redis")));
    assertEquals(List.of("m3", "m7"), ids(Member_.tags.containsAny("go", "cobol")));
    assertEquals(List.of(), ids(Member_.tags.containsAll("java", "cobol")));
    assertEquals(List.of("m4", "m5"), ids(Member_.tags.isNull()), "null and empty lists");
    assertEquals(List.of("m3", "m4", "m5", "m6", "m8"), ids(Member_.tags.contains("java").not()));
  }

  // ---------------------------------------------------------------- numbers

  @Test
  void numericBoundsInclusiveAndExclusive() {
    assertEquals(List.of("m1", "m2", "m8"), ids(Member_.age.between(20, 30)));
    assertEquals(List.of("m8"), ids(Member_.age.between(20, false, 30, false)));
    assertEquals(List.of("m1", "m8"), ids(Member_.age.between(20, true, 30, false)));
    assertEquals(List.of("m2", "m8"), ids(Member_.age.between(20, false, 30, true)));
    assertEquals(List.of(), ids(Member_.age.between(30, 20)), "an empty range");
    assertEquals(List.of("m2"), ids(Member_.age.between(30, 30)));
    assertEquals(List.of("m3", "m5", "m7"), ids(Member_.age.gt(30)));
    assertEquals(List.of("m2", "m3", "m5", "m7"), ids(Member_.age.gte(30)));
    assertEquals(List.of("m4", "m6"), ids(Member_.age.lt(20)));
    assertEquals(List.of("m1", "m4", "m6"), ids(Member_.age.lte(20)));
    assertEquals(List.of("m6"), ids(Member_.age.eq(0)));
    assertEquals(7, members.find(Member_.age.ne(0)).count());
    assertEquals(List.of("m1", "m8"), ids(Member_.age.in(25, 20, -1)));
    assertEquals(List.of(), ids(Member_.age.gt(Integer.MAX_VALUE)));
    assertEquals(8, members.find(Member_.age.gte(Integer.MIN_VALUE)).count());
  }

  @Test
  void bigDecimalAndDoubleExtremes() {
    items.saveAll(List.of(
        priced("p1", Double.NEGATIVE_INFINITY, new BigDecimal("-1E+400")),
        priced("p2", -Double.MAX_VALUE, new BigDecimal("-0.01")),
        priced("p3", -0.0, BigDecimal.ZERO),
        priced("p4", 0.0, new BigDecimal("0.00")),
        priced("p5", Double.MIN_VALUE, new BigDecimal("0.1")),
        priced("p6", Double.POSITIVE_INFINITY, new BigDecimal("1E+400")),
        priced("p7", null, null)));
    try {
      Query<ItemHash, String> priced = items.findAll();
      assertEquals(List.of("p3", "p4"), items.find(ItemHash_.price.eq(0.0)).ids(), "-0.0 equals 0.0");
      assertEquals(List.of("p5", "p6"), items.find(ItemHash_.price.gt(0.0)).ids());
      assertEquals(List.of("p6"), items.find(ItemHash_.price.gt(Double.MAX_VALUE)).ids());
      assertEquals(List.of("p1"), items.find(ItemHash_.price.lt(-Double.MAX_VALUE)).ids());
      assertEquals(List.of("p1", "p2"), items.find(ItemHash_.price.lte(-Double.MAX_VALUE)).ids());
      assertEquals(List.of("p6"), items.find(ItemHash_.price.gte(Double.POSITIVE_INFINITY)).ids());
      assertEquals(List.of("p3", "p4"), items.find(ItemHash_.cost.eq(new BigDecimal("0.000"))).ids(),
          "numerically equal, whatever the scale");
      assertEquals(List.of("p1", "p2"), items.find(ItemHash_.cost.lt(BigDecimal.ZERO)).ids());
      assertEquals(List.of("p6", "p5", "p3", "p4", "p2", "p1", "p7"),
          priced.sortBy(ItemHash_.cost.desc(), ItemHash_.price.asc()).ids(),
          "ties broken by the next key; nulls last");
      assertEquals(List.of("p7"), items.find(ItemHash_.price.isNull()).ids());
    } finally {
      items.deleteAll();
    }
  }

  /**
   * A strict bound at infinity excludes infinity: {@code price > +Infinity} and {@code price <
   * -Infinity} match nothing.
   */
  @Test
  void strictBoundsAtInfinityMatchNothing() {
    items.saveAll(List.of(priced("inf1", Double.POSITIVE_INFINITY, null),
        priced("inf2", Double.NEGATIVE_INFINITY, null)));
    try {
      assertEquals(List.of(), items.find(ItemHash_.price.gt(Double.POSITIVE_INFINITY)).ids());
      assertEquals(List.of(), items.find(ItemHash_.price.lt(Double.NEGATIVE_INFINITY)).ids());
      assertEquals(List.of(), items.find(ItemHash_.price.between(
          Double.POSITIVE_INFINITY, false, Double.POSITIVE_INFINITY, true)).ids());
    } finally {
      items.deleteAll();
    }
  }

  // ---------------------------------------------------------------- dates

  @Test
  void datesBefore1970AndBounds() {
    assertEquals(List.of("m5", "m7"), ids(Member_.joinDate.lt(LocalDate.EPOCH)));
    assertEquals(List.of("m5"), ids(Member_.joinDate.eq(LocalDate.of(1969, 12, 31))));
    assertEquals(List.of("m7"), ids(Member_.joinDate.between(LocalDate.of(1814, 5, 17), LocalDate.of(1814, 5, 17))));
    assertEquals(List.of(), ids(Member_.joinDate.between(LocalDate.of(1814, 5, 17), false, LocalDate.of(1969, 12, 31), false)));
    assertEquals(List.of("m4"), ids(Member_.joinDate.gt(TODAY.minusDays(1))));
    assertEquals(List.of(), ids(Member_.joinDate.gt(TODAY)));
    assertEquals(List.of("m6"), ids(Member_.joinDate.isNull()));
    assertEquals(List.of("m7", "m5", "m3", "m2", "m8", "m1", "m4", "m6"),
        members.findAll().sortBy(Member_.joinDate.asc()).ids(), "chronological, nulls last");
  }

  @Test
  void zonedOffsetAndInstantOrderByInstantAcrossTheOsloDstChange() {
    List<String> chronological = List.of("e6", "e5", "e4", "e1", "e3", "e2", "e7");
    assertEquals(chronological, events.findAll().sortBy(Event_.zoned.asc()).ids());
    assertEquals(chronological, events.findAll().sortBy(Event_.offset.asc()).ids());
    assertEquals(chronological, events.findAll().sortBy(Event_.instant.asc()).ids());
    assertEquals(chronological, events.findAll().sortBy(Event_.local.asc()).ids(), "UTC wall clock");
    assertEquals(List.of("e2", "e3", "e1", "e4", "e5", "e6", "e7"),
        events.findAll().sortBy(Event_.zoned.desc()).ids());

    ZonedDateTime early = ZonedDateTime.of(OVERLAP, OSLO).withEarlierOffsetAtOverlap();
    ZonedDateTime late = ZonedDateTime.of(OVERLAP, OSLO).withLaterOffsetAtOverlap();
    assertEquals(List.of("e4"), events.find(Event_.zoned.eq(early)).ids());
    assertEquals(List.of("e2"), events.find(Event_.zoned.eq(late)).ids(), "same local time, an hour later");
    assertEquals(List.of("e4"), events.find(Event_.zoned.eq(early.withZoneSameInstant(ZoneOffset.UTC))).ids(),
        "another zone, the same instant");
    assertEquals(List.of("e1", "e3"), events.find(Event_.zoned.between(early, false, late, false)).ids());
    assertEquals(List.of("e4"), events.find(Event_.offset.eq(early.toOffsetDateTime())).ids());
    assertEquals(List.of("e1", "e2", "e3", "e4"), events.find(Event_.instant.gte(early.toInstant())).ids());
    assertEquals(List.of("e5", "e6"), events.find(Event_.instant.lt(Instant.EPOCH)).ids());
    assertEquals(List.of("e5"), events.find(Event_.instant.eq(Instant.parse("1969-12-31T23:59:59.999999Z"))).ids());
    assertEquals(List.of("e5"), events.find(Event_.instant.eq(Instant.parse("1969-12-31T23:59:59.999999999Z"))).ids(),
        "compared at microsecond precision (rounded towards the past)");
    assertEquals(List.of("e7"), events.find(Event_.offset.isNull()).ids());
  }

  // ---------------------------------------------------------------- nested paths

  @Test
  void embeddedRecordPaths() {
    assertEquals(List.of("m2", "m5"), ids(Member_.address.city.eq("Oslo")));
    assertEquals(List.of("m3", "m6", "m8"), ids(Member_.address.city.isNull()), "no address, or a null city");
    assertEquals(List.of("m7"), ids(Member_.address.city.startsWith("Å").and(Member_.city.eq("Ålesund"))));
  }

  @Test
  void fieldsInsideAListOfRecords() {
    items.saveAll(List.of(
        withParts("lr1", List.of(new Part("bolt", 4), new Part("nut", 8))),
        withParts("lr2", List.of(new Part("nut", 4))),
        withParts("lr3", List.of()),
        withParts("lr4", null)));
    try {
      assertEquals(List.of("lr1", "lr2"), items.find(ItemHash_.parts.code.contains("nut")).ids());
      assertEquals(List.of("lr1"), items.find(ItemHash_.parts.code.containsAll("nut", "bolt")).ids());
      assertEquals(List.of("lr1", "lr2"), items.find(ItemHash_.parts.count.contains(4)).ids());
      assertEquals(List.of("lr1"), items.find(ItemHash_.parts.count.containsAny(8, 9)).ids());
      assertEquals(List.of("lr3", "lr4"), items.find(ItemHash_.parts.code.isNull()).ids());
      assertEquals(List.of("lr2"), items.find(ItemHash_.parts.code.contains("nut")
          .and(ItemHash_.parts.code.contains("bolt").not())).ids());
    } finally {
      items.deleteAll();
    }
  }

  // ---------------------------------------------------------------- text and geo

  @Test
  void textMatching() {
    items.saveAll(List.of(
        noted("t1", "Fast Redis persistence for Java records"),
        noted("t2", "redis-backed café, naïve caching"),
        noted("t3", "Records: 日本語 and RECORDS"),
        noted("t4", null)));
    try {
      assertEquals(List.of("t1", "t2"), items.find(ItemHash_.notes.matches("REDIS")).ids());
      assertEquals(List.of("t1"), items.find(ItemHash_.notes.matches("redis java")).ids(), "every word");
      assertEquals(List.of("t1", "t3"), items.find(ItemHash_.notes.matchesAny("java 日本語")).ids());
      assertEquals(List.of("t1", "t3"), items.find(ItemHash_.notes.matchesPrefix("rec")).ids());
      assertEquals(List.of("t2"), items.find(ItemHash_.notes.matches("café naïve")).ids());
      assertEquals(List.of("t2"), items.find(ItemHash_.notes.matches("backed")).ids(), "split at '-'");
      assertEquals(List.of(), items.find(ItemHash_.notes.matches("red")).ids(), "whole words only");
      assertEquals(List.of("t4"), items.find(ItemHash_.notes.isNull()).ids());
      assertThrows(QueryException.class, () -> items.find(ItemHash_.notes.matches("-- ,")).ids());
    } finally {
      items.deleteAll();
    }
  }

  @Test
  void geoRadiusAndBox() {
    GeoPoint oslo = GeoPoint.of(10.75, 59.91);
    items.saveAll(List.of(
        located("g1", oslo),
        located("g2", GeoPoint.of(5.32, 60.39)), // Bergen, ~306 km
        located("g3", GeoPoint.of(179.9, -16.5)),
        located("g4", GeoPoint.of(-179.9, -16.6)),
        located("g5", null)));
    try {
      assertEquals(List.of("g1"), items.find(ItemHash_.where.within(oslo, 1, DistanceUnit.M)).ids());
      assertEquals(List.of("g1"), items.find(ItemHash_.where.within(oslo, 250, DistanceUnit.KM)).ids());
      assertEquals(List.of("g1", "g2"), items.find(ItemHash_.where.within(oslo, 350, DistanceUnit.KM)).ids());
      assertEquals(List.of("g1", "g2"), items.find(ItemHash_.where.within(oslo, 200, DistanceUnit.MI)).ids());
      assertEquals(List.of("g1", "g2"),
          items.find(ItemHash_.where.withinBox(GeoPoint.of(5, 59), GeoPoint.of(11, 61))).ids());
      assertEquals(List.of("g2"),
          items.find(ItemHash_.where.withinBox(GeoPoint.of(5, 59), GeoPoint.of(10, 61))).ids());
      assertEquals(List.of("g3", "g4"),
          items.find(ItemHash_.where.withinBox(GeoPoint.of(179, -17), GeoPoint.of(-179, -16))).ids(),
          "a box across the antimeridian");
      assertEquals(List.of("g5"), items.find(ItemHash_.where.isNull()).ids());
    } finally {
      items.deleteAll();
    }
  }

  // ---------------------------------------------------------------- combinations

  @Test
  void andOrNotNest() {
    Condition<Member> young = Member_.age.lt(25);
    Condition<Member> oslo = Member_.city.eq("Oslo");
    assertEquals(List.of("m1"), ids(young.and(oslo)));
    assertEquals(List.of("m1", "m2", "m4", "m6"), ids(young.or(oslo)));
    assertEquals(List.of("m3", "m5", "m7", "m8"), ids(young.or(oslo).not()));
    assertEquals(List.of("m2"), ids(Condition.allOf(oslo, young.not(), Member_.tags.contains("java"))));
    assertEquals(List.of("m1", "m4", "m5", "m6", "m7"),
        ids(Condition.anyOf(young, Member_.age.gte(45), Member_.tags.isNull())));
    assertEquals(List.of(), ids(oslo.and(oslo.not())));
    assertEquals(8, members.find(oslo.or(oslo.not())).count());
    assertEquals(List.of("m1", "m2"), ids(oslo.not().not()));
  }

  // ---------------------------------------------------------------- sorting and paging

  @Test
  void sortBySeveralKeys() {
    assertEquals(List.of("m4", "m5", "m1", "m2", "m8", "m3", "m7", "m6"),
        members.findAll().sortBy(Member_.city.asc(), Member_.age.asc()).ids(),
        "byte-wise UTF-8: upper case, then lower case, then Å; nulls last");
    assertEquals(List.of("m7", "m3", "m8", "m2", "m1", "m5", "m4", "m6"),
        members.findAll().sortBy(Member_.city.desc(), Member_.age.desc()).ids());
    assertEquals(List.of("m4", "m5", "m1", "m2", "m8", "m3", "m7", "m6"),
        members.findAll().sortBy(Member_.city.asc(), Member_.joinDate.desc()).ids());
    assertEquals(List.of("m6", "m4", "m1", "m8", "m2", "m3", "m5", "m7"),
        members.findAll().sortBy(Member_.age.asc()).ids());
  }

  @Test
  void tiesAreBrokenById() {
    assertEquals(List.of("m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"), members.findAll().ids());
    assertEquals(List.of("m4", "m5"), members.find(Member_.city.eq("Bergen")).ids(), "unsorted: by id");
    assertEquals(List.of("m2", "m1"), members.find(Member_.city.eq("Oslo")).sortBy(Member_.city.desc()).ids(),
        "equal values, descending: ids descending");
    assertEquals(List.of("m1", "m2"), members.find(Member_.city.eq("Oslo")).sortBy(Member_.city.asc()).ids());
  }

  @Test
  void offsetLimitPaging() {
    Query<Member, String> byAge = members.findAll().sortBy(Member_.age.desc());
    List<String> all = byAge.ids();
    assertEquals(List.of("m7", "m5", "m3", "m2", "m8", "m1", "m4", "m6"), all);
    List<String> paged = new ArrayList<>();
    for (int offset = 0; offset < 10; offset += 3) {
      paged.addAll(byAge.offset(offset).limit(3).ids());
    }
    assertEquals(all, paged);
    assertEquals(List.of(), byAge.offset(8).ids());
    assertEquals(List.of(), byAge.offset(100).limit(5).ids());
    assertEquals(List.of(), byAge.limit(0).ids());
    assertEquals(all.subList(6, 8), byAge.offset(6).limit(100).ids());
    assertEquals(8, byAge.offset(6).limit(1).count(), "count ignores the page");
    assertThrows(IllegalArgumentException.class, () -> byAge.offset(-1));
    assertThrows(IllegalArgumentException.class, () -> byAge.limit(-1));
  }

  @Test
  void firstExistsIdsCount() {
    assertEquals("m7", members.findAll().sortBy(Member_.age.desc()).first().orElseThrow().id());
    assertEquals("m1", members.find(Member_.city.eq("Oslo")).first().orElseThrow().id());
    assertTrue(members.find(Member_.city.eq("Oslo")).first().orElseThrow().tags().contains("redis"));
    assertFalse(members.find(Member_.city.eq("Paris")).first().isPresent());
    assertTrue(members.find(Member_.tags.contains("go")).exists());
    assertFalse(members.find(Member_.tags.contains("cobol")).exists());
    assertTrue(members.find(Member_.age.eq(100)).offset(5).exists(), "ignores the page");
    assertEquals(List.of(), members.find(Member_.city.eq("Paris")).ids());
    assertEquals(0, members.find(Member_.city.eq("Paris")).count());
    assertEquals(List.of(), members.find(Member_.city.eq("Paris")).list());
    assertEquals(8, members.count());
  }

  @Test
  void cursorIterationInPages() {
    Query<Member, String> query = members.findAll().sortBy(Member_.joinDate.asc()).pageSize(3);
    List<String> streamed = query.stream().map(Member::id).toList();
    assertEquals(query.ids(), streamed);
    List<String> iterated = new ArrayList<>();
    try (Query.Cursor<Member> cursor = query.offset(2).limit(4).iterator()) {
      cursor.forEachRemaining(m -> iterated.add(m.id()));
    }
    assertEquals(query.offset(2).limit(4).ids(), iterated);
    try (Stream<Member> none = members.find(Member_.city.eq("Paris")).stream()) {
      assertEquals(0, none.count());
    }
    // documents deleted meanwhile are skipped; the others come exactly once
    members.save(new Member("cur1", "Cursorville", null, 1, null, null));
    members.save(new Member("cur2", "Cursorville", null, 2, null, null));
    List<String> seen = new ArrayList<>();
    try (Query.Cursor<Member> cursor = members.find(Member_.city.eq("Cursorville")).pageSize(1).iterator()) {
      seen.add(cursor.next().id());
      members.deleteById("cur2");
      members.save(new Member("cur3", "Cursorville", null, 3, null, null));
      cursor.forEachRemaining(m -> seen.add(m.id()));
    } finally {
      members.find(Member_.city.eq("Cursorville")).deleteAll();
    }
    assertEquals(List.of("cur1"), seen);
  }

  @Test
  void deleteAllOfAQuerysMatches() {
    members.saveAll(List.of(
        new Member("del1", "Gone", null, 1, List.of("x"), null),
        new Member("del2", "Gone", null, 2, List.of("x"), null),
        new Member("del3", "Gone", null, 3, List.of("x"), null),
        new Member("del4", "Stays", null, 4, List.of("x"), null)));
    try {
      assertEquals(1, members.find(Member_.city.eq("Gone")).sortBy(Member_.age.desc()).limit(1).deleteAll());
      assertFalse(members.existsById("del3"));
      assertEquals(2, members.find(Member_.city.eq("Gone")).pageSize(1).deleteAll());
      assertEquals(0, members.find(Member_.city.eq("Gone")).count());
      assertEquals(0, members.find(Member_.city.eq("Gone")).deleteAll());
      assertEquals(List.of("del4"), members.find(Member_.tags.contains("x")).ids());
    } finally {
      members.deleteById("del4");
    }
    assertEquals(8, members.count());
  }

  @Test
  void invalidQueriesAreQueryExceptions() {
    // Member_.tags has no asc(): a collection keeps no sort order. A hand-built sortable field over
    // its index still fails when the query runs.
    SortableStringField<Member> tags = new SortableStringField<>(MemberIndex.TAGS, ValueCodecs.STRING);
    assertThrows(QueryException.class, () -> members.findAll().sortBy(tags.asc()).ids());
    assertThrows(QueryException.class, () -> members.find(Member_.city.eq(null)).ids());
    assertThrows(QueryException.class, () -> items.find(ItemHash_.where.within(GeoPoint.of(0, 0), -1, DistanceUnit.M)).ids());
  }

  private static ItemHash item(String id, String sku, String label, List<String> tags, List<String> topics) {
    return new ItemHash(id, sku, label, null, null, null, null, null, null, null, tags, topics, null, null);
  }

  private static ItemHash priced(String id, Double price, BigDecimal cost) {
    return new ItemHash(id, null, null, null, price, cost, null, null, null, null, null, null, null, null);
  }

  private static ItemHash withParts(String id, List<Part> parts) {
    return new ItemHash(id, null, null, null, null, null, null, null, null, null, null, null, parts,
        new Size(1, "cm"));
  }

  private static ItemHash noted(String id, String notes) {
    return new ItemHash(id, null, null, null, null, null, null, null, notes, null, null, null, null, null);
  }

  private static ItemHash located(String id, GeoPoint where) {
    return new ItemHash(id, null, null, null, null, null, null, null, null, where, null, null, null, null);
  }
}
