package dev.rekord.it.model;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Sortable;
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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Every ordered java.time type, indexed and sortable: held to exact order and equality at its extremes. */
@RedisModel(prefix = "moment")
public record Moment(
    @Id String id,
    @Sortable LocalDate date,
    @Sortable LocalDateTime dateTime,
    @Sortable Instant instant,
    @Sortable OffsetDateTime offsetDateTime,
    @Sortable ZonedDateTime zonedDateTime,
    @Sortable LocalTime time,
    @Sortable OffsetTime offsetTime,
    @Sortable Duration duration,
    @Sortable Year year,
    @Sortable YearMonth yearMonth,
    @Sortable MonthDay monthDay,
    @Sortable ZoneOffset offset) {

  /** A moment with no value but {@code id}. */
  public static Moment empty(String id) {
    return new Moment(id, null, null, null, null, null, null, null, null, null, null, null, null);
  }
}
