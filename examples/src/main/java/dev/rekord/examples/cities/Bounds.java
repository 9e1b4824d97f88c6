package dev.rekord.examples.cities;

import dev.rekord.model.GeoPoint;

/**
 * The smallest latitude/longitude box holding a set of points. Embedded in {@link Country}: a
 * record without {@code @RedisModel} is stored inside its owner.
 *
 * @param southWest the smallest longitude and latitude
 * @param northEast the largest longitude and latitude
 */
public record Bounds(GeoPoint southWest, GeoPoint northEast) {

  /** The box around a single point. */
  static Bounds of(GeoPoint point) {
    return new Bounds(point, point);
  }

  /** The box around this one and {@code point}. */
  Bounds include(GeoPoint point) {
    return new Bounds(
        GeoPoint.of(
            Math.min(southWest.longitude(), point.longitude()),
            Math.min(southWest.latitude(), point.latitude())),
        GeoPoint.of(
            Math.max(northEast.longitude(), point.longitude()),
            Math.max(northEast.latitude(), point.latitude())));
  }
}
