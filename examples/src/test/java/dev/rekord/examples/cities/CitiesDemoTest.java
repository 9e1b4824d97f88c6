package dev.rekord.examples.cities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the whole demo on the bundled sample, against a throwaway redis-server it starts itself. */
class CitiesDemoTest {

  @Test
  void storesAndReadsTheSample() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CitiesDemo.Summary summary =
        CitiesDemo.run(null, null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertEquals(201, summary.citiesRead());
    assertEquals(201, summary.citiesCounted(), output);
    assertTrue(output.contains(CitiesDemo.ATTRIBUTION), output);
    assertTrue(output.contains("Asked for 203 ids"), output);
    assertTrue(output.contains("1 missing [xx-no-such-city], 1 failed"), output);
    assertTrue(output.contains("Oslo, NO at 10.74609,59.91273 (lng,lat)"), output);
    assertTrue(output.contains("location   10.74609,59.91273"), output);
  }
}
