package dev.rekord.examples.cities;

import dev.rekord.annotations.Id;
import dev.rekord.annotations.RedisModel;
import dev.rekord.annotations.Storage;
import java.util.Map;

/**
 * What the demo learned about one country from its cities, stored as one JSON document at
 * {@code country:<code>}.
 *
 * @param code the ISO 3166-1 alpha-2 country code, e.g. {@code NO}
 * @param cityCount how many of the country's cities are in the data
 * @param bounds the box around all of them
 * @param citiesByRegion the number of cities per first-level division code, in order of first
 *     appearance; cities without a division count under {@code ""}
 */
@RedisModel(prefix = "country", storage = Storage.JSON)
public record Country(
    @Id String code, int cityCount, Bounds bounds, Map<String, Integer> citiesByRegion) {}
