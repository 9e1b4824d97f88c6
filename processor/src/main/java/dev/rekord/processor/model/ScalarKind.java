package dev.rekord.processor.model;

/**
 * The supported single-value types. Each name is also the name of the runtime codec constant
 * ({@code ValueCodecs.LOCAL_DATE}).
 */
public enum ScalarKind {
  STRING(Family.TAG),
  BOOLEAN(Family.TAG),
  CHAR(Family.TAG),
  BYTE(Family.NUMBER),
  SHORT(Family.NUMBER),
  INT(Family.NUMBER),
  LONG(Family.NUMBER),
  FLOAT(Family.NUMBER),
  DOUBLE(Family.NUMBER),
  BIG_DECIMAL(Family.NUMBER),
  BIG_INTEGER(Family.NUMBER),
  UUID(Family.TAG),
  INSTANT(Family.TEMPORAL),
  LOCAL_DATE(Family.TEMPORAL),
  LOCAL_DATE_TIME(Family.TEMPORAL),
  LOCAL_TIME(Family.TEMPORAL),
  OFFSET_DATE_TIME(Family.TEMPORAL),
  ZONED_DATE_TIME(Family.TEMPORAL),
  OFFSET_TIME(Family.TEMPORAL),
  YEAR(Family.TEMPORAL),
  YEAR_MONTH(Family.TEMPORAL),
  MONTH_DAY(Family.ORDERED),
  ZONE_OFFSET(Family.ORDERED),
  PERIOD(Family.TAG),
  ZONE_ID(Family.TAG),
  DURATION(Family.ORDERED),
  BYTES(Family.OPAQUE),
  FLOAT_VECTOR(Family.VECTOR),
  GEO_POINT(Family.GEO);

  /**
   * What kind of index and query operations a scalar supports. {@code TEMPORAL} values are
   * {@code java.time.temporal.Temporal}s (a {@code DateField}); {@code ORDERED} ones are compared
   * like them, but are not {@code Temporal}s (a {@code ComparableField}); {@code TAG} values have
   * no order, only equality.
   */
  public enum Family {
    TAG,
    NUMBER,
    TEMPORAL,
    ORDERED,
    GEO,
    OPAQUE,
    /** {@code float[]}: stored as a FLOAT32 blob; indexed by {@code @Vector} only. */
    VECTOR
  }

  private final Family family;

  ScalarKind(Family family) {
    this.family = family;
  }

  public Family family() {
    return family;
  }
}
