package dev.rekord.query;

/** Units of distance for geo queries, as Redis names them. */
public enum DistanceUnit {
  M(1), KM(1000), MI(1609.344), FT(0.3048);

  private final double meters;

  DistanceUnit(double meters) {
    this.meters = meters;
  }

  /** {@code value} of this unit in meters. */
  public double toMeters(double value) {
    return value * meters;
  }
}
