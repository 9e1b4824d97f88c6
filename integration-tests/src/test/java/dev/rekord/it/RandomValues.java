package dev.rekord.it;

import dev.rekord.model.GeoPoint;
import dev.rekord.it.model.Address;
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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A seeded generator of {@link AllTypesValues} over the whole range of every type: arbitrary float
 * and double bit patterns (NaN payloads, subnormals, infinities), any Unicode code point, any
 * instant from year 1 to 9999 in any zone, any year, offset, period and zone, nulls everywhere a
 * reference may be null. Indexed instants, date-times and durations stay within the ±2^53
 * microseconds their scores hold exactly (beyond it a save is refused, see RoundTripTest).
 */
final class RandomValues {

  private static final long FIRST_SECOND = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
  private static final long NANOS_PER_DAY = 86_400_000_000_000L;
  /** The exact range of a score in microseconds: ±2^53. */
  private static final long MAX_INDEXABLE_MICROS = 1L << 53;
  private static final double MAX_INDEXABLE_LATITUDE = 85.05112878;
  private static final List<ZoneId> ZONES =
      ZoneId.getAvailableZoneIds().stream().sorted().map(ZoneId::of).toList();

  private final Random random;

  RandomValues(long seed) {
    this.random = new Random(seed);
  }

  AllTypesValues next() {
    AllTypesValues v = new AllTypesValues();
    v.text = maybe(this::string);
    v.code = maybe(this::string);
    v.flag = random.nextBoolean();
    v.letter = character();
    v.tiny = (byte) random.nextInt();
    v.small = (short) random.nextInt();
    v.number = random.nextInt();
    v.big = random.nextLong();
    v.ratio = Float.intBitsToFloat(random.nextInt());
    v.measure = indexableDouble(random.nextLong()); // indexed (@Sortable): NaN is rejected
    v.boxedFlag = maybe(random::nextBoolean);
    v.boxedLetter = maybe(this::character);
    v.boxedTiny = maybe(() -> (byte) random.nextInt());
    v.boxedSmall = maybe(() -> (short) random.nextInt());
    v.boxedNumber = maybe(random::nextInt);
    v.boxedBig = maybe(random::nextLong);
    v.boxedRatio = maybe(() -> Float.intBitsToFloat(random.nextInt()));
    v.boxedMeasure = maybe(() -> Double.longBitsToDouble(random.nextLong()));
    v.color = maybe(this::color);
    v.amount = maybe(this::bigDecimal);
    v.huge = maybe(() -> new BigInteger(random.nextInt(300), random).negate());
    v.reference = maybe(() -> new UUID(random.nextLong(), random.nextLong()));
    v.instant = maybe(this::indexableInstant);
    v.date = maybe(() -> LocalDate.ofInstant(instant(), ZoneOffset.UTC));
    v.dateTime = maybe(() -> LocalDateTime.ofInstant(indexableInstant(), ZoneOffset.UTC));
    v.time = maybe(this::time);
    v.offsetDateTime = maybe(() -> OffsetDateTime.ofInstant(indexableInstant(), offset()));
    v.zonedDateTime = maybe(() -> ZonedDateTime.ofInstant(instant(), zone()));
    v.duration = maybe(() -> Duration.ofNanos(random.nextInt(1000)).plus(indexableMicros(), ChronoUnit.MICROS));
    v.bytes = maybe(this::bytes);
    v.point = maybe(this::point);
    v.contact = maybe(this::contact);
    v.strings = maybe(() -> list(() -> maybe(this::string)));
    v.numbers = maybe(() -> new LinkedHashSet<>(list(random::nextInt)));
    v.palette = maybe(this::palette);
    v.places = maybe(() -> list(() -> maybe(this::place)));
    v.counters = maybe(() -> map(random::nextLong));
    v.labels = maybe(() -> map(this::string));
    v.offsetTime = maybe(() -> OffsetTime.of(time(), offset()));
    v.year = maybe(this::year);
    v.yearMonth = maybe(this::yearMonth);
    v.monthDay = maybe(this::monthDay);
    v.zoneOffset = maybe(this::offset);
    v.period = maybe(this::period);
    v.zone = maybe(this::zone);
    v.zones = maybe(() -> new LinkedHashSet<>(list(this::zone)));
    v.months = maybe(() -> list(() -> maybe(this::yearMonth)));
    v.periods = maybe(() -> map(() -> maybe(this::period)));
    return v;
  }

  /** {@code null} one time in five. */
  private <T> T maybe(Supplier<T> value) {
    return random.nextInt(5) == 0 ? null : value.get();
  }

