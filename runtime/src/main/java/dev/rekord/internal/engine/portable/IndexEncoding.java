package dev.rekord.internal.engine.portable;

import dev.rekord.exception.QueryException;
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
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Maps Java values to what the portable index stores: tag strings and numeric scores. Used both
 * when a document is indexed and when a query value is compiled, so both sides agree.
 *
 * <p><b>Scores.</b> A score is a double, which holds every integer within ±2<sup>53</sup>
 * exactly. Each date and time type is scored as an integer count in its own unit, so order and
 * equality are exact wherever that count fits:
 *
 * <table>
 *   <caption>Scores of dates and times</caption>
 *   <tr><th>type</th><th>score</th><th>exact for</th></tr>
 *   <tr><td>{@code LocalDate}</td><td>epoch day</td><td>every value</td></tr>
 *   <tr><td>{@code Year}</td><td>the year</td><td>every value</td></tr>
 *   <tr><td>{@code YearMonth}</td><td>proleptic month (year × 12 + month − 1)</td>
 *       <td>every value</td></tr>
 *   <tr><td>{@code MonthDay}</td><td>month × 100 + day ({@code --12-24} is 1224)</td>
 *       <td>every value</td></tr>
 *   <tr><td>{@code LocalTime}</td><td>microsecond of the day</td><td>every value</td></tr>
 *   <tr><td>{@code OffsetTime}</td><td>microsecond of the UTC day (local time minus offset),
 *       the order of {@code OffsetTime.compareTo}; equal for the same instant of the day</td>
 *       <td>every value</td></tr>
 *   <tr><td>{@code ZoneOffset}</td><td>minus the total seconds, the order of {@code
 *       ZoneOffset.compareTo} ({@code +02:00} before {@code Z} before {@code -05:00})</td>
 *       <td>every value</td></tr>
 *   <tr><td>{@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}</td><td>epoch
 *       microsecond of the instant (UTC)</td><td>±2<sup>53</sup> µs of 1970:
 *       1684-07-28T00:12:25.259008Z to 2255-06-05T23:47:34.740992Z</td></tr>
 *   <tr><td>{@code LocalDateTime}</td><td>epoch microsecond, as if it were UTC</td>
 *       <td>1684-07-28T00:12:25.259008 to 2255-06-05T23:47:34.740992</td></tr>
 *   <tr><td>{@code Duration}</td><td>microseconds</td><td>±2<sup>53</sup> µs, about ±285
 *       years: PT-2501999H-47M-34.740992S to PT2501999H47M34.740992S</td></tr>
 * </table>
 *
 * <p>Microseconds are counted towards the past: two values that differ only below a microsecond
 * compare equal in a query ({@code gt}, {@code eq}, …), though the stored documents keep them
 * exactly. A value outside its type's exact range cannot be indexed: {@link #score} refuses it
 * (and a save fails with a {@code SerializationException}) rather than give it a rounded score
 * that would compare equal to its neighbours. As a query value ({@link #bound}) it is still exact:
 * beyond every value an index can hold, it scores as ±infinity, which no date or time is. Numbers
 * are scored as themselves: integers beyond ±2<sup>53</sup> (and {@code BigDecimal}s with more
 * digits than a double holds) are compared at double precision.
 */
public final class IndexEncoding {
  /** The limit of exactness: every integer within ±2<sup>53</sup> is a double of its own. */
  private static final long EXACT = 1L << 53;
  /** Seconds beyond which a count of microseconds is surely beyond {@link #EXACT} (and a long). */
  private static final long MICROS_SECONDS = EXACT / 1_000_000 + 1;

  static final String INSTANT_RANGE = "1684-07-28T00:12:25.259008Z to 2255-06-05T23:47:34.740992Z";
  static final String LOCAL_DATE_TIME_RANGE = "1684-07-28T00:12:25.259008 to 2255-06-05T23:47:34.740992";
  static final String DURATION_RANGE = "PT-2501999H-47M-34.740992S to PT2501999H47M34.740992S";

  private IndexEncoding() {}

  /**
   * The numeric score of a value to index: numbers, dates, times, durations and zone offsets.
   *
   * @throws IllegalArgumentException for other types, {@code NaN}, and dates, times and durations
   *     outside the range their scores hold exactly (the message says which)
   */
  public static double score(Object value) {
    double score = bound(value);
    if (Double.isInfinite(score) && !(value instanceof Number)) {
      throw new IllegalArgumentException(value + " is outside the range a numeric index holds exactly at"
          + " microsecond precision (" + exactRange(value) + "); store null, or keep such values in a"
          + " component that is not indexed");
    }
    return score;
  }

  /**
   * The numeric score of a query value, exact for every value: a date, time or duration beyond
   * the range {@link #score} indexes is {@code +inf} or {@code -inf}, past every indexed value of
   * its type, so a comparison with it gives the right answer however it is bounded.
   *
   * @throws IllegalArgumentException for types that are not scored, or {@code NaN}
   */
  public static double bound(Object value) {
    double score;
    if (value instanceof Number number) {
      score = number.doubleValue();
    } else if (value instanceof LocalDate date) {
      score = date.toEpochDay();
    } else if (value instanceof Instant instant) {
      score = micros(instant.getEpochSecond(), instant.getNano());
    } else if (value instanceof OffsetDateTime dateTime) {
      score = micros(dateTime.toEpochSecond(), dateTime.getNano());
    } else if (value instanceof ZonedDateTime dateTime) {
      score = micros(dateTime.toEpochSecond(), dateTime.getNano());
    } else if (value instanceof LocalDateTime dateTime) {
      score = micros(dateTime.toEpochSecond(ZoneOffset.UTC), dateTime.getNano());
    } else if (value instanceof LocalTime time) {
      score = time.toNanoOfDay() / 1000;
    } else if (value instanceof OffsetTime time) {
      score = time.toLocalTime().toNanoOfDay() / 1000 - time.getOffset().getTotalSeconds() * 1_000_000L;
    } else if (value instanceof Year year) {
      score = year.getValue();
    } else if (value instanceof YearMonth month) {
      score = month.getLong(ChronoField.PROLEPTIC_MONTH);
    } else if (value instanceof MonthDay day) {
      score = day.getMonthValue() * 100 + day.getDayOfMonth();
    } else if (value instanceof ZoneOffset offset) {
      score = -offset.getTotalSeconds();
    } else if (value instanceof Duration duration) {
      score = micros(duration.getSeconds(), duration.getNano());
    } else {
      throw new IllegalArgumentException(
          "cannot index " + (value == null ? "null" : value.getClass().getName()) + " numerically");
    }
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("NaN cannot be indexed or compared");
    }
    return score;
  }

  /**
   * The tag text of {@code value}: strings as they are, enums by name, UUIDs canonical, periods
   * in ISO-8601 ({@code P1Y2M}), zones by id ({@code Europe/Oslo}), …
   */
  public static String tag(Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof ZoneId zone) {
      return zone.getId();
    }
    if (value instanceof Boolean || value instanceof Character || value instanceof UUID
        || value instanceof Number || value instanceof Period) {
      return value.toString();
    }
    throw new IllegalArgumentException(
        "cannot index " + (value == null ? "null" : value.getClass().getName()) + " as a tag");
  }

  /** The tag text as matched: lower-cased ({@link Locale#ROOT}) unless case-sensitive. */
  public static String fold(String tag, boolean caseSensitive) {
    return caseSensitive ? tag : tag.toLowerCase(Locale.ROOT);
  }

  /**
   * A tag value (or a word, or a prefix of either) as it stands before the id in a member {@code
   * value\0id} of a lexicographic index: the byte 0 becomes {@code \1\1} and the byte 1 {@code
   * \1\2}, every other character stays. So no escaped value holds the byte 0, and a member's first
   * byte 0 ends its value, whatever the value and the id hold: the members of one value are
   * exactly the range {@code [value\0} to {@code (value\1}, those whose value starts with {@code p}
   * exactly the ones starting with {@code lexical(p)}. The escaping keeps the byte-wise order of
   * values (bytes 0 and 1 map to {@code \1\1 < \1\2}, both below every byte 2 or higher, and a
   * value followed by the separator {@code \0} sorts before every longer value), so the index
   * still orders its members by value, then by id. Most values hold neither byte and are
   * returned as they are.
   */
  public static String lexical(String value) {
    int i = 0;
    while (i < value.length() && value.charAt(i) > '\1') {
      i++;
    }
    if (i == value.length()) {
      return value;
    }
    StringBuilder escaped = new StringBuilder(value.length() + 8).append(value, 0, i);
    for (; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= '\1') {
        escaped.append('\1').append((char) (c + 1));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  /**
   * The words of a text for full-text indexing and matching: maximal runs of Unicode letters and
   * digits, lower-cased with {@link Locale#ROOT}, in order, duplicates kept.
   */
  public static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    int start = -1;
    int i = 0;
    while (i <= text.length()) {
      int cp = i < text.length() ? text.codePointAt(i) : ' ';
      boolean word = i < text.length() && Character.isLetterOrDigit(cp);
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        tokens.add(text.substring(start, i).toLowerCase(Locale.ROOT));
        start = -1;
      }
      i += i < text.length() ? Character.charCount(cp) : 1;
    }
    return tokens;
  }

  /** A score as Redis (and the Query Engine's numeric ranges) parse it ({@code +inf}, {@code -inf} or a decimal). */
  public static String format(double score) {
    if (score == Double.POSITIVE_INFINITY) {
      return "+inf";
    }
    if (score == Double.NEGATIVE_INFINITY) {
      return "-inf";
    }
    if (score == Math.rint(score) && Math.abs(score) < 1e15) {
      return Long.toString((long) score);
    }
    return Double.toString(score);
  }

  /**
   * Microseconds since 0 of {@code seconds} and {@code nanos} (which counts forward from the
   * floored second, so this rounds towards the past), or ±infinity beyond ±2<sup>53</sup>.
   */
  private static double micros(long seconds, int nanos) {
    if (seconds > MICROS_SECONDS || seconds < -MICROS_SECONDS) { // not Math.abs: Long.MIN_VALUE
      return seconds > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    long micros = seconds * 1_000_000 + nanos / 1000;
    if (Math.abs(micros) > EXACT) {
      return micros > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
    }
    return micros;
  }

  /** The range {@link #score} indexes for the type of {@code value}, for messages. */
  private static String exactRange(Object value) {
    if (value instanceof LocalDateTime) {
      return "from " + LOCAL_DATE_TIME_RANGE;
    }
    if (value instanceof Duration) {
      return "from " + DURATION_RANGE;
    }
    return value instanceof Instant ? "from " + INSTANT_RANGE : "instants from " + INSTANT_RANGE;
  }
}
