package dev.rekord.examples.cities;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CityIdsTest {

  @Test
  void joinsCountryDivisionAndNameWithoutAccents() {
    assertEquals("br-27-sao-paulo", new CityIds().next("BR", "27", "São Paulo"));
  }

  @Test
  void keepsLettersOfOtherScripts() {
    assertEquals("ru-48-москва", new CityIds().next("RU", "48", "Москва"));
  }

  @Test
  void leavesOutAnEmptyDivision() {
    assertEquals("sg-singapore", new CityIds().next("SG", "", "Singapore"));
  }

  @Test
  void numbersRepeatsInOrder() {
    CityIds ids = new CityIds();
    assertEquals("us-ny-lima", ids.next("US", "NY", "Lima"));
    assertEquals("us-ny-lima-2", ids.next("US", "NY", "Lima"));
    assertEquals("us-ny-lima-3", ids.next("US", "NY", "Lima."));
  }
}
