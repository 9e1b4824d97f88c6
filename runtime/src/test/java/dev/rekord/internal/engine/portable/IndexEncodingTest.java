package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.OffsetTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** Scores are exact integers, or refused; query bounds beyond them are ±infinity. */
class IndexEncodingTest {
  private static final long LIMIT = 1L << 53;
  private static final Instant LAST = Instant.EPOCH.plus(LIMIT, ChronoUnit.MICROS);
  private static final Instant FIRST = Instant.EPOCH.minus(LIMIT, ChronoUnit.MICROS);

  @Test
  void theDocumentedRangesAreTheExactOnes() {
    assertEquals(FIRST + " to " + LAST, IndexEncoding.INSTANT_RANGE);
    assertEquals(LocalDateTime.ofInstant(FIRST, ZoneOffset.UTC) + " to " + LocalDateTime.ofInstant(LAST, ZoneOffset.UTC),
        IndexEncoding.LOCAL_DATE_TIME_RANGE);
    Duration longest = Duration.of(LIMIT, ChronoUnit.MICROS);
    assertEquals(longest.negated() + " to " + longest, IndexEncoding.DURATION_RANGE);
  }

  @Test
  void microsecondScoresEndAtTwoToThe53() {
    assertEquals(LIMIT, IndexEncoding.score(LAST.plusNanos(999)));
    assertEquals(-LIMIT, IndexEncoding.score(FIRST));
    assertEquals(LIMIT - 1, IndexEncoding.score(LAST.minusNanos(1)));
    assertEquals(-LIMIT, IndexEncoding.score(Duration.of(-LIMIT, ChronoUnit.MICROS)));
  }

  @Test
  void beyondTheExactRangeAValueIsRefusedAndABoundIsInfinite() {
    for (Object beyond : new Object[] {LAST.plus(1, ChronoUnit.MICROS), Instant.MAX, LocalDateTime.MAX,
        Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), LAST.atOffset(ZoneOffset.MIN).plusNanos(1000)}) {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> IndexEncoding.score(beyond));
      assertTrue(refused.getMessage().startsWith(beyond + " is outside the range"), refused.getMessage());
      assertEquals(Double.POSITIVE_INFINITY, IndexEncoding.bound(beyond), beyond::toString);
    }
    for (Object beyond : new Object[] {FIRST.minusNanos(1), Instant.MIN, LocalDateTime.MIN,
        Duration.ofSeconds(Long.MIN_VALUE)}) {
      assertThrows(IllegalArgumentException.class, () -> IndexEncoding.score(beyond), beyond::toString);
      assertEquals(Double.NEGATIVE_INFINITY, IndexEncoding.bound(beyond), beyond::toString);
    }
  }

  @Test
  void numbersAreNeverRefused() {
    assertEquals(Double.POSITIVE_INFINITY, IndexEncoding.score(Double.POSITIVE_INFINITY));
    assertEquals(9.223372036854776E18, IndexEncoding.score(Long.MAX_VALUE));
  }

  @Test
  void typesWithoutTimeOfDayOrWithinADayScoreEveryValue() {
    assertEquals(-999_999_999, IndexEncoding.score(Year.of(Year.MIN_VALUE)));
    assertEquals(999_999_999L * 12 + 11, IndexEncoding.score(YearMonth.of(Year.MAX_VALUE, 12)));
    assertEquals(1224, IndexEncoding.score(MonthDay.of(12, 24)));
    assertEquals(-18 * 3600, IndexEncoding.score(ZoneOffset.MAX));
    assertEquals(-18 * 3600 * 1_000_000L, IndexEncoding.score(OffsetTime.MIN));
    assertEquals(IndexEncoding.score(OffsetTime.of(8, 0, 0, 0, ZoneOffset.UTC)),
        IndexEncoding.score(OffsetTime.of(10, 0, 0, 0, ZoneOffset.ofHours(2))), "the same instant of the day");
  }
}
