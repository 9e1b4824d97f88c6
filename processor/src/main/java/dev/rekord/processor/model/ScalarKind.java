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
  DURATION(Family.DURATION),
  BYTES(Family.OPAQUE),
  GEO_POINT(Family.GEO);

  /** What kind of index and query operations a scalar supports. */
  public enum Family {
    TAG,
    NUMBER,
    TEMPORAL,
    DURATION,
    GEO,
    OPAQUE
  }

  private final Family family;

  ScalarKind(Family family) {
    this.family = family;
  }

  public Family family() {
    return family;
  }
}
