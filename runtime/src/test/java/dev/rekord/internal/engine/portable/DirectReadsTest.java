package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ScriptCall;
import dev.rekord.internal.engine.portable.Doc.Doc_;
import dev.rekord.internal.engine.portable.PortableQueries.PageRow;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import dev.rekord.test.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Results read straight off one index with plain commands ({@link DirectReads}) against an
 * in-memory evaluation: every id, a tag value (case-folded), an element of a tag collection, a
 * numeric range sorted by its own field in both directions; random offsets and limits; ids holding
 * the bytes 0 and 1. They run no script; a bucket with expiring documents, and a list of more than
 * {@link DirectReads#LIST_IDS} ids, go to the query script and answer the same.
 */
public class DirectReadsTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  private static final long SEED = Long.getLong("rekord.seed", 20261205L);
  private static final int DOCUMENTS = 6_000;
  private static final String[] COUNTRIES = {"NO", "se", "Dk", "fi", "IS"};
  private static final String[] TAGS = {"chess", "go", "bridge", "poker"};

  private final List<Doc> docs = new ArrayList<>();

  /** The documents, saved anew for each test (the extension empties the server after each). */
  private void load() {
    Random random = new Random(SEED);
    try (RedisConnection connection = connect()) {
      IndexWriter writer = new IndexWriter(connection, layout());
      List<ScriptCall> saves = new ArrayList<>();
      for (int i = 0; i < DOCUMENTS; i++) {
        String id = switch (random.nextInt(4)) {
          case 0 -> "d\0" + i;
          case 1 -> "\1" + i;
          case 2 -> "ø" + i;
          default -> "d" + i;
        };
        String country = random.nextBoolean() ? "NO" : COUNTRIES[random.nextInt(COUNTRIES.length)];
        String cased = random.nextBoolean() ? country : country.toLowerCase(Locale.ROOT);
        Integer age = random.nextInt(12) == 0 ? null : random.nextInt(40);
        LocalDate born = random.nextInt(12) == 0 ? null : LocalDate.ofEpochDay(random.nextInt(20_000));
        List<String> tags = random.nextInt(5) == 0 ? List.of() : List.of(TAGS[random.nextInt(TAGS.length)]);
        Doc doc = new Doc(id, null, cased, age, born, null, null, null, tags);
        saves.add(writer.saveHashCall(id, Map.of("id", id), Duration.ZERO, doc.entries()));
        docs.add(doc);
      }
      writer.saveAll(saves);
    }
  }

  @Test
  public void directResultsEqualTheInMemoryEvaluationAndRunNoScript() {
    load();
    Random random = new Random(SEED + 1);
    try (RedisConnection connection = connect()) {
      PortableQueries engine = new PortableQueries(connection, layout());
      int listed = 0;
      for (int q = 0; q < 200; q++) {
        Query query = query(random);
        List<Doc> matching = docs.stream().filter(query.where()).sorted(query.order()).toList();
        long offset = random.nextInt(4) == 0 ? 0 : random.nextInt(matching.size() + 10);
        long limit = random.nextInt(3) == 0 ? PortableQueries.NO_LIMIT : random.nextInt(3_000);
        List<String> expected = matching.stream().skip(offset)
            .limit(limit == PortableQueries.NO_LIMIT ? Long.MAX_VALUE : limit).map(Doc::id).toList();
        String what = "query " + q + " (seed " + SEED + "): " + query + " offset " + offset + " limit " + limit;
        long scripts = evalshaCalls();
        assertSame(expected, engine.ids(query.condition(), query.sort(), offset, limit), what);
        assertEquals(scripts, evalshaCalls(), "ids read with plain commands: " + what);
        // a list of at most LIST_IDS with no limit, or one larger than a page read with its documents by a script
        if (expected.size() <= DirectReads.LIST_IDS
            && (limit == PortableQueries.NO_LIMIT || limit > PortableQueries.DOCUMENTS_PAGE)) {
          assertSame(expected, listed(engine, query, offset, limit), what);
          assertEquals(scripts, evalshaCalls(), "a list read with plain commands: " + what);
          listed++;
        }
      }
      assertTrue(listed > 50, "lists read: " + listed);
    }
  }

  /**
   * A page of at most {@link PortableQueries#ONE_TRIP_PAGE} rows comes with its documents from the
   * script (one round trip); a larger page of one index reads its ids off the index, and the caller
   * its documents.
   */
  @Test
  public void aLargePageOfOneIndexReadsItsIdsOffTheIndex() {
    load();
    try (RedisConnection connection = connect()) {
      PortableQueries engine = new PortableQueries(connection, layout());
      List<String> byId = docs.stream().sorted(Comparator.comparing(Doc::id, DirectReadsTest::compareBytes))
          .map(Doc::id).toList();
      long scripts = evalshaCalls();
      List<PageRow> small = engine.page(null, List.of(), 3, PortableQueries.ONE_TRIP_PAGE);
      assertEquals(byId.subList(3, 3 + (int) PortableQueries.ONE_TRIP_PAGE), small.stream().map(PageRow::id).toList());
      assertTrue(small.stream().allMatch(row -> row.document() != null), "read with the ids");
      assertEquals(scripts + 1, evalshaCalls(), "one script call");

      List<PageRow> large = engine.page(null, List.of(), 3, 500);
      assertEquals(byId.subList(3, 503), large.stream().map(PageRow::id).toList());
      assertTrue(large.stream().allMatch(row -> row.document() == null), "the caller loads them");
      assertEquals(scripts + 1, evalshaCalls(), "no script");
    }
  }

  @Test
  public void countsOfOneIndexEqualTheInMemoryEvaluationAndRunNoScript() {
    load();
    Random random = new Random(SEED + 2);
    try (RedisConnection connection = connect()) {
      PortableQueries engine = new PortableQueries(connection, layout());
      long scripts = evalshaCalls();
      for (int q = 0; q < 100; q++) {
        Query query = query(random);
        if (random.nextBoolean() && query.condition() != null && !query.sort().isEmpty()) {
          // a range in any order counts the same
          query = new Query(query.condition(), query.where(), List.of(), null);
        }
        assertEquals(docs.stream().filter(query.where()).count(), engine.count(query.condition()), query.toString());
      }
      assertEquals(scripts, evalshaCalls(), "counted with plain commands");
    }
  }

  /**
   * A list of more ids than one reply carries ({@link DirectReads#LIST_IDS}) is counted with its
   * first ids and snapshotted by the script; one of fewer is read off the index after the count,
   * and one of at most {@link DirectReads#FIRST_IDS} comes with its count.
   */
  @Test
  public void aListLargerThanOneReplyIsCountedThenSnapshottedByTheScript() {
    KeyLayout layout = KeyLayout.of("direct-large", 1);
    List<String> ids = new ArrayList<>();
    try (RedisConnection connection = connect()) {
      IndexWriter writer = new IndexWriter(connection, layout);
      List<ScriptCall> saves = new ArrayList<>();
      for (int i = 0; i < DirectReads.LIST_IDS + 100; i++) {
        String id = String.format("l%06d", i);
        saves.add(writer.saveHashCall(id, Map.of("id", id), Duration.ZERO, IndexEntries.create()));
        ids.add(id);
      }
      writer.saveAll(saves);
      PortableQueries engine = new PortableQueries(connection, layout);
      Query all = new Query(null, d -> true, List.of(), null);

      redis.server().command("CONFIG", "RESETSTAT");
      assertSame(ids, listed(engine, all, 0, PortableQueries.NO_LIMIT), "every id");
      assertEquals(1, commandCalls("evalsha"), "more than LIST_IDS ids: the query script's snapshot");
      assertEquals(1, commandCalls("exec"), "counted with its first ids: " + redis.server().command("INFO", "commandstats"));

      redis.server().command("CONFIG", "RESETSTAT");
      assertSame(ids.subList(150, ids.size()), listed(engine, all, 150, PortableQueries.NO_LIMIT), "from 150");
      assertEquals(0, commandCalls("evalsha"), "LIST_IDS ids or fewer: read off the index");
      assertEquals(2, commandCalls("exec"), "counted, then read: " + redis.server().command("INFO", "commandstats"));

      redis.server().command("CONFIG", "RESETSTAT");
      int from = ids.size() - DirectReads.FIRST_IDS;
      assertSame(ids.subList(from, ids.size()), listed(engine, all, from, PortableQueries.NO_LIMIT), "the last FIRST_IDS");
      assertEquals(1, commandCalls("exec"), "read with its count: " + redis.server().command("INFO", "commandstats"));
    }
  }

  @Test
  public void aBucketWithExpiringDocumentsIsAnsweredByTheScript() throws InterruptedException {
    KeyLayout layout = KeyLayout.of("direct-expiring", 1);
    try (RedisConnection connection = connect()) {
      IndexWriter writer = new IndexWriter(connection, layout);
      PortableQueries engine = new PortableQueries(connection, layout);
      for (int i = 0; i < 30; i++) {
        Doc doc = new Doc("e" + i, null, "NO", i, null, null, null, null, List.of());
        writer.saveHash(doc.id(), Map.of("id", doc.id()), i % 3 == 0 ? Duration.ofMillis(1) : Duration.ZERO, doc.entries());
      }
      Thread.sleep(20); // every third document has expired; its index entries wait for the sweep
      List<String> living = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        if (i % 3 != 0) {
          living.add("e" + i);
        }
      }
      living.sort(DirectReadsTest::compareBytes);
      long scriptsBefore = evalshaCalls();
      assertEquals(living.size(), engine.count(Doc_.country.eq("no"))); // before any sweep
      assertEquals(living, engine.ids(Doc_.country.eq("no"), List.of(), 0, PortableQueries.NO_LIMIT));
      assertEquals(living.subList(3, 8), engine.ids(null, List.of(), 3, 5));
      assertTrue(evalshaCalls() > scriptsBefore, "expiring documents: the script sweeps them");
    }
  }

  /** The same ids in the same order; a failure names the first difference, not every id. */
  private static void assertSame(List<String> expected, List<String> actual, String what) {
    int i = 0;
    while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
      i++;
    }
    if (i < expected.size() || i < actual.size()) {
      fail(what + ": " + expected.size() + " ids expected, " + actual.size() + " read; the first difference at "
          + i + ": " + (i < expected.size() ? expected.get(i) : "none") + " expected, "
          + (i < actual.size() ? actual.get(i) : "none") + " read");
    }
  }

  /** The ids {@code pages} hands over, each with its document. */
  private static List<String> listed(PortableQueries engine, Query query, long offset, long limit) {
    List<String> ids = new ArrayList<>();
    engine.pages(query.condition(), query.sort(), offset, limit, page -> {
      for (PageRow row : page) {
        assertNotNull(row.document(), row.id());
        ids.add(row.id());
      }
    });
    return ids;
  }

  /** A query of one index: its condition and sort, and the same in memory. */
  private record Query(Condition<Doc> condition, Predicate<Doc> where, List<Sort<Doc>> sort,
      Comparator<Doc> sortOrder) {

    Comparator<Doc> order() {
      Comparator<Doc> byId = Comparator.comparing(Doc::id, DirectReadsTest::compareBytes);
      if (sortOrder == null) {
        return byId;
      }
      boolean descending = sort.get(0).descending();
      Comparator<Doc> ascending = sortOrder.thenComparing(byId);
      return descending ? ascending.reversed() : ascending;
    }
  }

  private static Query query(Random random) {
    switch (random.nextInt(5)) {
      case 0:
        return new Query(null, d -> true, List.of(), null);
      case 1: {
        String country = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String asked = random.nextBoolean() ? country.toUpperCase(Locale.ROOT) : country.toLowerCase(Locale.ROOT);
        return new Query(Doc_.country.eq(asked), d -> d.country().equalsIgnoreCase(country), List.of(), null);
      }
      case 2: {
        String tag = TAGS[random.nextInt(TAGS.length)];
        return new Query(Doc_.tags.contains(tag), d -> d.tags().contains(tag), List.of(), null);
      }
      case 3: {
        int lo = random.nextInt(30);
        int hi = lo + random.nextInt(10);
        Sort<Doc> sort = random.nextBoolean() ? Doc_.age.desc() : Doc_.age.asc();
        return new Query(Doc_.age.between(lo, hi), d -> d.age() != null && d.age() >= lo && d.age() <= hi,
            List.of(sort), Comparator.comparing(Doc::age));
      }
      default: {
        LocalDate lo = LocalDate.ofEpochDay(random.nextInt(15_000));
        Sort<Doc> sort = random.nextBoolean() ? Doc_.born.desc() : Doc_.born.asc();
        return new Query(Doc_.born.gt(lo), d -> d.born() != null && d.born().isAfter(lo), List.of(sort),
            Comparator.comparing(Doc::born));
      }
    }
  }

  private static int compareBytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  private static KeyLayout layout() {
    return KeyLayout.of("direct", 1);
  }

  private static RedisConnection connect() {
    return IndexMaintenanceTest.open(redis.server().host(), redis.server().port());
  }

  private static long commandCalls(String command) {
    String stats = (String) redis.server().command("INFO", "commandstats");
    for (String line : stats.split("\r\n")) {
      if (line.startsWith("cmdstat_" + command + ":")) {
        return Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
      }
    }
    return 0;
  }

  private static long evalshaCalls() {
    String stats = (String) redis.server().command("INFO", "commandstats");
    long calls = 0;
    for (String line : stats.split("\r\n")) {
      if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
        calls += Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
      }
    }
    return calls;
  }
}