  private String string() {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(codePoint());
    }
    return text.toString();
  }

  /** Any code point but a lone surrogate (which no UTF-8 text can hold), mostly ASCII. */
  private int codePoint() {
    int codePoint;
    do {
      codePoint =
          switch (random.nextInt(4)) {
            case 0 -> random.nextInt(0x80);
            case 1 -> random.nextInt(0x10000);
            default -> random.nextInt(Character.MAX_CODE_POINT + 1);
          };
    } while (Character.getType(codePoint) == Character.SURROGATE);
    return codePoint;
  }

  private char character() {
    char c;
    do {
      c = (char) random.nextInt(Character.MAX_VALUE + 1);
    } while (Character.isSurrogate(c));
    return c;
  }

  private Color color() {
    return Color.values()[random.nextInt(Color.values().length)];
  }

  private Set<Color> palette() {
    Set<Color> palette = EnumSet.noneOf(Color.class);
    for (Color color : Color.values()) {
      if (random.nextBoolean()) {
        palette.add(color);
      }
    }
    return palette;
  }

  private BigDecimal bigDecimal() {
    BigInteger unscaled = new BigInteger(random.nextInt(200), random);
    BigInteger signed = random.nextBoolean() ? unscaled : unscaled.negate();
    return new BigDecimal(signed, random.nextInt(-30, 60));
  }

  private Instant instant() {
    return Instant.ofEpochSecond(
        random.nextLong(FIRST_SECOND, LAST_SECOND + 1), random.nextInt(1_000_000_000));
  }

  /** An instant whose epoch microsecond is within ±2^53. */
  private Instant indexableInstant() {
    return Instant.EPOCH.plus(indexableMicros(), ChronoUnit.MICROS).plusNanos(random.nextInt(1000));
  }

  private long indexableMicros() {
    return random.nextLong(-MAX_INDEXABLE_MICROS, MAX_INDEXABLE_MICROS + 1);
  }

  private LocalTime time() {
    return LocalTime.ofNanoOfDay(random.nextLong(NANOS_PER_DAY));
  }

  private Year year() {
    return Year.of(random.nextInt(Year.MIN_VALUE, Year.MAX_VALUE + 1));
  }

  private YearMonth yearMonth() {
    return YearMonth.of(year().getValue(), random.nextInt(1, 13));
  }

  private MonthDay monthDay() {
    Month month = Month.of(random.nextInt(1, 13));
    return MonthDay.of(month, random.nextInt(1, month.maxLength() + 1));
  }

  private Period period() {
    return Period.of(random.nextInt(), random.nextInt(), random.nextInt());
  }

  private ZoneOffset offset() {
    return ZoneOffset.ofTotalSeconds(
        random.nextInt(-ZoneOffset.MAX.getTotalSeconds(), ZoneOffset.MAX.getTotalSeconds() + 1));
  }

  private ZoneId zone() {
    return random.nextInt(10) == 0 ? offset() : ZONES.get(random.nextInt(ZONES.size()));
  }

  private byte[] bytes() {
    byte[] bytes = new byte[random.nextInt(40)];
    random.nextBytes(bytes);
    return bytes;
  }

  private GeoPoint point() {
    return GeoPoint.of(
        random.nextDouble(-180, 180),
        random.nextDouble(-MAX_INDEXABLE_LATITUDE, MAX_INDEXABLE_LATITUDE));
  }

  private Address address() {
    return new Address(maybe(this::string), maybe(this::string), maybe(this::point));
  }

  private Place place() {
    return new Place(
        maybe(this::string),
        maybe(() -> LocalDate.ofInstant(instant(), ZoneOffset.UTC)),
        maybe(this::color));
  }

  private Contact contact() {
    return new Contact(maybe(this::string), maybe(this::string), maybe(this::address));
  }

  private <T> List<T> list(Supplier<T> element) {
    List<T> list = new ArrayList<>();
    int size = random.nextInt(6);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  private <V> Map<String, V> map(Supplier<V> value) {
    Map<String, V> map = new LinkedHashMap<>();
    int size = random.nextInt(5);
    for (int i = 0; i < size; i++) {
      map.put(string(), value.get());
    }
    return map;
  }

  /** Any double bit pattern but NaN (payloads included), which a numeric index rejects. */
  private static double indexableDouble(long bits) {
    double value = Double.longBitsToDouble(bits);
    return Double.isNaN(value) ? Double.longBitsToDouble(bits & ~(1L << 62)) : value;
  }
}
