package dev.rekord.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.rekord.model.GeoPoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Period;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.Year;
import java.time.OffsetTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every value type round-trips exactly through its text form and its JSON form. */
class ValueCodecsRoundTripTest {

  enum Color { RED, GREEN }

  static Stream<Arguments> values() {
    ZoneId oslo = ZoneId.of("Europe/Oslo");
    LocalDateTime overlap = LocalDateTime.of(2024, 10, 27, 2, 30);
    return Stream.of(
        of(ValueCodecs.STRING, ""),
        of(ValueCodecs.STRING, "plain"),
        of(ValueCodecs.STRING, "Ünïcødé \u00e9 \u4e2d\u6587 \uD83D\uDE00 \uD834\uDD1E \"quoted\" \\ \n\t\u0000"),
        of(ValueCodecs.BOOLEAN, true),
        of(ValueCodecs.BOOLEAN, false),
        of(ValueCodecs.CHAR, 'x'),
        of(ValueCodecs.CHAR, '"'),
        of(ValueCodecs.CHAR, '\u00e9'),
        of(ValueCodecs.BYTE, Byte.MIN_VALUE),
        of(ValueCodecs.BYTE, Byte.MAX_VALUE),
        of(ValueCodecs.SHORT, Short.MIN_VALUE),
        of(ValueCodecs.SHORT, Short.MAX_VALUE),
        of(ValueCodecs.INT, Integer.MIN_VALUE),
        of(ValueCodecs.INT, 0),
        of(ValueCodecs.INT, Integer.MAX_VALUE),
        of(ValueCodecs.LONG, Long.MIN_VALUE),
        of(ValueCodecs.LONG, Long.MAX_VALUE),
        of(ValueCodecs.FLOAT, 0.0f),
        of(ValueCodecs.FLOAT, -0.0f),
        of(ValueCodecs.FLOAT, Float.NaN),
        of(ValueCodecs.FLOAT, Float.POSITIVE_INFINITY),
        of(ValueCodecs.FLOAT, Float.NEGATIVE_INFINITY),
        of(ValueCodecs.FLOAT, Float.MAX_VALUE),
        of(ValueCodecs.FLOAT, -Float.MAX_VALUE),
        of(ValueCodecs.FLOAT, Float.MIN_VALUE),
        of(ValueCodecs.FLOAT, Float.MIN_NORMAL),
        of(ValueCodecs.FLOAT, 0.1f),
        of(ValueCodecs.FLOAT, 16777217f),
        of(ValueCodecs.FLOAT, 1.00000012f),
        of(ValueCodecs.DOUBLE, 0.0),
        of(ValueCodecs.DOUBLE, -0.0),
        of(ValueCodecs.DOUBLE, Double.NaN),
        of(ValueCodecs.DOUBLE, Double.POSITIVE_INFINITY),
        of(ValueCodecs.DOUBLE, Double.NEGATIVE_INFINITY),
        of(ValueCodecs.DOUBLE, Double.MAX_VALUE),
        of(ValueCodecs.DOUBLE, Double.MIN_VALUE),
        of(ValueCodecs.DOUBLE, Double.MIN_NORMAL),
        of(ValueCodecs.DOUBLE, 4.9e-322),
        of(ValueCodecs.DOUBLE, 0.1 + 0.2),
        of(ValueCodecs.DOUBLE, 2e-3),
        of(ValueCodecs.DOUBLE, 9007199254740993.0),
        of(ValueCodecs.DOUBLE, (double) Long.MAX_VALUE),
        of(ValueCodecs.BIG_DECIMAL, new BigDecimal("1.10")),
        of(ValueCodecs.BIG_DECIMAL, new BigDecimal("-0.000")),
        of(ValueCodecs.BIG_DECIMAL, new BigDecimal("1E+3")),
        of(ValueCodecs.BIG_DECIMAL, new BigDecimal("123456789012345678901234567890.123456789012345678901234567890")),
        of(ValueCodecs.BIG_DECIMAL, new BigDecimal(BigInteger.TEN.pow(400), -7)),
        of(ValueCodecs.BIG_DECIMAL, new BigDecimal("1e-999999")),
        of(ValueCodecs.BIG_INTEGER, BigInteger.ZERO),
        of(ValueCodecs.BIG_INTEGER, BigInteger.TWO.pow(1000).negate()),
        of(ValueCodecs.UUID, new UUID(0, 0)),
        of(ValueCodecs.UUID, new UUID(-1, -1)),
        of(ValueCodecs.UUID, UUID.fromString("0189A1B2-C3D4-7E5F-8A6B-9C0D1E2F3A4B")),
        of(ValueCodecs.INSTANT, Instant.EPOCH),
        of(ValueCodecs.INSTANT, Instant.MIN),
        of(ValueCodecs.INSTANT, Instant.MAX),
        of(ValueCodecs.INSTANT, Instant.ofEpochSecond(-1, 1)),
        of(ValueCodecs.INSTANT, Instant.parse("1969-12-31T23:59:59.999999999Z")),
        of(ValueCodecs.INSTANT, Instant.parse("+12345-06-07T08:09:10.100Z")),
        of(ValueCodecs.LOCAL_DATE, LocalDate.MIN),
        of(ValueCodecs.LOCAL_DATE, LocalDate.MAX),
        of(ValueCodecs.LOCAL_DATE, LocalDate.of(-4, 2, 29)),
        of(ValueCodecs.LOCAL_DATE, LocalDate.of(10000, 1, 1)),
        of(ValueCodecs.LOCAL_DATE, LocalDate.of(1900, 1, 1)),
        of(ValueCodecs.LOCAL_DATE_TIME, LocalDateTime.MIN),
        of(ValueCodecs.LOCAL_DATE_TIME, LocalDateTime.MAX),
        of(ValueCodecs.LOCAL_DATE_TIME, LocalDateTime.of(1969, 7, 20, 20, 17)),
        of(ValueCodecs.LOCAL_DATE_TIME, LocalDateTime.of(2024, 2, 29, 0, 0, 0, 1)),
        of(ValueCodecs.LOCAL_TIME, LocalTime.MIDNIGHT),
        of(ValueCodecs.LOCAL_TIME, LocalTime.MAX),
        of(ValueCodecs.LOCAL_TIME, LocalTime.of(10, 15, 0, 100_000)),
        of(ValueCodecs.OFFSET_DATE_TIME, OffsetDateTime.MIN),
        of(ValueCodecs.OFFSET_DATE_TIME, OffsetDateTime.MAX),
        of(ValueCodecs.OFFSET_DATE_TIME, OffsetDateTime.of(2024, 5, 1, 10, 15, 30, 123_456_789, ZoneOffset.ofHours(18))),
        of(ValueCodecs.OFFSET_DATE_TIME, OffsetDateTime.of(1800, 5, 1, 10, 15, 0, 0, ZoneOffset.ofHoursMinutesSeconds(-5, -30, -15))),
        of(ValueCodecs.ZONED_DATE_TIME, ZonedDateTime.ofLocal(overlap, oslo, ZoneOffset.ofHours(1))),
        of(ValueCodecs.ZONED_DATE_TIME, ZonedDateTime.ofLocal(overlap, oslo, ZoneOffset.ofHours(2))),
        of(ValueCodecs.ZONED_DATE_TIME, ZonedDateTime.of(LocalDateTime.of(2024, 1, 1, 0, 0, 0, 7), ZoneId.of("UTC"))),
        of(ValueCodecs.ZONED_DATE_TIME, ZonedDateTime.of(LocalDateTime.of(2024, 1, 1, 0, 0), ZoneOffset.ofHours(-18))),
        of(ValueCodecs.ZONED_DATE_TIME, ZonedDateTime.of(LocalDateTime.of(-5000, 1, 1, 0, 0), ZoneId.of("America/New_York"))),
        of(ValueCodecs.OFFSET_TIME, OffsetTime.MIN),
        of(ValueCodecs.OFFSET_TIME, OffsetTime.MAX),
        of(ValueCodecs.OFFSET_TIME, OffsetTime.of(10, 0, 0, 1, ZoneOffset.ofHoursMinutesSeconds(5, 30, 15))),
        of(ValueCodecs.YEAR, Year.of(Year.MIN_VALUE)),
        of(ValueCodecs.YEAR, Year.of(Year.MAX_VALUE)),
        of(ValueCodecs.YEAR, Year.of(0)),
        of(ValueCodecs.YEAR, Year.of(-1)),
        of(ValueCodecs.YEAR, Year.of(999)),
        of(ValueCodecs.YEAR, Year.of(10000)),
        of(ValueCodecs.YEAR_MONTH, YearMonth.of(Year.MIN_VALUE, 1)),
        of(ValueCodecs.YEAR_MONTH, YearMonth.of(Year.MAX_VALUE, 12)),
        of(ValueCodecs.YEAR_MONTH, YearMonth.of(10000, 1)),
        of(ValueCodecs.YEAR_MONTH, YearMonth.of(-1, 2)),
        of(ValueCodecs.MONTH_DAY, MonthDay.of(2, 29)),
        of(ValueCodecs.MONTH_DAY, MonthDay.of(1, 1)),
        of(ValueCodecs.ZONE_OFFSET, ZoneOffset.MIN),
        of(ValueCodecs.ZONE_OFFSET, ZoneOffset.MAX),
        of(ValueCodecs.ZONE_OFFSET, ZoneOffset.UTC),
        of(ValueCodecs.ZONE_OFFSET, ZoneOffset.ofTotalSeconds(-3661)),
        of(ValueCodecs.ZONE_ID, ZoneId.of("Europe/Oslo")),
        of(ValueCodecs.ZONE_ID, ZoneId.of("UTC")),
        of(ValueCodecs.ZONE_ID, ZoneId.of("GMT+02:00")),
        of(ValueCodecs.ZONE_ID, ZoneOffset.ofHours(-3)),
        of(ValueCodecs.ZONE_ID, ZoneOffset.UTC),
        of(ValueCodecs.PERIOD, Period.ZERO),
        of(ValueCodecs.PERIOD, Period.ofMonths(14)),
        of(ValueCodecs.PERIOD, Period.of(Integer.MIN_VALUE, Integer.MAX_VALUE, -1)),
        of(ValueCodecs.listOf(ValueCodecs.YEAR_MONTH), new ArrayList<>(Arrays.asList(YearMonth.of(10000, 1), null))),
        of(ValueCodecs.mapOf(ValueCodecs.PERIOD), mapOf("a", Period.ofDays(-1), "b", null)),
        of(ValueCodecs.DURATION, Duration.ZERO),
        of(ValueCodecs.DURATION, Duration.ofNanos(-1)),
        of(ValueCodecs.DURATION, Duration.ofSeconds(-1, 1)),
        of(ValueCodecs.DURATION, Duration.ofDays(-400).plusNanos(123)),
        of(ValueCodecs.DURATION, Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)),
        of(ValueCodecs.DURATION, Duration.ofSeconds(Long.MIN_VALUE)),
        of(ValueCodecs.GEO_POINT, GeoPoint.of(10.757933, 59.911491)),
        of(ValueCodecs.GEO_POINT, GeoPoint.of(-180, -85.05112878)),
        of(ValueCodecs.GEO_POINT, GeoPoint.of(-0.0, 1e-300)),
        of(ValueCodecs.ofEnum(Color.class), Color.GREEN),
        of(ValueCodecs.listOf(ValueCodecs.STRING), new ArrayList<>(Arrays.asList("a", null, "", "\uD83D\uDE00"))),
        of(ValueCodecs.listOf(ValueCodecs.DOUBLE), new ArrayList<>(Arrays.asList(Double.NaN, -0.0, 1.5))),
        of(ValueCodecs.listOf(ValueCodecs.listOf(ValueCodecs.INT)), new ArrayList<>(List.of(new ArrayList<>(List.of(1, 2)), new ArrayList<>()))),
        of(ValueCodecs.setOf(ValueCodecs.LOCAL_DATE), new LinkedHashSet<>(List.of(LocalDate.MAX, LocalDate.EPOCH))),
        of(ValueCodecs.mapOf(ValueCodecs.BIG_DECIMAL), mapOf("a", new BigDecimal("1.10"), "", null, "\uD83D\uDE00", BigDecimal.ONE)),
        of(ValueCodecs.mapOf(ValueCodecs.listOf(ValueCodecs.LONG)), mapOf("k", new ArrayList<>(List.of(Long.MIN_VALUE)))));
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("values")
  <T> void roundTripsThroughText(ValueCodec<T> codec, T value) {
    String text = codec.toText(value);
    T back = codec.fromText(text);
    assertEquals(value, back, "via text " + text);
    assertEquals(value.getClass(), back.getClass());
    assertEquals(text, codec.toText(back), "stable text form");
  }

