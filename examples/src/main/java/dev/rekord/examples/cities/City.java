package dev.rekord.examples.cities;

import dev.rekord.GeoPoint;
import dev.rekord.annotations.Geo;
import dev.rekord.annotations.Id;
import dev.rekord.annotations.Indexed;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Tag;

/**
 * A city from the GeoNames gazetteer, stored as one Redis hash at {@code city:<id>}.
 *
 * @param id a readable, stable key such as {@code no-12-oslo}; see {@link CityIds}
 * @param name the city's name, as GeoNames spells it
 * @param country the ISO 3166-1 alpha-2 country code, e.g. {@code NO}
 * @param admin1 the GeoNames code of the first-level administrative division, possibly empty
 * @param location where the city is
 */
@RedisModel(prefix = "city")
public record City(
    @Id String id,
    @Indexed String name,
    @Tag String country,
    String admin1,
    @Geo GeoPoint location) {}
