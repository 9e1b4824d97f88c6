package dev.rekord.it;

import dev.rekord.model.GeoPoint;
import dev.rekord.it.model.Address;
import dev.rekord.it.model.AllTypesHash;
import dev.rekord.it.model.AllTypesJson;
import dev.rekord.it.model.Color;
import dev.rekord.it.model.Contact;
import dev.rekord.it.model.Place;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The values of every component of {@link AllTypesHash} and {@link AllTypesJson} but the id: one
 * fixture builds both records, so both storages are held to the same values. Starts as a typical
 * document; tests change the fields they care about.
 */
final class AllTypesValues {
  String text = "Rekord stores records";
  String code = "ABC-123";
  boolean flag = true;
  char letter = 'x';
  byte tiny = 7;
  short small = 1_234;
  int number = 123_456;
  long big = 9_876_543_210L;
  float ratio = 0.25f;
  double measure = 3.141592653589793;
  Boolean boxedFlag = false;
  Character boxedLetter = 'y';
  Byte boxedTiny = -7;
  Short boxedSmall = -1_234;
  Integer boxedNumber = -123_456;
  Long boxedBig = -9_876_543_210L;
  Float boxedRatio = -0.5f;
  Double boxedMeasure = 2.718281828459045;
  Color color = Color.GREEN;
  BigDecimal amount = new BigDecimal("1234.50");
  BigInteger huge = new BigInteger("123456789012345678901234567890");
  UUID reference = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
  Instant instant = Instant.parse("2024-03-01T12:34:56.789Z");
  LocalDate date = LocalDate.of(2024, 2, 29);
  LocalDateTime dateTime = LocalDateTime.of(2024, 3, 1, 12, 34, 56, 789_000_000);
  LocalTime time = LocalTime.of(23, 59, 58);
  OffsetDateTime offsetDateTime = OffsetDateTime.of(dateTime, ZoneOffset.ofHours(2));
  ZonedDateTime zonedDateTime = ZonedDateTime.of(dateTime, ZoneId.of("Europe/Oslo"));
  Duration duration = Duration.ofMinutes(90);
  byte[] bytes = {0, 1, 2, -1, -128, 127};
  GeoPoint point = GeoPoint.of(10.7522, 59.9139);
  Contact contact =
      new Contact(
          "Ada", "ada@example.com", new Address("Karl Johans gate 1", "Oslo", point));
  List<String> strings = List.of("one", "two", "three");
  Set<Integer> numbers = Set.of(1, 2, 3);
  Set<Color> palette = Set.of(Color.RED, Color.BLUE);
  List<Place> places =
      List.of(
          new Place("Bryggen", LocalDate.of(2023, 7, 1), Color.RED),
          new Place("Tromsø", null, null));
  Map<String, Long> counters = Map.of("visits", 42L, "likes", 0L);
  Map<String, String> labels = Map.of("team", "platform");
  OffsetTime offsetTime = OffsetTime.of(9, 30, 15, 500_000_000, ZoneOffset.ofHours(2));
  Year year = Year.of(2024);
  YearMonth yearMonth = YearMonth.of(2024, 2);
  MonthDay monthDay = MonthDay.of(2, 29);
  ZoneOffset zoneOffset = ZoneOffset.ofHoursMinutes(5, 30);
  Period period = Period.of(1, 14, -3);
  ZoneId zone = ZoneId.of("Europe/Oslo");
  Set<ZoneId> zones = Set.of(ZoneId.of("UTC"), ZoneOffset.ofHours(-3), ZoneId.of("Asia/Kathmandu"));
  List<YearMonth> months = List.of(YearMonth.of(2024, 1), YearMonth.of(10000, 12), YearMonth.of(-1, 6));
  Map<String, Period> periods = Map.of("notice", Period.ofMonths(3), "none", Period.ZERO);

  /** The typical document, changed by {@code change}. */
  static AllTypesValues typical(Consumer<AllTypesValues> change) {
    AllTypesValues values = new AllTypesValues();
    change.accept(values);
    return values;
  }

  /** Every reference component {@code null}; primitives keep their values. */
  static AllTypesValues allReferencesNull() {
    return typical(
        v -> {
          v.text = null;
          v.code = null;
          v.boxedFlag = null;
          v.boxedLetter = null;
          v.boxedTiny = null;
          v.boxedSmall = null;
          v.boxedNumber = null;
          v.boxedBig = null;
          v.boxedRatio = null;
          v.boxedMeasure = null;
          v.color = null;
          v.amount = null;
          v.huge = null;
          v.reference = null;
          v.instant = null;
          v.date = null;
          v.dateTime = null;
          v.time = null;
          v.offsetDateTime = null;
          v.zonedDateTime = null;
          v.duration = null;
          v.bytes = null;
          v.point = null;
          v.contact = null;
          v.strings = null;
          v.numbers = null;
          v.palette = null;
          v.places = null;
          v.counters = null;
          v.labels = null;
          v.offsetTime = null;
          v.year = null;
          v.yearMonth = null;
          v.monthDay = null;
          v.zoneOffset = null;
          v.period = null;
          v.zone = null;
          v.zones = null;
          v.months = null;
          v.periods = null;
        });
  }

  AllTypesHash toHash(String id) {
    return new AllTypesHash(
        id, text, code, flag, letter, tiny, small, number, big, ratio, measure,
        boxedFlag, boxedLetter, boxedTiny, boxedSmall, boxedNumber, boxedBig, boxedRatio,
        boxedMeasure, color, amount, huge, reference, instant, date, dateTime, time,
        offsetDateTime, zonedDateTime, duration, bytes, point, contact, strings, numbers,
        palette, places, counters, labels, offsetTime, year, yearMonth, monthDay, zoneOffset,
        period, zone, zones, months, periods);
  }

  AllTypesJson toJson(UUID id) {
    return new AllTypesJson(
        id, text, code, flag, letter, tiny, small, number, big, ratio, measure,
        boxedFlag, boxedLetter, boxedTiny, boxedSmall, boxedNumber, boxedBig, boxedRatio,
        boxedMeasure, color, amount, huge, reference, instant, date, dateTime, time,
        offsetDateTime, zonedDateTime, duration, bytes, point, contact, strings, numbers,
        palette, places, counters, labels, offsetTime, year, yearMonth, monthDay, zoneOffset,
        period, zone, zones, months, periods);
  }
}