  @ParameterizedTest(name = "[{index}] {1}")
  @MethodSource("values")
  <T> void roundTripsThroughJson(ValueCodec<T> codec, T value) {
    String json = JsonWriter.toText("Test", value, codec);
    T back = JsonReader.fromText("key", "Test", json, codec);
    assertEquals(value, back, "via JSON " + json);
    assertEquals(value.getClass(), back.getClass());
  }

  @Test
  void distinguishesNegativeZeroAndOffsetsInDstOverlap() {
    // assertEquals above uses equals(), which already tells these apart; pin that assumption.
    assertNotEquals(Double.valueOf(0.0), ValueCodecs.DOUBLE.fromText(ValueCodecs.DOUBLE.toText(-0.0)));
    ZonedDateTime early = ZonedDateTime.ofLocal(LocalDateTime.of(2024, 10, 27, 2, 30), ZoneId.of("Europe/Oslo"), ZoneOffset.ofHours(2));
    ZonedDateTime late = early.withLaterOffsetAtOverlap();
    assertEquals("2024-10-27T02:30+02:00[Europe/Oslo]", ValueCodecs.ZONED_DATE_TIME.toText(early));
    assertEquals("2024-10-27T02:30+01:00[Europe/Oslo]", ValueCodecs.ZONED_DATE_TIME.toText(late));
    assertEquals(late.toInstant(), ValueCodecs.ZONED_DATE_TIME.fromText(ValueCodecs.ZONED_DATE_TIME.toText(late)).toInstant());
  }

