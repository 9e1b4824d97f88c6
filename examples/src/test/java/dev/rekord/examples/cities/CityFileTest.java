package dev.rekord.examples.cities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.model.GeoPoint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CityFileTest {

  private final List<City> sample = CityFile.readSample();

  @Test
  void readsTheBundledSample() {
    assertEquals(201, sample.size());
    assertEquals(sample.size(), new HashSet<>(sample.stream().map(City::id).toList()).size());
  }

  @Test
  void readsCoordinatesAsLongitudeThenLatitude() {
    City oslo = sample.stream().filter(c -> c.id().equals("no-12-oslo")).findFirst().orElseThrow();
    assertEquals(new City("no-12-oslo", "Oslo", "NO", "12", GeoPoint.of(10.74609, 59.91273), 59.91273), oslo);
  }

  @Test
  void holdsTheCitiesTheDemoLooksUp() {
    Set<String> ids = new HashSet<>(sample.stream().map(City::id).toList());
    assertTrue(ids.containsAll(CitiesDemo.WELL_KNOWN), () -> "missing from the sample: " + CitiesDemo.WELL_KNOWN);
  }

  @Test
  void summarisesCountries() {
    Country norway = Countries.of(sample).stream().filter(c -> c.code().equals("NO")).findFirst().orElseThrow();
    assertEquals(
        norway.cityCount(), norway.citiesByRegion().values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(norway.bounds().southWest().latitude() <= 59.91273);
    assertTrue(norway.bounds().northEast().latitude() >= 59.91273);
  }
}
