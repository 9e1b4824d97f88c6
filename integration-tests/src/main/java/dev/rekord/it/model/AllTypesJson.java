package dev.rekord.it.model;

import dev.rekord.model.GeoPoint;
import dev.rekord.annotations.FieldName;
import dev.rekord.annotations.Geo;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Sortable;
import dev.rekord.annotations.Storage;
import dev.rekord.annotations.Tag;
import dev.rekord.annotations.Text;
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

/**
 * Every supported value type, stored as a JSON document (a {@code UUID} id).
 * The same shape as {@link AllTypesHash}, so both storages are held
 * to the same round trip.
 */
@RedisModel(prefix = "all-types-json", storage = Storage.JSON)
public record AllTypesJson(
    @Id UUID id,
    @FieldName("str") @Text String text,
    @Tag(caseSensitive = false, sortable = true) String code,
    @Indexed boolean flag,
    @Indexed char letter,
    byte tiny,
    short small,
    @Numeric int number,
    @Numeric(sortable = true) long big,
    float ratio,
    @Sortable double measure,
    Boolean boxedFlag,
    Character boxedLetter,
    Byte boxedTiny,
    Short boxedSmall,
    Integer boxedNumber,
    Long boxedBig,
    Float boxedRatio,
    Double boxedMeasure,
    @Tag Color color,
    @Indexed BigDecimal amount,
    BigInteger huge,
    @Indexed UUID reference,
    @Indexed(sortable = true) Instant instant,
    @Indexed LocalDate date,
    @Numeric LocalDateTime dateTime,
    LocalTime time,
    @Indexed OffsetDateTime offsetDateTime,
    ZonedDateTime zonedDateTime,
    @Indexed Duration duration,
    byte[] bytes,
    @Geo GeoPoint point,
    Contact contact,
    List<String> strings,
    Set<Integer> numbers,
    @Tag Set<Color> palette,
    List<Place> places,
    Map<String, Long> counters,
    Map<String, String> labels,
    @Indexed OffsetTime offsetTime,
    @Indexed(sortable = true) Year year,
    @Numeric YearMonth yearMonth,
    @Indexed MonthDay monthDay,
    @Indexed ZoneOffset zoneOffset,
    @Indexed Period period,
    @Tag(caseSensitive = true) ZoneId zone,
    @Tag Set<ZoneId> zones,
    List<YearMonth> months,
    Map<String, Period> periods) {}
