package dev.rekord.internal.engine.portable;

import dev.rekord.exception.QueryException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Maps Java values to what the portable index stores: tag strings and numeric scores. Used both
 * when a document is indexed and when a query value is compiled, so both sides agree.
 *
 * <p><b>Precision.</b> Scores are doubles. Dates and times are indexed in <em>microseconds</em>:
 * {@code Instant}, {@code OffsetDateTime} and {@code ZonedDateTime} as epoch microseconds in UTC,
 * {@code LocalDateTime} as epoch microseconds as if it were UTC, {@code LocalTime} as microsecond
 * of day, {@code Duration} in microseconds (all rounded towards the past), {@code LocalDate} as
 * epoch day. Query values are converted the same way, so index comparisons are exact at
 * microsecond precision: two instants that differ only below a microsecond compare equal in a
 * query ({@code gt}, {@code eq}, …) even though the stored documents keep them exactly. Integers
 * beyond ±2<sup>53</sup> (and {@code BigDecimal}s with more digits than a double holds) are
 * compared at double precision.
 */
public final class IndexEncoding {
  private IndexEncoding() {}

  /**
   * The numeric score of {@code value}: numbers, dates, times and durations.
   *
   * @throws IllegalArgumentException for other types, or {@code NaN}
   */
  public static double score(Object value) {
    double score;
    if (value instanceof Number number) {
      score = number.doubleValue();
    } else if (value instanceof LocalDate date) {
      score = date.toEpochDay();
    } else if (value instanceof Instant instant) {
      score = epochMicros(instant);
    } else if (value instanceof OffsetDateTime dateTime) {
      score = epochMicros(dateTime.toInstant());
    } else if (value instanceof ZonedDateTime dateTime) {
      score = epochMicros(dateTime.toInstant());
    } else if (value instanceof LocalDateTime dateTime) {
      score = epochMicros(dateTime.toInstant(ZoneOffset.UTC));
    } else if (value instanceof LocalTime time) {
      score = time.toNanoOfDay() / 1000;
    } else if (value instanceof Duration duration) {
      score = durationMicros(duration);
    } else {
      throw new IllegalArgumentException(
          "cannot index " + (value == null ? "null" : value.getClass().getName()) + " numerically");
    }
    if (Double.isNaN(score)) {
      throw new IllegalArgumentException("NaN cannot be indexed or compared");
    }
    return score;
  }

  /** The tag text of {@code value}: strings as they are, enums by name, UUIDs canonical, … */
  public static String tag(Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Enum<?> constant) {
      return constant.name();
    }
    if (value instanceof Boolean || value instanceof Character || value instanceof UUID
        || value instanceof Number) {
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

  /** A score as Redis parses it ({@code +inf}, {@code -inf} or a decimal). */
  static String format(double score) {
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

  /** getNano() counts forward from the (floored) second, so this rounds towards the past. */
  private static double epochMicros(Instant instant) {
    return instant.getEpochSecond() * 1e6 + instant.getNano() / 1000;
  }

  private static double durationMicros(Duration duration) {
    return duration.getSeconds() * 1e6 + duration.getNano() / 1000;
  }
}
