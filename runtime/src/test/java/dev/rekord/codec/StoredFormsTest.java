package dev.rekord.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.model.GeoPoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZoneId;
import java.time.Period;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.Year;
import java.time.OffsetTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Pins the documented on-disk forms, so a change to them cannot slip through as a refactoring. */
class StoredFormsTest {

  @Test
  void textForms() {
    assertEquals("true", ValueCodecs.BOOLEAN.toText(true));
    assertEquals("-9223372036854775808", ValueCodecs.LONG.toText(Long.MIN_VALUE));
    assertEquals("-0.0", ValueCodecs.DOUBLE.toText(-0.0));
    assertEquals("1.4E-45", ValueCodecs.FLOAT.toText(Float.MIN_VALUE));
    assertEquals("1.10", ValueCodecs.BIG_DECIMAL.toText(new BigDecimal("1.10")));
    assertEquals("00000000-0000-0000-0000-000000000001", ValueCodecs.UUID.toText(new UUID(0, 1)));
    assertEquals("1969-12-31T23:59:59.999999999Z", ValueCodecs.INSTANT.toText(Instant.ofEpochSecond(-1, 999_999_999)));
    assertEquals("+10000-01-01", ValueCodecs.LOCAL_DATE.toText(LocalDate.of(10000, 1, 1)));
    assertEquals("-999999999-01-01", ValueCodecs.LOCAL_DATE.toText(LocalDate.MIN));
    assertEquals("2024-05-01T10:15", ValueCodecs.LOCAL_DATE_TIME.toText(LocalDateTime.of(2024, 5, 1, 10, 15)));
    assertEquals("PT-0.000000001S", ValueCodecs.DURATION.toText(Duration.ofNanos(-1)));
    assertEquals("10:15:30.500+02:00", ValueCodecs.OFFSET_TIME.toText(OffsetTime.of(10, 15, 30, 500_000_000, ZoneOffset.ofHours(2))));
    assertEquals("2024", ValueCodecs.YEAR.toText(Year.of(2024)));
    assertEquals("0999", ValueCodecs.YEAR.toText(Year.of(999)));
    assertEquals("-0001", ValueCodecs.YEAR.toText(Year.of(-1)));
    assertEquals("+10000", ValueCodecs.YEAR.toText(Year.of(10000)));
    assertEquals("2024-05", ValueCodecs.YEAR_MONTH.toText(YearMonth.of(2024, 5)));
    assertEquals("+10000-01", ValueCodecs.YEAR_MONTH.toText(YearMonth.of(10000, 1)));
    assertEquals("--12-24", ValueCodecs.MONTH_DAY.toText(MonthDay.of(12, 24)));
    assertEquals("Z", ValueCodecs.ZONE_OFFSET.toText(ZoneOffset.UTC));
    assertEquals("-05:30:15", ValueCodecs.ZONE_OFFSET.toText(ZoneOffset.ofHoursMinutesSeconds(-5, -30, -15)));
    assertEquals("Europe/Oslo", ValueCodecs.ZONE_ID.toText(ZoneId.of("Europe/Oslo")));
    assertEquals("P14M", ValueCodecs.PERIOD.toText(Period.ofMonths(14)));
    assertEquals("10.75,59.91", ValueCodecs.GEO_POINT.toText(GeoPoint.of(10.75, 59.91)));
    assertEquals("[\"a\",null]", ValueCodecs.listOf(ValueCodecs.STRING).toText(new ArrayList<>(Arrays.asList("a", null))));
  }

  @Test
  void jsonForms() {
    assertEquals("-9223372036854775808", json(ValueCodecs.LONG, Long.MIN_VALUE));
    assertEquals("\"NaN\"", json(ValueCodecs.DOUBLE, Double.NaN));
    assertEquals("\"-Infinity\"", json(ValueCodecs.FLOAT, Float.NEGATIVE_INFINITY));
    assertEquals("0.1", json(ValueCodecs.DOUBLE, 0.1));
    assertEquals("\"1.10\"", json(ValueCodecs.BIG_DECIMAL, new BigDecimal("1.10")));
    assertEquals("\"123456789012345678901234567890\"", json(ValueCodecs.BIG_INTEGER, new BigInteger("123456789012345678901234567890")));
    assertEquals("false", json(ValueCodecs.BOOLEAN, false));
    assertEquals("\"10.75,59.91\"", json(ValueCodecs.GEO_POINT, GeoPoint.of(10.75, 59.91)));
    assertEquals("\"2024\"", json(ValueCodecs.YEAR, Year.of(2024)));
    assertEquals("\"P1Y2M3D\"", json(ValueCodecs.PERIOD, Period.of(1, 2, 3)));
  }

  @Test
  void readsAlternativeJsonForms() {
    assertEquals(Double.NaN, read(ValueCodecs.DOUBLE, "\"NaN\""));
    assertEquals(Double.POSITIVE_INFINITY, read(ValueCodecs.DOUBLE, "\"Infinity\""));
    assertEquals(5.0, read(ValueCodecs.DOUBLE, "5"));
    assertEquals(1.5f, read(ValueCodecs.FLOAT, "1.5"));
    assertEquals(42L, read(ValueCodecs.LONG, "\"42\""));
    assertEquals(new BigDecimal("1.10"), read(ValueCodecs.BIG_DECIMAL, "1.10"));
    assertEquals(new BigInteger("99999999999999999999999"), read(ValueCodecs.BIG_INTEGER, "99999999999999999999999"));
    // Parsed from the literal, not via double: a float is not rounded twice.
    assertEquals(Float.parseFloat("1.00000017881393432617187499"), read(ValueCodecs.FLOAT, "1.00000017881393432617187499"));
  }

  private static <T> String json(ValueCodec<T> codec, T value) {
    return JsonWriter.toText("T", value, codec);
  }

  private static <T> T read(ValueCodec<T> codec, String json) {
    return JsonReader.fromText("k", "T", json, codec);
  }
}
