package dev.rekord.it;

import static dev.rekord.it.RecordAssertions.assertSameComponents;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import dev.rekord.Rekord;
import dev.rekord.exception.SerializationException;
import dev.rekord.it.model.Address;
import dev.rekord.it.model.AllTypesHash;
import dev.rekord.it.model.AllTypesHash_;
import dev.rekord.it.model.AllTypesHashRepository;
import dev.rekord.it.model.AllTypesJson;
import dev.rekord.it.model.AllTypesJsonRepository;
import dev.rekord.it.model.Color;
import dev.rekord.it.model.Contact;
import dev.rekord.it.model.Place;
import dev.rekord.test.RedisExtension;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * save → findById returns exactly what was saved, for every supported type, in both storages:
 * the same values go through {@link AllTypesHash} and {@link AllTypesJson}.
 */
class RoundTripTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
  /** 02:30 happens twice on 2024-10-27 in Oslo: first at +02:00, then at +01:00. */
  private static final LocalDateTime OSLO_OVERLAP = LocalDateTime.of(2024, 10, 27, 2, 30);

  private Rekord rekord;
  private AllTypesHashRepository hashes;
  private AllTypesJsonRepository jsons;

  @BeforeEach
  void connect() {
    rekord = Rekord.connect(redis.server().url());
    hashes = new AllTypesHashRepository(rekord);
    jsons = new AllTypesJsonRepository(rekord);
  }

  @AfterEach
  void disconnect() {
    rekord.close();
  }

  @Test
  void typicalDocument() {
    assertRoundTrip(new AllTypesValues());
  }

  @Test
  void everyReferenceComponentNull() {
    assertRoundTrip(AllTypesValues.allReferencesNull());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("edgeCases")
  void edgeCaseRoundTrips(String name, Consumer<AllTypesValues> change) {
    assertRoundTrip(AllTypesValues.typical(change));
  }

  static Stream<Arguments> edgeCases() {
    return Stream.of(
        edgeCase("empty strings, collections, maps and bytes", v -> {
          v.text = "";
          v.code = "";
          v.boxedLetter = ' ';
          v.bytes = new byte[0];
          v.strings = List.of();
          v.numbers = Set.of();
          v.palette = Set.of();
          v.places = List.of();
          v.counters = Map.of();
          v.labels = Map.of("", "");
        }),
        edgeCase("embedded records whose components are all null", v -> {
          v.contact = new Contact(null, null, null);
          v.places = Arrays.asList(new Place(null, null, null), null);
        }),
        edgeCase("embedded two levels deep with all-null leaves", v ->
            v.contact = new Contact(null, null, new Address(null, null, null))),
        edgeCase("null elements inside a list", v ->
            v.strings = Arrays.asList(null, "a", null, "", null)),
        edgeCase("minimum numbers", v -> {
          v.letter = Character.MIN_VALUE;
          v.tiny = Byte.MIN_VALUE;
          v.small = Short.MIN_VALUE;
          v.number = Integer.MIN_VALUE;
          v.big = Long.MIN_VALUE;
          v.ratio = -Float.MAX_VALUE;
          v.measure = -Double.MAX_VALUE;
          v.boxedLetter = Character.MIN_VALUE;
          v.boxedTiny = Byte.MIN_VALUE;
          v.boxedSmall = Short.MIN_VALUE;
          v.boxedNumber = Integer.MIN_VALUE;
          v.boxedBig = Long.MIN_VALUE;
          v.boxedRatio = Float.MIN_VALUE;
          v.boxedMeasure = Double.MIN_VALUE;
          v.counters = Map.of("min", Long.MIN_VALUE);
          v.numbers = Set.of(Integer.MIN_VALUE);
        }),
        edgeCase("maximum numbers", v -> {
          v.letter = Character.MAX_VALUE;
          v.tiny = Byte.MAX_VALUE;
          v.small = Short.MAX_VALUE;
          v.number = Integer.MAX_VALUE;
          v.big = Long.MAX_VALUE;
          v.ratio = Float.MAX_VALUE;
          v.measure = Double.MAX_VALUE;
          v.boxedLetter = Character.MAX_VALUE;
          v.boxedTiny = Byte.MAX_VALUE;
          v.boxedSmall = Short.MAX_VALUE;
          v.boxedNumber = Integer.MAX_VALUE;
          v.boxedBig = Long.MAX_VALUE;
          v.boxedRatio = Float.MIN_NORMAL;
          v.boxedMeasure = Double.MIN_NORMAL;
          v.counters = Map.of("max", Long.MAX_VALUE);
          v.numbers = Set.of(Integer.MAX_VALUE);
        }),
        edgeCase("NaN in every unindexed floating-point component", v -> {
          v.ratio = Float.NaN;
          v.boxedRatio = Float.NaN;
          v.boxedMeasure = Double.NaN;
        }),
        edgeCase("NaN payloads in unindexed components", v -> {
          v.ratio = Float.intBitsToFloat(0x7fc0_1234);
          v.boxedRatio = Float.intBitsToFloat(0xffc0_0001);
          v.boxedMeasure = Double.longBitsToDouble(0x7ff8_0000_dead_beefL);
        }),
        edgeCase("infinities", v -> {
          v.ratio = Float.POSITIVE_INFINITY;
          v.measure = Double.NEGATIVE_INFINITY;
          v.boxedRatio = Float.NEGATIVE_INFINITY;
          v.boxedMeasure = Double.POSITIVE_INFINITY;
        }),
        edgeCase("negative zero", v -> {
          v.ratio = -0.0f;
          v.measure = -0.0;
          v.boxedRatio = -0.0f;
          v.boxedMeasure = -0.0;
          v.point = GeoPoint.of(-0.0, -0.0);
        }),
        edgeCase("big decimals keep their scale", v -> {
          v.amount = new BigDecimal("1.10");
          v.huge = BigInteger.ZERO;
        }),
        edgeCase("huge big decimal with many digits", v -> {
          v.amount =
              new BigDecimal(
                  "-123456789012345678901234567890.123456789012345678901234567890");
          v.huge = BigInteger.TWO.pow(512).negate();
        }),
        edgeCase("big decimal with a negative scale", v ->
            v.amount = new BigDecimal(BigInteger.valueOf(12), -40)),
        edgeCase("big decimal with a tiny value", v ->
            v.amount = new BigDecimal("1E-40")),
        edgeCase("unicode: emoji, CJK, right-to-left, combining marks", v -> {
          v.text = "emoji 🎉👩‍👩‍👧 CJK 東京 漢字 RTL שלום مرحبا combining e\u0301";
          v.code = "🚀";
          v.letter = '中';
          v.boxedLetter = 'ß';
          v.strings = List.of("😀", "日本語", "עברית");
          v.labels = Map.of("ключ", "значение", "🔑", "🗝️", "a.b", "dotted key");
          v.counters = Map.of("東京", 1L);
          v.contact =
              new Contact("Zoë Ørsted", "ØRSTED@EXAMPLE.NO", new Address("שדרות", "北京", null));
        }),
        edgeCase("special characters and JSON syntax inside strings", v -> {
          v.text = "quote \" backslash \\ slash / newline \n tab \t nul \0 bell \u0007";
          v.code = "{\"not\":\"json\"}";
          v.strings = List.of("[", "]", "{}", "null", "\"");
          v.labels = Map.of("{}", "[]", "\"", "\\");
        }),
        edgeCase("dates before 1970", v -> {
          v.instant = Instant.parse("1969-12-31T23:59:59.999999999Z");
          v.date = LocalDate.of(1066, 10, 14);
          v.dateTime = LocalDateTime.of(1900, 1, 1, 0, 0);
          v.offsetDateTime = OffsetDateTime.of(1969, 7, 20, 20, 17, 40, 0, ZoneOffset.UTC);
          v.zonedDateTime = ZonedDateTime.of(1940, 4, 9, 4, 15, 0, 0, OSLO);
        }),
        // Indexed instants, date-times and durations end at ±2^53 µs (see the refusal test);
        // the unindexed zonedDateTime and every date keep their whole range.
        edgeCase("first day of the common era", v -> {
          v.date = LocalDate.of(1, 1, 1);
          v.zonedDateTime = ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        }),
        edgeCase("far future", v -> {
          v.date = LocalDate.of(9999, 12, 31);
          v.zonedDateTime = ZonedDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, OSLO);
        }),
        edgeCase("the first and last dates and the extreme zoned date-times", v -> {
          v.date = LocalDate.MIN;
          v.zonedDateTime = ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.UTC);
          v.places = List.of(new Place("end", LocalDate.MAX, null));
        }),
        edgeCase("the last indexable microsecond", v -> {
          v.instant = Instant.parse("2255-06-05T23:47:34.740992999Z");
          v.dateTime = LocalDateTime.parse("2255-06-05T23:47:34.740992999");
          v.offsetDateTime = OffsetDateTime.parse("2255-06-06T13:47:34.740992+14:00");
          v.duration = Duration.of(1L << 53, ChronoUnit.MICROS).plusNanos(999);
        }),
        edgeCase("the first indexable microsecond", v -> {
          v.instant = Instant.parse("1684-07-28T00:12:25.259008Z");
          v.dateTime = LocalDateTime.parse("1684-07-28T00:12:25.259008");
          v.offsetDateTime = OffsetDateTime.parse("1684-07-27T10:12:25.259008-14:00");
          v.duration = Duration.of(-(1L << 53), ChronoUnit.MICROS);
        }),
        edgeCase("the other java.time types at their extremes", v -> {
          v.offsetTime = OffsetTime.MIN;
          v.year = Year.of(Year.MIN_VALUE);
          v.yearMonth = YearMonth.of(Year.MAX_VALUE, 12);
          v.monthDay = MonthDay.of(12, 31);
          v.zoneOffset = ZoneOffset.MAX;
          v.period = Period.of(Integer.MIN_VALUE, Integer.MAX_VALUE, -1);
          v.zone = ZoneId.of("GMT+02:00");
          v.zones = Set.of(ZoneOffset.UTC, ZoneId.of("UTC"), ZoneOffset.MIN);
          v.months = List.of(YearMonth.of(Year.MIN_VALUE, 1), YearMonth.of(10000, 1));
          v.periods = Map.of("zero", Period.ZERO, "negative", Period.ofDays(-1));
        }),
        edgeCase("the other java.time types at their other extremes", v -> {
          v.offsetTime = OffsetTime.MAX;
          v.year = Year.of(Year.MAX_VALUE);
          v.yearMonth = YearMonth.of(Year.MIN_VALUE, 1);
          v.monthDay = MonthDay.of(1, 1);
          v.zoneOffset = ZoneOffset.ofHoursMinutesSeconds(-5, -30, -15);
          v.period = Period.ZERO;
          v.zone = ZoneOffset.MIN;
          v.zones = Set.of();
          v.months = Arrays.asList(null, YearMonth.of(-1, 2));
          v.periods = Map.of();
        }),
        edgeCase("nanosecond precision", v -> {
          v.instant = Instant.ofEpochSecond(1_700_000_000L, 123_456_789);
          v.dateTime = LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1);
          v.time = LocalTime.of(0, 0, 0, 999_999_999);
          v.offsetDateTime = OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 1, ZoneOffset.ofHours(-3));
          v.zonedDateTime = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 999_999_999, OSLO);
          v.duration = Duration.ofNanos(1);
        }),
        edgeCase("midnight and the last nanosecond of the day", v -> {
          v.time = LocalTime.MIDNIGHT;
          v.dateTime = LocalDateTime.of(2024, 12, 31, 23, 59, 59, 999_999_999);
        }),
        edgeCase("offsets: extreme, odd minutes, seconds", v -> {
          v.offsetDateTime = OffsetDateTime.of(2024, 5, 17, 12, 0, 0, 0, ZoneOffset.MAX);
          v.zonedDateTime = ZonedDateTime.of(2024, 5, 17, 12, 0, 0, 0, ZoneId.of("Asia/Kathmandu"));
        }),
        edgeCase("offsets: minimum, and seconds in the offset", v -> {
          v.offsetDateTime = OffsetDateTime.of(2024, 5, 17, 12, 0, 0, 0, ZoneOffset.MIN);
          v.zonedDateTime =
              ZonedDateTime.of(
                  2024, 5, 17, 12, 0, 0, 0, ZoneOffset.ofHoursMinutesSeconds(5, 17, 23));
        }),
        edgeCase("zoned date time in UTC and as a fixed offset", v -> {
          v.zonedDateTime = ZonedDateTime.of(2024, 5, 17, 12, 0, 0, 0, ZoneOffset.UTC);
          v.offsetDateTime =
              OffsetDateTime.of(2024, 5, 17, 12, 0, 0, 0, ZoneOffset.ofHoursMinutes(-9, -30));
        }),
        edgeCase("Oslo DST overlap, earlier offset (+02:00)", v ->
            v.zonedDateTime = ZonedDateTime.of(OSLO_OVERLAP, OSLO).withEarlierOffsetAtOverlap()),
        edgeCase("Oslo DST overlap, later offset (+01:00)", v ->
            v.zonedDateTime = ZonedDateTime.of(OSLO_OVERLAP, OSLO).withLaterOffsetAtOverlap()),
        edgeCase("Oslo summer time", v ->
            v.zonedDateTime = ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, OSLO)),
        edgeCase("negative durations", v -> v.duration = Duration.ofMillis(-1_500)),
        edgeCase("a negative nanosecond", v -> v.duration = Duration.ofNanos(-1)),
        edgeCase("zero duration", v -> v.duration = Duration.ZERO),
        edgeCase("largest indexable duration", v ->
            v.duration = Duration.of(1L << 53, ChronoUnit.MICROS)),
        edgeCase("smallest indexable duration", v ->
            v.duration = Duration.of(-(1L << 53), ChronoUnit.MICROS)),
        edgeCase("every byte value", v -> {
          byte[] all = new byte[256];
          for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
          }
          v.bytes = all;
        }),
        edgeCase("geo points at the indexable corners", v -> {
          v.point = GeoPoint.of(-180, -85.05112878);
          v.contact =
              new Contact("c", null, new Address(null, null, GeoPoint.of(180, 85.05112878)));
        }),
        edgeCase("enums: every constant", v -> {
          v.color = Color.BLUE;
          v.palette = Set.of(Color.values());
        }),
        edgeCase("uuid extremes", v -> v.reference = new UUID(-1L, -1L)),
        edgeCase("nil uuid", v -> v.reference = new UUID(0L, 0L)));
  }

  private static Arguments edgeCase(String name, Consumer<AllTypesValues> change) {
    return Arguments.of(name, change);
  }

  /**
   * An indexed number must have a score: NaN in {@code measure} (indexed through {@code @Sortable})
   * is a typed error naming model and field, and nothing is written.
   */
  @ParameterizedTest(name = "NaN with bits {0}")
  @ValueSource(longs = {0x7ff8_0000_0000_0000L, 0xfff0_0000_0000_0001L})
  void nanInAnIndexedNumberIsATypedErrorAndWritesNothing(long bits) {
    AllTypesValues values = AllTypesValues.typical(v -> v.measure = Double.longBitsToDouble(bits));

    assertUnindexable(
        "AllTypesHash", "measure", "NaN", () -> hashes.save(values.toHash("nan")));
    assertFalse(hashes.existsById("nan"), "nothing stored");
    UUID id = UUID.fromString("00000000-0000-7000-8000-00000000000a");
    assertUnindexable("AllTypesJson", "measure", "NaN", () -> jsons.save(values.toJson(id)));
    assertFalse(jsons.existsById(id), "nothing stored");
    assertEquals(0, hashes.find(AllTypesHash_.measure.isNotNull()).count());
  }

  /**
   * An indexed date, time or duration must have an exact score: beyond ±2^53 microseconds it would
   * compare equal to its neighbours, so the save is a typed error naming model, field and key,
   * and nothing is written.
   */
  @ParameterizedTest(name = "{0} = {1}")
  @MethodSource("beyondTheExactRange")
  void aDateOrTimeBeyondItsExactRangeIsATypedErrorAndWritesNothing(
      String field, Object value, Consumer<AllTypesValues> change) {
    AllTypesValues values = AllTypesValues.typical(change);
    SerializationException hash = assertThrows(SerializationException.class, () -> hashes.save(values.toHash("beyond")));
    assertUnindexable("AllTypesHash", field, value + " is outside the range a numeric index holds exactly", hash);
    assertEquals("{all-types-hash}:beyond", hash.key());
    assertTrue(hash.getMessage().contains("(key '{all-types-hash}:beyond')"), hash.getMessage());
    assertTrue(hash.getMessage().contains(".740992"), "names the limits: " + hash.getMessage());
    assertFalse(hashes.existsById("beyond"), "nothing stored");
    UUID id = UUID.fromString("00000000-0000-7000-8000-00000000000c");
    SerializationException json = assertThrows(SerializationException.class, () -> jsons.save(values.toJson(id)));
    assertUnindexable("AllTypesJson", field, "is outside the range", json);
    assertEquals("{all-types-json}:" + id, json.key());
    assertFalse(jsons.existsById(id), "nothing stored");
  }

  static Stream<Arguments> beyondTheExactRange() {
    Instant pastLast = Instant.parse("2255-06-05T23:47:34.740993Z");
    LocalDateTime year2300 = LocalDateTime.of(2300, 1, 1, 0, 0, 0, 1_000);
    LocalDateTime beforeFirst = LocalDateTime.parse("1684-07-28T00:12:25.259007999");
    OffsetDateTime year5000bc = OffsetDateTime.of(-5000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(1));
    Duration pastLongest = Duration.of((1L << 53) + 1, ChronoUnit.MICROS);
    return Stream.of(
        Arguments.of("instant", pastLast, (Consumer<AllTypesValues>) v -> v.instant = pastLast),
        Arguments.of("instant", Instant.MAX, (Consumer<AllTypesValues>) v -> v.instant = Instant.MAX),
        Arguments.of("instant", Instant.MIN, (Consumer<AllTypesValues>) v -> v.instant = Instant.MIN),
        Arguments.of("dateTime", year2300, (Consumer<AllTypesValues>) v -> v.dateTime = year2300),
        Arguments.of("dateTime", beforeFirst, (Consumer<AllTypesValues>) v -> v.dateTime = beforeFirst),
        Arguments.of("dateTime", LocalDateTime.MAX, (Consumer<AllTypesValues>) v -> v.dateTime = LocalDateTime.MAX),
        Arguments.of("offsetDateTime", year5000bc, (Consumer<AllTypesValues>) v -> v.offsetDateTime = year5000bc),
        Arguments.of("duration", pastLongest, (Consumer<AllTypesValues>) v -> v.duration = pastLongest),
        Arguments.of("duration", Duration.ofSeconds(Long.MIN_VALUE),
            (Consumer<AllTypesValues>) v -> v.duration = Duration.ofSeconds(Long.MIN_VALUE)));
  }

  /** Infinities have scores (-inf, +inf), so they are indexed and round-trip in indexed fields. */
  @Test
  void infinitiesInAnIndexedNumberAreIndexedAndRoundTrip() {
    AllTypesHash low = hashes.save(AllTypesValues.typical(v -> v.measure = Double.NEGATIVE_INFINITY).toHash("low"));
    AllTypesHash high = hashes.save(AllTypesValues.typical(v -> v.measure = Double.POSITIVE_INFINITY).toHash("high"));
    assertSameComponents(low, hashes.findById("low").orElseThrow());
    assertSameComponents(high, hashes.findById("high").orElseThrow());
    assertEquals(
        List.of("high"), hashes.find(AllTypesHash_.measure.gt(Double.MAX_VALUE)).ids());
    assertEquals(
        List.of("low"), hashes.find(AllTypesHash_.measure.lt(-Double.MAX_VALUE)).ids());
    hashes.deleteById("low");
    hashes.deleteById("high");
  }

  /** Redis GEO sets hold latitudes within ±85.05112878 only: beyond is a typed error. */
  @ParameterizedTest(name = "latitude {0}")
  @ValueSource(doubles = {85.05112879, -85.0511288, 90.0, -90.0})
  void aLatitudeBeyondTheGeoLimitIsATypedError(double latitude) {
    assertUnindexable(
        "AllTypesHash",
        "point",
        String.valueOf(latitude),
        () -> hashes.save(
            AllTypesValues.typical(v -> v.point = GeoPoint.of(10, latitude)).toHash("polar")));
    assertFalse(hashes.existsById("polar"), "nothing stored");
    UUID id = UUID.fromString("00000000-0000-7000-8000-00000000000b");
    assertUnindexable(
        "AllTypesJson",
        "point",
        String.valueOf(latitude),
        () -> jsons.save(AllTypesValues.typical(v -> v.point = GeoPoint.of(10, latitude)).toJson(id)));
    assertFalse(jsons.existsById(id), "nothing stored");
  }

  /** The same latitude in an unindexed point (inside an embedded record) is stored as it is. */
  @Test
  void aPolarLatitudeInAnUnindexedPointRoundTrips() {
    assertRoundTrip(AllTypesValues.typical(v ->
        v.contact = new Contact("c", null, new Address(null, null, GeoPoint.of(0, 90)))));
  }

  private static void assertUnindexable(
      String model, String field, String mentioned, org.junit.jupiter.api.function.Executable save) {
    assertUnindexable(model, field, mentioned, assertThrows(SerializationException.class, save));
  }

  private static void assertUnindexable(String model, String field, String mentioned, SerializationException failure) {
    assertEquals(model, failure.model(), failure.getMessage());
    assertEquals(field, failure.field(), failure.getMessage());
    assertTrue(failure.getMessage().contains(model + "." + field), failure.getMessage());
    assertTrue(failure.getMessage().contains(mentioned), failure.getMessage());
  }

  private void assertRoundTrip(AllTypesValues values) {
    assertAll(() -> assertHashRoundTrip(values), () -> assertJsonRoundTrip(values));
  }

  private void assertHashRoundTrip(AllTypesValues values) {
    AllTypesHash saved = values.toHash("round-trip");
    assertSameComponents(saved, hashes.save(saved));
    assertSameComponents(saved, hashes.findById(saved.id()).orElseThrow());
  }

  private void assertJsonRoundTrip(AllTypesValues values) {
    AllTypesJson saved = values.toJson(UUID.fromString("00000000-0000-7000-8000-000000000001"));
    assertSameComponents(saved, jsons.save(saved));
    assertSameComponents(saved, jsons.findById(saved.id()).orElseThrow());
  }
}
