package dev.rekord.codec;

import dev.rekord.model.GeoPoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.SignStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The codecs of every supported value type. Constant names match the processor's scalar kinds, so
 * generated code reads {@code ValueCodecs.LOCAL_DATE}.
 *
 * <h2>Stored forms</h2>
 *
 * These are Rekord's on-disk format: the text stored in a hash field, and the JSON value in a JSON
 * document. Every form round-trips exactly ({@code equals}).
 *
 * <table>
 *   <caption>Stored forms by type</caption>
 *   <tr><th>type</th><th>hash field text</th><th>JSON</th></tr>
 *   <tr><td>String</td><td>as is</td><td>string</td></tr>
 *   <tr><td>boolean</td><td>{@code true} / {@code false}</td><td>boolean</td></tr>
 *   <tr><td>char</td><td>a one-character string</td><td>string</td></tr>
 *   <tr><td>byte, short, int, long</td><td>decimal, e.g. {@code -9223372036854775808}</td>
 *       <td>number</td></tr>
 *   <tr><td>float, double</td><td>{@code Float/Double.toString}: {@code 1.4E-45}, {@code -0.0},
 *       {@code NaN}, {@code Infinity}, {@code -Infinity}</td>
 *       <td>number when finite, else the strings {@code "NaN"}, {@code "Infinity"},
 *       {@code "-Infinity"}</td></tr>
 *   <tr><td>BigDecimal</td><td>{@code toString()}, scale kept: {@code 1.10}, {@code 1E+3}</td>
 *       <td>string (so no JSON engine rounds it)</td></tr>
 *   <tr><td>BigInteger</td><td>decimal</td><td>string</td></tr>
 *   <tr><td>UUID</td><td>canonical, lower case: {@code 0189a1b2-…}</td><td>string</td></tr>
 *   <tr><td>Instant</td><td>ISO-8601 UTC, nanoseconds kept: {@code 2024-05-01T10:15:30.123456789Z}
 *       </td><td>string</td></tr>
 *   <tr><td>LocalDate, LocalDateTime, LocalTime</td><td>ISO-8601: {@code 2024-05-01},
 *       {@code 2024-05-01T10:15:30.5}, {@code 10:15}; years beyond 9999 carry a sign
 *       ({@code +10000-01-01})</td><td>string</td></tr>
 *   <tr><td>OffsetDateTime</td><td>ISO-8601 with its offset: {@code 2024-05-01T10:15+02:00}</td>
 *       <td>string</td></tr>
 *   <tr><td>ZonedDateTime</td><td>ISO-8601 with offset and zone id:
 *       {@code 2024-10-27T02:30+01:00[Europe/Oslo]} (the offset picks the instant in a DST
 *       overlap)</td><td>string</td></tr>
 *   <tr><td>OffsetTime</td><td>ISO-8601 with its offset: {@code 10:15:30.5+02:00}</td>
 *       <td>string</td></tr>
 *   <tr><td>Year</td><td>ISO-8601, four digits at least, a sign beyond 9999: {@code 2024},
 *       {@code 0999}, {@code -0001}, {@code +10000}</td><td>string</td></tr>
 *   <tr><td>YearMonth</td><td>ISO-8601, the year as for Year: {@code 2024-05},
 *       {@code +10000-01}</td><td>string</td></tr>
 *   <tr><td>MonthDay</td><td>ISO-8601: {@code --12-24}</td><td>string</td></tr>
 *   <tr><td>ZoneOffset</td><td>its id: {@code +02:00}, {@code -05:30:15}, {@code Z}</td>
 *       <td>string</td></tr>
 *   <tr><td>ZoneId</td><td>its id: {@code Europe/Oslo}, {@code UTC}, {@code GMT+02:00},
 *       {@code +02:00} (read back as a {@code ZoneOffset}, which it was)</td><td>string</td></tr>
 *   <tr><td>Period</td><td>ISO-8601, each unit as given: {@code P1Y2M3D}, {@code P14M},
 *       {@code P-1D}, {@code P0D}</td><td>string</td></tr>
 *   <tr><td>Duration</td><td>ISO-8601: {@code PT-0.000000001S}, {@code PT36H}</td>
 *       <td>string</td></tr>
 *   <tr><td>byte[]</td><td>standard padded Base64</td><td>string</td></tr>
 *   <tr><td>float[] (vectors)</td><td>standard padded Base64 of the FLOAT32 little-endian bytes</td>
 *       <td>array of numbers</td></tr>
 *   <tr><td>GeoPoint</td><td>{@code "longitude,latitude"}, each by {@code Double.toString}</td>
 *       <td>string</td></tr>
 *   <tr><td>enum</td><td>{@link Enum#name()}</td><td>string</td></tr>
 *   <tr><td>List, Set</td><td>the JSON array, as text</td><td>array; null elements allowed</td></tr>
 *   <tr><td>Map&lt;String, V&gt;</td><td>the JSON object, as text</td>
 *       <td>object; null values allowed</td></tr>
 * </table>
 *
 * <p>On read, numbers are also accepted as JSON strings holding their text form, and BigDecimal
 * and BigInteger also as JSON numbers. Anything unparseable fails with a message saying what was
 * expected; {@link HashReader} and {@link JsonReader} add the key, model and field.
 */
public final class ValueCodecs {
  private ValueCodecs() {}

  /**
   * The year as ISO-8601 writes it in a date: four digits at least, a sign beyond 9999 ({@code
   * +10000}), as {@code Year.parse} and {@code YearMonth.parse} read it back (their {@code
   * toString} drops that sign).
   */
  private static final DateTimeFormatter ISO_YEAR = new DateTimeFormatterBuilder()
      .appendValue(ChronoField.YEAR, 4, 10, SignStyle.EXCEEDS_PAD)
      .toFormatter(Locale.ROOT);
  private static final DateTimeFormatter ISO_YEAR_MONTH = new DateTimeFormatterBuilder()
      .append(ISO_YEAR)
      .appendLiteral('-')
      .appendValue(ChronoField.MONTH_OF_YEAR, 2)
      .toFormatter(Locale.ROOT);

  public static final ValueCodec<String> STRING = TextCodec.of("a string", s -> s, s -> s);
  public static final ValueCodec<Boolean> BOOLEAN = BooleanCodec.INSTANCE;
  public static final ValueCodec<Character> CHAR =
      TextCodec.of("a single character", String::valueOf, ValueCodecs::parseChar);
  public static final ValueCodec<Byte> BYTE =
      new IntegralCodec<>(Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v);
  public static final ValueCodec<Short> SHORT =
      new IntegralCodec<>(Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v);
  public static final ValueCodec<Integer> INT =
      new IntegralCodec<>(Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v);
  public static final ValueCodec<Long> LONG =
      new IntegralCodec<>(Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
  public static final ValueCodec<Float> FLOAT = FloatingPointCodec.FLOAT;
  public static final ValueCodec<Double> DOUBLE = FloatingPointCodec.DOUBLE;
  public static final ValueCodec<BigDecimal> BIG_DECIMAL =
      TextCodec.acceptingNumbers("a decimal number", BigDecimal::toString, BigDecimal::new);
  public static final ValueCodec<BigInteger> BIG_INTEGER =
      TextCodec.acceptingNumbers("a decimal integer", BigInteger::toString, BigInteger::new);
  public static final ValueCodec<UUID> UUID =
      TextCodec.of("a UUID like 123e4567-e89b-12d3-a456-426614174000",
          java.util.UUID::toString, ValueCodecs::parseUuid);
  public static final ValueCodec<Instant> INSTANT =
      TextCodec.of("an ISO-8601 instant like 2024-05-01T10:15:30Z", Instant::toString, Instant::parse);
  public static final ValueCodec<LocalDate> LOCAL_DATE =
      TextCodec.of("an ISO-8601 date like 2024-05-01", LocalDate::toString, ValueCodecs::parseLocalDate);
  public static final ValueCodec<LocalDateTime> LOCAL_DATE_TIME =
      TextCodec.of("an ISO-8601 date-time like 2024-05-01T10:15:30",
          LocalDateTime::toString, LocalDateTime::parse);
  public static final ValueCodec<LocalTime> LOCAL_TIME =
      TextCodec.of("an ISO-8601 time like 10:15:30", LocalTime::toString, LocalTime::parse);
  public static final ValueCodec<OffsetDateTime> OFFSET_DATE_TIME =
      TextCodec.of("an ISO-8601 date-time with offset like 2024-05-01T10:15:30+02:00",
          OffsetDateTime::toString, OffsetDateTime::parse);
  public static final ValueCodec<ZonedDateTime> ZONED_DATE_TIME =
      TextCodec.of("an ISO-8601 date-time with offset and zone like 2024-05-01T10:15:30+02:00[Europe/Oslo]",
          ZonedDateTime::toString, ZonedDateTime::parse);
  public static final ValueCodec<OffsetTime> OFFSET_TIME =
      TextCodec.of("an ISO-8601 time with offset like 10:15:30+02:00", OffsetTime::toString, OffsetTime::parse);
  public static final ValueCodec<Year> YEAR =
      TextCodec.of("an ISO-8601 year like 2024", ISO_YEAR::format, Year::parse);
  public static final ValueCodec<YearMonth> YEAR_MONTH =
      TextCodec.of("an ISO-8601 year and month like 2024-05", ISO_YEAR_MONTH::format, YearMonth::parse);
  public static final ValueCodec<MonthDay> MONTH_DAY =
      TextCodec.of("an ISO-8601 month and day like --12-24", MonthDay::toString, MonthDay::parse);
  public static final ValueCodec<ZoneOffset> ZONE_OFFSET =
      TextCodec.of("a zone offset like +02:00 or Z", ZoneOffset::getId, ZoneOffset::of);
  public static final ValueCodec<ZoneId> ZONE_ID =
      TextCodec.of("a zone id like Europe/Oslo, UTC or +02:00", ZoneId::getId, ZoneId::of);
  public static final ValueCodec<Period> PERIOD =
      TextCodec.of("an ISO-8601 period like P1Y2M3D", Period::toString, Period::parse);
  public static final ValueCodec<Duration> DURATION =
      TextCodec.of("an ISO-8601 duration like PT1H30M", Duration::toString, Duration::parse);
  public static final ValueCodec<byte[]> BYTES =
      TextCodec.of("standard Base64", Base64.getEncoder()::encodeToString, Base64.getDecoder()::decode);
  public static final ValueCodec<float[]> FLOAT_VECTOR = FloatVectorCodec.INSTANCE;
  public static final ValueCodec<GeoPoint> GEO_POINT =
      TextCodec.of("'longitude,latitude' in degrees, like 10.75,59.91",
          p -> p.longitude() + "," + p.latitude(), ValueCodecs::parseGeoPoint);

  /** Enum constants by {@link Enum#name()}. */
  public static <E extends Enum<E>> ValueCodec<E> ofEnum(Class<E> type) {
    return new EnumCodec<>(type);
  }

  /** A list: a JSON array (as text in a hash field). Decodes to a mutable {@code ArrayList}. */
  public static <E> ValueCodec<List<E>> listOf(ValueCodec<E> element) {
    return new CollectionCodec<>(element, ArrayList::new, "list");
  }

  /** A set: a JSON array (as text in a hash field). Decodes to a {@code LinkedHashSet}. */
  public static <E> ValueCodec<Set<E>> setOf(ValueCodec<E> element) {
    return new CollectionCodec<>(element, LinkedHashSet::new, "set");
  }

  /** A map with string keys: a JSON object (as text in a hash field). Decodes to a {@code LinkedHashMap}. */
  public static <V> ValueCodec<Map<String, V>> mapOf(ValueCodec<V> value) {
    return new MapCodec<>(value);
  }

  private static Character parseChar(String text) {
    if (text.length() != 1) {
      throw new IllegalArgumentException("found " + text.length() + " characters");
    }
    return text.charAt(0);
  }

  /**
   * {@link LocalDate#parse}, read by hand in the form {@code LocalDate.toString} writes for years
   * 0 to 9999: the formatter's general parser was a quarter of a large read's decoding time. Any
   * other text, and an invalid date, go to {@code LocalDate.parse} (its exceptions and messages).
   */
  private static LocalDate parseLocalDate(String text) {
    if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      if (year >= 0 && month >= 1 && month <= 12 && day >= 1
          && day <= Month.of(month).length(Year.isLeap(year))) {
        return LocalDate.of(year, month, day);
      }
    }
    return LocalDate.parse(text);
  }

  /** The decimal number of the ASCII digits of {@code text} from {@code from} to {@code to}, or -1. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static UUID parseUuid(String text) {
    // UUID.fromString alone accepts short forms like "1-1-1-1-1".
    if (text.length() != 36
        || text.charAt(8) != '-' || text.charAt(13) != '-'
        || text.charAt(18) != '-' || text.charAt(23) != '-') {
      throw new IllegalArgumentException("not in the 8-4-4-4-12 form");
    }
    return java.util.UUID.fromString(text);
  }

  private static GeoPoint parseGeoPoint(String text) {
    int comma = text.indexOf(',');
    if (comma < 0 || text.indexOf(',', comma + 1) >= 0) {
      throw new IllegalArgumentException("not two numbers separated by one comma");
    }
    return new GeoPoint(
        Double.parseDouble(text.substring(0, comma)), Double.parseDouble(text.substring(comma + 1)));
  }
}
