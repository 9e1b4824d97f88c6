package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.exception.SerializationException;
import dev.rekord.it.model.Moment;
import dev.rekord.it.model.MomentRepository;
import dev.rekord.it.model.Moment_;
import dev.rekord.metamodel.ComparableField;
import dev.rekord.metamodel.SortableField;
import dev.rekord.query.Condition;
import dev.rekord.schema.MigrationReport.ModelMigration;
import dev.rekord.schema.MigrationReport.Outcome;
import dev.rekord.test.RedisExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.UnifiedJedis;

/**
 * Dates and times at the extremes of their types, through the generated repository against real
 * Redis: every value a type can index sorts chronologically and compares exactly (at microsecond
 * precision) with {@code eq}, {@code ne}, {@code in}, {@code gt}, {@code gte}, {@code lt}, {@code
 * lte} and {@code between}; a value beyond what its index holds exactly is refused on save, and
 * as a query bound still gives the exact answer.
 */
class TemporalExtremesTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final long LIMIT_MICROS = 1L << 53;
  private static final Instant LAST = Instant.EPOCH.plus(LIMIT_MICROS, ChronoUnit.MICROS);
  private static final Instant FIRST = Instant.EPOCH.minus(LIMIT_MICROS, ChronoUnit.MICROS);
  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

  private Rekord rekord;
  private MomentRepository moments;

  @BeforeEach
  void connect() {
    rekord = Rekord.connect(redis.server().url());
    moments = new MomentRepository(rekord);
  }

  @AfterEach
  void disconnect() {
    rekord.close();
  }

  @Test
  void localDatesOverTheirWholeRange() {
    assertExact(Moment_.date, (id, v) -> new Moment(id, v, null, null, null, null, null, null, null, null, null, null, null),
        List.of(LocalDate.MIN, LocalDate.MIN.plusDays(1), LocalDate.of(-5000, 1, 1), LocalDate.of(-5000, 1, 2),
            LocalDate.of(1969, 12, 31), LocalDate.EPOCH, LocalDate.of(2300, 1, 1), LocalDate.of(2300, 1, 2),
            LocalDate.MAX.minusDays(1), LocalDate.MAX),
        List.of());
  }

  @Test
  void localDateTimesWithinTheirExactRangeAndBeyondIt() {
    LocalDateTime last = LocalDateTime.ofInstant(LAST, ZoneOffset.UTC);
    LocalDateTime first = LocalDateTime.ofInstant(FIRST, ZoneOffset.UTC);
    assertEquals(LocalDateTime.parse("2255-06-05T23:47:34.740992"), last);
    assertExact(Moment_.dateTime, TemporalExtremesTest::moment,
        List.of(first, first.plus(1, ChronoUnit.MICROS), LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000),
            LocalDateTime.of(1970, 1, 1, 0, 0), last.minus(1, ChronoUnit.MICROS), last),
        List.of(LocalDateTime.MIN, LocalDateTime.of(-5000, 1, 1, 0, 0), LocalDateTime.of(-5000, 1, 1, 0, 0, 0, 1_000),
            first.minus(1, ChronoUnit.NANOS), last.plus(1, ChronoUnit.MICROS), LocalDateTime.of(2300, 1, 1, 0, 0),
            LocalDateTime.of(2300, 1, 1, 0, 0, 0, 1_000), LocalDateTime.MAX));
  }

  @Test
  void instantsWithinTheirExactRangeAndBeyondIt() {
    assertExact(Moment_.instant, (id, v) -> new Moment(id, null, null, v, null, null, null, null, null, null, null, null, null),
        List.of(FIRST, FIRST.plus(1, ChronoUnit.MICROS), Instant.EPOCH.minus(1, ChronoUnit.MICROS), Instant.EPOCH,
            LAST.minus(1, ChronoUnit.MICROS), LAST.plusNanos(999)),
        List.of(Instant.MIN, Instant.parse("-5000-01-01T00:00:00Z"), FIRST.minusNanos(1), LAST.plus(1, ChronoUnit.MICROS),
            Instant.parse("2300-01-01T00:00:00.000001Z"), Instant.MAX));
  }

  /** Ordered by instant, whatever the offset; the index holds them as instants. */
  @Test
  void offsetDateTimesWithinTheirExactRangeAndBeyondIt() {
    assertExact(Moment_.offsetDateTime,
        (id, v) -> new Moment(id, null, null, null, v, null, null, null, null, null, null, null, null),
        List.of(FIRST.atOffset(ZoneOffset.MIN), FIRST.plus(1, ChronoUnit.MICROS).atOffset(ZoneOffset.MAX),
            OffsetDateTime.of(1970, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(2)), // 23:00 the day before, in UTC
            OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            LAST.minus(1, ChronoUnit.MICROS).atOffset(ZoneOffset.MIN), LAST.atOffset(ZoneOffset.ofHours(14))),
        List.of(OffsetDateTime.MIN, OffsetDateTime.of(-5000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            LAST.plus(1, ChronoUnit.MICROS).atOffset(ZoneOffset.MAX), OffsetDateTime.MAX));
  }

  @Test
  void zonedDateTimesWithinTheirExactRangeAndBeyondIt() {
    assertExact(Moment_.zonedDateTime,
        (id, v) -> new Moment(id, null, null, null, null, v, null, null, null, null, null, null, null),
        List.of(FIRST.atZone(OSLO), FIRST.plus(1, ChronoUnit.MICROS).atZone(ZoneOffset.UTC),
            ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, OSLO).withEarlierOffsetAtOverlap(),
            ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, OSLO).withLaterOffsetAtOverlap(),
            LAST.atZone(OSLO)),
        List.of(ZonedDateTime.of(LocalDateTime.MIN, ZoneOffset.MAX), ZonedDateTime.of(-5000, 1, 1, 0, 0, 0, 0, OSLO),
            ZonedDateTime.of(2300, 1, 1, 0, 0, 0, 1_000, OSLO), ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.MIN)));
  }

  @Test
  void localTimesOverTheirWholeRange() {
    assertExact(Moment_.time, (id, v) -> new Moment(id, null, null, null, null, null, v, null, null, null, null, null, null),
        List.of(LocalTime.MIN, LocalTime.of(0, 0, 0, 1_000), LocalTime.NOON, LocalTime.of(23, 59, 59, 999_998_000),
            LocalTime.MAX),
        List.of());
  }

  /** Ordered like {@code OffsetTime.compareTo}: by the instant of the UTC day. */
  @Test
  void offsetTimesOverTheirWholeRange() {
    assertExact(Moment_.offsetTime,
        (id, v) -> new Moment(id, null, null, null, null, null, null, v, null, null, null, null, null),
        List.of(OffsetTime.MIN, OffsetTime.of(0, 0, 0, 1_000, ZoneOffset.MAX),
            OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(2)), // 08:00 UTC
            OffsetTime.of(8, 30, 0, 0, ZoneOffset.UTC),
            OffsetTime.of(23, 59, 59, 999_998_000, ZoneOffset.MIN), OffsetTime.MAX),
        List.of());
  }

  @Test
  void durationsWithinTheirExactRangeAndBeyondIt() {
    Duration longest = Duration.of(LIMIT_MICROS, ChronoUnit.MICROS);
    assertExact(Moment_.duration, (id, v) -> new Moment(id, null, null, null, null, null, null, null, v, null, null, null, null),
        List.of(longest.negated(), longest.negated().plus(1, ChronoUnit.MICROS), Duration.ofNanos(-1), Duration.ZERO,
            Duration.of(1, ChronoUnit.MICROS), longest.minus(1, ChronoUnit.MICROS), longest.plusNanos(999)),
        List.of(Duration.ofSeconds(Long.MIN_VALUE), longest.negated().minusNanos(1), longest.plus(1, ChronoUnit.MICROS),
            Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)));
  }

  @Test
  void yearsOverTheirWholeRange() {
    assertExact(Moment_.year, (id, v) -> new Moment(id, null, null, null, null, null, null, null, null, v, null, null, null),
        List.of(Year.of(Year.MIN_VALUE), Year.of(-5000), Year.of(-4999), Year.of(0), Year.of(2300), Year.of(2301),
            Year.of(Year.MAX_VALUE)),
        List.of());
  }

  @Test
  void yearMonthsOverTheirWholeRange() {
    assertExact(Moment_.yearMonth,
        (id, v) -> new Moment(id, null, null, null, null, null, null, null, null, null, v, null, null),
        List.of(YearMonth.of(Year.MIN_VALUE, 1), YearMonth.of(-5000, 12), YearMonth.of(-4999, 1), YearMonth.of(2300, 1),
            YearMonth.of(2300, 2), YearMonth.of(Year.MAX_VALUE, 12)),
        List.of());
  }

  @Test
  void monthDaysOverTheirWholeRange() {
    assertExact(Moment_.monthDay, (id, v) -> new Moment(id, null, null, null, null, null, null, null, null, null, null, v, null),
        List.of(MonthDay.of(1, 1), MonthDay.of(1, 31), MonthDay.of(2, 1), MonthDay.of(2, 28), MonthDay.of(2, 29),
            MonthDay.of(3, 1), MonthDay.of(12, 31)),
        List.of());
  }

  /** Ordered like {@code ZoneOffset.compareTo}: the greatest offset first. */
  @Test
  void zoneOffsetsOverTheirWholeRange() {
    assertExact(Moment_.offset, (id, v) -> new Moment(id, null, null, null, null, null, null, null, null, null, null, null, v),
        List.of(ZoneOffset.MAX, ZoneOffset.ofHours(2), ZoneOffset.ofTotalSeconds(1), ZoneOffset.UTC,
            ZoneOffset.ofTotalSeconds(-1), ZoneOffset.ofHoursMinutes(-5, -30), ZoneOffset.MIN),
        List.of());
  }

  /**
   * An index whose scoring changed (here: a changed fingerprint, as this rule's own change of the
   * fingerprint does) is rebuilt by {@code migrate()}; a document an older index held with a
   * value beyond the exact range is left out and reported with its key, not indexed inexactly.
   */
  @Test
  void migrateRebuildsAndReportsDocumentsBeyondTheExactRange() {
    moments.save(moment("kept", LocalDateTime.of(2024, 5, 1, 10, 15)));
    try (UnifiedJedis raw = new RedisTarget(redis.server()).raw()) {
      raw.hset("{moment}:old", Map.of("id", "old", "dateTime", "2300-01-01T00:00:00.000001"));
      raw.hset("rekord:schema:moment", "fingerprint", "0123456789abcdef"); // built by an older Rekord
    }

    ModelMigration migration = rekord.migrate().model("moment");

    assertEquals(Outcome.REBUILT, migration.outcome());
    assertEquals(1, migration.reindexed());
    assertEquals(List.of("{moment}:old"), migration.undecodableKeys());
    assertEquals(1, migration.undecodable());
    assertEquals(List.of("kept"), moments.find(Moment_.dateTime.isNotNull()).ids());
    assertEquals(List.of(), moments.find(Moment_.dateTime.gt(LocalDateTime.of(2300, 1, 1, 0, 0))).ids());
    assertEquals(LocalDateTime.of(2300, 1, 1, 0, 0, 0, 1_000),
        moments.findById("old").orElseThrow().dateTime(), "the document itself is kept, exactly");
  }

  private static Moment moment(String id, LocalDateTime dateTime) {
    return new Moment(id, null, dateTime, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * Saves one document per value of {@code ascending} (strictly ascending by {@code compareTo}),
   * checks sort order and every operator against each value, refuses to save each value of
   * {@code beyond}, and checks every operator with those as bounds.
   */
  private <T extends Comparable<? super T>, F extends ComparableField<Moment, T> & SortableField<Moment>> void assertExact(
      F field, BiFunction<String, T, Moment> moment, List<T> ascending, List<T> beyond) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < ascending.size(); i++) {
      if (i > 0) {
        assertTrue(ascending.get(i - 1).compareTo(ascending.get(i)) < 0, "ascending: " + ascending);
      }
      String id = String.format("v%02d", i);
      ids.add(id);
      moments.save(moment.apply(id, ascending.get(i)));
    }
    moments.save(Moment.empty("none")); // a null value: matched by ne only

    assertEquals(ids, moments.findAll().sortBy(field.asc()).ids().subList(0, ids.size()), "ascending sort");
    assertEquals(reversed(ids), moments.find(field.isNotNull()).sortBy(field.desc()).ids(), "descending sort");
    for (int i = 0; i < ascending.size(); i++) {
      T value = ascending.get(i);
      String what = field + " against " + value;
      assertEquals(List.of(ids.get(i)), ids(field.eq(value)), "eq " + what);
      assertEquals(withNone(without(ids, i)), ids(field.ne(value)), "ne " + what);
      assertEquals(ids.subList(i + 1, ids.size()), ids(field.gt(value)), "gt " + what);
      assertEquals(ids.subList(i, ids.size()), ids(field.gte(value)), "gte " + what);
      assertEquals(ids.subList(0, i), ids(field.lt(value)), "lt " + what);
      assertEquals(ids.subList(0, i + 1), ids(field.lte(value)), "lte " + what);
      assertEquals(ids.subList(0, i + 1), ids(field.between(ascending.get(0), value)), "between " + what);
      assertEquals(ids.subList(i, ids.size()), ids(field.between(value, ascending.get(ascending.size() - 1))),
          "between " + what);
      assertEquals(ids.subList(i, i + 1), ids(field.between(value, true, value, true)), "between itself " + what);
      assertEquals(List.of(), ids(field.between(value, false, value, true)), "open between " + what);
      int next = (i + 1) % ascending.size();
      assertEquals(sorted(ids.get(i), ids.get(next)), ids(field.in(List.of(value, ascending.get(next)))), "in " + what);
    }

    for (T value : beyond) {
      String what = field + " against " + value;
      SerializationException refused = assertThrows(SerializationException.class,
          () -> moments.save(moment.apply("beyond", value)), "save " + what);
      assertEquals("Moment", refused.model());
      assertEquals(field.index().path(), refused.field());
      assertEquals("{moment}:beyond", refused.key());
      assertTrue(refused.problem().startsWith(value + " is outside the range a numeric index holds exactly"),
          refused.getMessage());
      assertFalse(moments.existsById("beyond"), "nothing stored: " + what);

      boolean above = value.compareTo(ascending.get(ascending.size() - 1)) > 0;
      List<String> none = List.of();
      assertEquals(none, ids(field.eq(value)), "eq " + what);
      assertEquals(withNone(ids), ids(field.ne(value)), "ne " + what);
      assertEquals(none, ids(field.in(List.of(value))), "in " + what);
      assertEquals(ids.subList(0, 1), ids(field.in(List.of(value, ascending.get(0)))), "in " + what);
      assertEquals(above ? none : ids, ids(field.gt(value)), "gt " + what);
      assertEquals(above ? none : ids, ids(field.gte(value)), "gte " + what);
      assertEquals(above ? ids : none, ids(field.lt(value)), "lt " + what);
      assertEquals(above ? ids : none, ids(field.lte(value)), "lte " + what);
      T inside = ascending.get(above ? ascending.size() - 1 : 0);
      assertEquals(above ? ids.subList(ids.size() - 1, ids.size()) : none,
          ids(above ? field.between(inside, value) : field.between(value, false, inside, false)), "between " + what);
      assertEquals(above ? none : ids.subList(0, 1),
          ids(above ? field.between(inside, false, value, true) : field.between(value, inside)), "between " + what);
    }
  }

  private List<String> ids(Condition<Moment> condition) {
    return sorted(moments.find(condition).ids().toArray(String[]::new));
  }

  private static List<String> sorted(String... ids) {
    return java.util.Arrays.stream(ids).sorted().distinct().toList();
  }

  private static List<String> withNone(List<String> ids) {
    List<String> all = new ArrayList<>(ids);
    all.add("none");
    return sorted(all.toArray(String[]::new));
  }

  private static List<String> without(List<String> ids, int index) {
    List<String> rest = new ArrayList<>(ids);
    rest.remove(index);
    return rest;
  }

  private static List<String> reversed(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
