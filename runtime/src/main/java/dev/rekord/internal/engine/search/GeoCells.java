package dev.rekord.internal.engine.search;

/**
 * The point Redis stores for a longitude and latitude: GEO sets (and the Query Engine's GEO
 * fields) keep a 52-bit geohash, so a point reads back as the centre of its cell. The portable
 * engine filters boxes on those decoded coordinates ({@code GEOSEARCH … WITHCOORD}); the search
 * engine stores them beside the point, computed as Redis' {@code geohash.c} computes them, so a
 * point on a box's edge falls on the same side on both engines.
 */
final class GeoCells {

  private static final double LAT_MIN = -85.05112878;
  private static final double LAT_MAX = 85.05112878;
  private static final double LON_MIN = -180;
  private static final double LON_MAX = 180;
  private static final int STEP = 26;

  private GeoCells() {}

  /** The centre of the cell of ({@code longitude}, {@code latitude}): {longitude, latitude}. */
  static double[] center(double longitude, double latitude) {
    long lat = cell(latitude, LAT_MIN, LAT_MAX);
    long lon = cell(longitude, LON_MIN, LON_MAX);
    double lonScale = LON_MAX - LON_MIN;
    double latScale = LAT_MAX - LAT_MIN;
    double lonLow = LON_MIN + (lon * 1.0 / (1L << STEP)) * lonScale;
    double lonHigh = LON_MIN + ((lon + 1) * 1.0 / (1L << STEP)) * lonScale;
    double latLow = LAT_MIN + (lat * 1.0 / (1L << STEP)) * latScale;
    double latHigh = LAT_MIN + ((lat + 1) * 1.0 / (1L << STEP)) * latScale;
    double x = Math.max(LON_MIN, Math.min(LON_MAX, (lonLow + lonHigh) / 2));
    double y = Math.max(LAT_MIN, Math.min(LAT_MAX, (latLow + latHigh) / 2));
    return new double[] {x, y};
  }

  /** The cell index along one axis, truncated as C truncates a double cast to an integer. */
  private static long cell(double value, double min, double max) {
    double offset = (value - min) / (max - min);
    offset *= (1L << STEP);
    return (long) offset & 0xFFFFFFFFL;
  }
}
