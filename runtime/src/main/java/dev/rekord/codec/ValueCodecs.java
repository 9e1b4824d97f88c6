package dev.rekord.codec;

import dev.rekord.GeoPoint;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The codecs of every supported value type. Constant names match the processor's scalar kinds, so
 * generated code reads {@code ValueCodecs.LOCAL_DATE}. The stored forms are documented in {@code
 * docs/modelling.md}.
 */
public final class ValueCodecs {
  private ValueCodecs() {}

  // TODO(runtime): implement every codec; placeholders keep the contract compiling.
  public static final ValueCodec<String> STRING = null;
  public static final ValueCodec<Boolean> BOOLEAN = null;
  public static final ValueCodec<Character> CHAR = null;
  public static final ValueCodec<Byte> BYTE = null;
  public static final ValueCodec<Short> SHORT = null;
  public static final ValueCodec<Integer> INT = null;
  public static final ValueCodec<Long> LONG = null;
  public static final ValueCodec<Float> FLOAT = null;
  public static final ValueCodec<Double> DOUBLE = null;
  public static final ValueCodec<BigDecimal> BIG_DECIMAL = null;
  public static final ValueCodec<BigInteger> BIG_INTEGER = null;
  public static final ValueCodec<UUID> UUID = null;
  public static final ValueCodec<Instant> INSTANT = null;
  public static final ValueCodec<LocalDate> LOCAL_DATE = null;
  public static final ValueCodec<LocalDateTime> LOCAL_DATE_TIME = null;
  public static final ValueCodec<LocalTime> LOCAL_TIME = null;
  public static final ValueCodec<OffsetDateTime> OFFSET_DATE_TIME = null;
  public static final ValueCodec<ZonedDateTime> ZONED_DATE_TIME = null;
  public static final ValueCodec<Duration> DURATION = null;
  public static final ValueCodec<byte[]> BYTES = null;
  public static final ValueCodec<GeoPoint> GEO_POINT = null;

  /** Enum constants by {@link Enum#name()}. */
  public static <E extends Enum<E>> ValueCodec<E> ofEnum(Class<E> type) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /** A list: a JSON array (as text in a hash field). Decodes to a mutable {@code ArrayList}. */
  public static <E> ValueCodec<List<E>> listOf(ValueCodec<E> element) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /** A set: a JSON array (as text in a hash field). Decodes to a {@code LinkedHashSet}. */
  public static <E> ValueCodec<Set<E>> setOf(ValueCodec<E> element) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }

  /** A map with string keys: a JSON object (as text in a hash field). Decodes to a {@code LinkedHashMap}. */
  public static <V> ValueCodec<Map<String, V>> mapOf(ValueCodec<V> value) {
    throw new UnsupportedOperationException("TODO(runtime)");
  }
}
