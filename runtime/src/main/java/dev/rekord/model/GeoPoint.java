package dev.rekord.model;

/**
 * A point on Earth, in degrees. Stored as {@code "longitude,latitude"} (the order Redis GEO
 * commands use).
 *
 * @param longitude degrees east, from -180 to 180
 * @param latitude degrees north, from -85.05112878 to 85.05112878 (the range Redis can index)
 */
public record GeoPoint(double longitude, double latitude) {

  public GeoPoint {
    if (!(longitude >= -180 && longitude <= 180)) {
      throw new IllegalArgumentException("longitude must be within [-180, 180]: " + longitude);
    }
    if (!(latitude >= -90 && latitude <= 90)) {
      throw new IllegalArgumentException("latitude must be within [-90, 90]: " + latitude);
    }
  }

  /** A point from longitude and latitude, in that order (as Redis GEO commands take them). */
  public static GeoPoint of(double longitude, double latitude) {
    return new GeoPoint(longitude, latitude);
  }
}
