package dev.rekord.examples.cities;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums cities up per country. */
final class Countries {

  private Countries() {}

  /** One {@link Country} per country code, in order of first appearance. */
  static List<Country> of(List<City> cities) {
    Map<String, Country> byCode = new LinkedHashMap<>();
    for (City city : cities) {
      byCode.merge(city.country(), first(city), Countries::add);
    }
    return new ArrayList<>(byCode.values());
  }

  private static Country first(City city) {
    Map<String, Integer> regions = new LinkedHashMap<>();
    regions.put(city.admin1(), 1);
    return new Country(city.country(), 1, Bounds.of(city.location()), regions);
  }

  private static Country add(Country country, Country one) {
    Map<String, Integer> regions = country.citiesByRegion();
    one.citiesByRegion().forEach((region, count) -> regions.merge(region, count, Integer::sum));
    return new Country(
        country.code(),
        country.cityCount() + one.cityCount(),
        country.bounds().include(one.bounds().southWest()),
        regions);
  }
}
