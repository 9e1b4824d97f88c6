package dev.rekord.examples.cities;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    assertTrue(output.contains("latitude   59.91273"), output);
    assertTrue(output.contains("{city}:no-12-oslo"), output);
    assertTrue(output.contains("rekord.migrate()"), output);
    assertTrue(output.contains("City     prefix city     CREATED  1 bucket(s)"), output);
  }

  @Test
  void pointsToTheModelAndReportsProgressWhileSaving() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CitiesDemo.run(null, null, new PrintStream(bytes, true, StandardCharsets.UTF_8), 50);
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertTrue(output.contains("The model: " + CitiesDemo.MODEL_SOURCE), output);
    // The path is relative to the repository; tests run in the examples module.
    assertTrue(Files.isRegularFile(Path.of("..").resolve(CitiesDemo.MODEL_SOURCE)), CitiesDemo.MODEL_SOURCE);
    for (String progress : List.of("  50 of 201 saved (24%)", "  100 of 201 saved (49%)", "  150 of 201 saved (74%)",
        "  200 of 201 saved (99%)")) {
      assertTrue(output.contains(progress), output);
    }
    assertTrue(output.contains("Saved 201 cities in 5 batches"), output);
  }

  @Test
  void queriesTheSample() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CitiesDemo.Summary summary =
        CitiesDemo.run(null, null, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String output = bytes.toString(StandardCharsets.UTF_8);
    Map<String, CitiesDemo.QueryResult> queries = summary.queries();

    // Within 50 km of Oslo's centre: only Oslo in the sample.
    assertEquals(new CitiesDemo.QueryResult(1, List.of("no-12-oslo")), queries.get("near"), output);
    // By country, sorted by name (case-insensitively): Høylandet before Oslo.
    assertEquals(new CitiesDemo.QueryResult(2, List.of("no-21-høylandet", "no-12-oslo")),
        queries.get("country"), output);
    // Name prefix, case-insensitive: "os" finds Oslo, not Koslan (which only contains it).
    assertEquals(List.of("no-12-oslo"), queries.get("prefix").ids(), output);
    // North of the Arctic circle, northernmost first.
    assertEquals(new CitiesDemo.QueryResult(1, List.of("sj-21-longyearbyen")), queries.get("arctic"), output);
    // Nordic countries, 64° to 66.56° north, names not starting with H, northernmost first.
    assertEquals(List.of("is-40-dalvik", "is-39-reykjavik", "fi-18-sotkamo"), queries.get("nordic").ids(), output);
    assertEquals(3, queries.get("nordic").matches(), output);
    // The southern hemisphere: counted, and sorted south to north, starting with Ushuaia.
    CitiesDemo.QueryResult south = queries.get("south");
    assertTrue(south.matches() > 10 && south.matches() < 201, output);
    assertEquals("ar-23-ushuaia", south.ids().get(0), output);
    assertEquals(CitiesDemo.SHOWN, south.ids().size(), output);
    // Every city, northernmost first.
    assertEquals(201, queries.get("all").matches(), output);
    assertEquals("sj-21-longyearbyen", queries.get("all").ids().get(0), output);
    assertTrue(output.contains("City_.location.within(GeoPoint.of(10.75, 59.91), 50, KM)"), output);
    assertTrue(output.contains("count() = 2 in "), output);
  }
}