  @Test
  void bytesRoundTripAsPaddedBase64() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    for (byte[] value : new byte[][] {new byte[0], {0}, {-1, -2}, all}) {
      assertArrayEquals(value, ValueCodecs.BYTES.fromText(ValueCodecs.BYTES.toText(value)));
      assertArrayEquals(value, JsonReader.fromText("k", "T", JsonWriter.toText("T", value, ValueCodecs.BYTES), ValueCodecs.BYTES));
    }
    assertEquals("/w==", ValueCodecs.BYTES.toText(new byte[] {-1}));
  }

  @Test
  void floatVectorsRoundTripExactlyAsBase64OfTheirLittleEndianBytesAndAsJsonArrays() {
    float[] odd = {-0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY, 0.1f, -7f};
    for (float[] value : new float[][] {new float[0], {1f}, odd}) {
      assertArrayEquals(value, ValueCodecs.FLOAT_VECTOR.fromText(ValueCodecs.FLOAT_VECTOR.toText(value)));
      assertArrayEquals(value, JsonReader.fromText("k", "T",
          JsonWriter.toText("T", value, ValueCodecs.FLOAT_VECTOR), ValueCodecs.FLOAT_VECTOR));
    }
    // 1.0f is 0x3F800000: little-endian 00 00 80 3F
    assertEquals("AACAPw==", ValueCodecs.FLOAT_VECTOR.toText(new float[] {1f}));
    assertEquals("[1.0,-2.5,\"NaN\"]", JsonWriter.toText("T", new float[] {1f, -2.5f, Float.NaN}, ValueCodecs.FLOAT_VECTOR));
  }

  private static Arguments of(ValueCodec<?> codec, Object value) {
    return Arguments.of(codec, value);
  }

  private static <V> Map<String, V> mapOf(Object... keysAndValues) {
    Map<String, V> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      @SuppressWarnings("unchecked")
      V value = (V) keysAndValues[i + 1];
      map.put((String) keysAndValues[i], value);
    }
    return map;
  }

}
