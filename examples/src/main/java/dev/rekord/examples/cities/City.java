package dev.rekord.examples.cities;

import dev.rekord.model.GeoPoint;
import dev.rekord.annotations.Geo;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Numeric;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;

/**
 * A city from the GeoNames gazetteer, stored as one Redis hash at {@code {city}:<id>}, with its
 * indexed fields in Rekord's index (keys {@code {city}#…}), written in the same atomic script.
 *
 * @param id a readable, stable key such as {@code no-12-oslo}; see {@link CityIds}
 * @param name the city's name, as GeoNames spells it; a case-insensitive, sortable tag, so
 *     {@code City_.name.startsWith("os")} finds Oslo and Osaka
 * @param country the ISO 3166-1 alpha-2 country code, e.g. {@code NO}
 * @param admin1 the GeoNames code of the first-level administrative division, possibly empty
 * @param location where the city is, indexed for radius and box searches
 * @param latitude the latitude of {@code location} again, indexed numerically so queries can ask
 *     for a band of latitudes and sort from north to south (a geo index has no order)
 */
@RedisModel(prefix = "city")
public record City(
    @Id String id,
    @Tag(caseSensitive = false, sortable = true) String name,
    @Tag String country,
    String admin1,
    @Geo GeoPoint location,
    @Numeric(sortable = true) double latitude) {

  /** A city whose {@code latitude} is that of its {@code location}. */
  static City of(String id, String name, String country, String admin1, GeoPoint location) {
    return new City(id, name, country, admin1, location, location.latitude());
  }
}
