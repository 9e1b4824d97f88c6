package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.engine.portable.Doc.Doc_;
import dev.rekord.query.Condition;
import dev.rekord.query.Sort;
import dev.rekord.test.RedisExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ids, values and prefixes holding the bytes 0 and 1 (the separator of {@code value\0id} members
 * and its escape) through every operator, sorted, paged, counted and through a cursor, on one
 * bucket and on several: each answer must be the exact one.
 */
class ByteZeroTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.create();

  /** Values around the separator: empty, the bytes 0 and 1 alone, before, inside and after text. */
  private static final String[] VALUES = {"", "\0", "\0\0", "\1", "\1\0", "a", "a\0", "a\0b", "a\0\0", "a\1",
      "a\1b", "a\2", "ab", "b\0"};
  private static final String[] IDS = {"plain", "\0", "\0\0", "a\0", "a\0b", "\1", "x\0\1y", "z", "a", "a\1"};

  private final Map<String, Doc> docs = new LinkedHashMap<>();
  private PortableQueries engine;

  private static Doc doc(String id, String city, String word, List<String> tags) {
    return new Doc(id, city, city == null ? null : city.toUpperCase(java.util.Locale.ROOT), null, null, null,
        word, null, tags);
  }

  @ParameterizedTest(name = "{0} bucket(s)")
  @ValueSource(ints = {1, 4})
  void everyOperatorIsExactForEveryString(int buckets) {
    KeyLayout layout = KeyLayout.of("zero" + buckets, buckets);
    try (RedisConnection connection = IndexMaintenanceTest.open(redis.server().host(), redis.server().port())) {
      IndexWriter writer = new IndexWriter(connection, layout);
      engine = new PortableQueries(connection, layout);
      for (int i = 0; i < IDS.length * 3; i++) {
        String id = IDS[i % IDS.length] + (i < IDS.length ? "" : i < 2 * IDS.length ? "\0" + i : "\1" + i);
        String city = i % 13 == 12 ? null : VALUES[i % VALUES.length];
        Doc doc = doc(id, city, "word" + (i % 3) + "\0 other", List.of(VALUES[(i + 3) % VALUES.length], "t"));
        writer.saveHash(id, Map.of("id", id), Duration.ZERO, doc.entries());
        docs.put(id, doc);
      }

      // the defects as reported: an id holding the byte 0 is found by eq, startsWith, matchesPrefix
      assertQuery(Doc_.city.eq("a\0b"), d -> "a\0b".equals(d.city()));
      assertQuery(Doc_.city.startsWith("a"), d -> d.city() != null && d.city().startsWith("a"));
      assertQuery(Doc_.bio.matchesPrefix("wor"), d -> true);
      // a prefix holding the byte 0 matches only values that start with it; "\0" never matches ""
      assertQuery(Doc_.city.startsWith("\0"), d -> d.city() != null && d.city().startsWith("\0"));
      assertQuery(Doc_.city.startsWith("a\0"), d -> d.city() != null && d.city().startsWith("a\0"));

      for (String value : VALUES) {
        assertQuery(Doc_.city.eq(value), d -> value.equals(d.city()));
        assertQuery(Doc_.city.ne(value), d -> !value.equals(d.city()));
        assertQuery(Doc_.country.eq(value.toLowerCase(java.util.Locale.ROOT)), d -> value.equals(d.city()));
        assertQuery(Doc_.city.in(value, "ab"), d -> value.equals(d.city()) || "ab".equals(d.city()));
        assertQuery(Doc_.city.startsWith(value), d -> d.city() != null && d.city().startsWith(value));
        assertQuery(Doc_.country.startsWith(value), d -> d.city() != null && d.city().startsWith(value));
        assertQuery(Doc_.tags.contains(value), d -> d.tags().contains(value));
        assertQuery(Doc_.tags.containsAll(value, "t"), d -> d.tags().contains(value));
        assertQuery(Doc_.tags.containsAny(value, "none"), d -> d.tags().contains(value));
        assertQuery(Doc_.city.eq(value).and(Doc_.tags.contains("t")), d -> value.equals(d.city()));
        assertQuery(Doc_.city.startsWith(value).and(Doc_.bio.matches("word1")),
            d -> d.city() != null && d.city().startsWith(value) && d.bio().startsWith("word1"));
      }
      assertQuery(Doc_.bio.matches("word2"), d -> d.bio().startsWith("word2"));
      assertQuery(Doc_.city.isNull(), d -> d.city() == null);
      assertQuery(null, d -> true);
    }
  }

  /** Ids, count, every sort by the tag (pages included) and a cursor agree with the evaluation. */
  private void assertQuery(Condition<Doc> condition, Predicate<Doc> expected) {
    List<Doc> matches = docs.values().stream().filter(expected).toList();
    String what = String.valueOf(condition).replace("\0", "\\0").replace("\1", "\\1");
    assertEquals(ids(matches, List.of()), engine.ids(condition, List.of()), what);
    assertEquals(matches.size(), engine.count(condition), what);
    for (Sort<Doc> sort : List.of(Doc_.city.asc(), Doc_.city.desc())) {
      List<Sort<Doc>> by = List.of(sort);
      List<String> all = ids(matches, by);
      assertEquals(all, engine.ids(condition, by), what + " " + sort);
      assertEquals(all.subList(Math.min(3, all.size()), Math.min(7, all.size())), engine.ids(condition, by, 3, 4),
          what + " " + sort + " page");
      List<String> cursor = new ArrayList<>();
      try (SnapshotCursor ids = engine.cursor(condition, by, 2, Duration.ofMinutes(1))) {
        ids.forEachRemaining(cursor::add);
      }
      assertEquals(all, cursor, what + " " + sort + " cursor");
    }
  }

  /** The documented order: by the sort key (nulls last), ties and no key by id, all byte-wise. */
  private static List<String> ids(List<Doc> matches, List<Sort<Doc>> sort) {
    Comparator<Doc> byId = (a, b) -> bytes(a.id(), b.id());
    Comparator<Doc> order = byId;
    if (!sort.isEmpty()) {
      boolean desc = sort.get(0).descending();
      Comparator<Doc> byCity = (a, b) -> {
        if (a.city() == null || b.city() == null) {
          return a.city() == null ? (b.city() == null ? 0 : 1) : -1;
        }
        return desc ? bytes(b.city(), a.city()) : bytes(a.city(), b.city());
      };
      order = byCity.thenComparing(desc ? byId.reversed() : byId);
    }
    return matches.stream().sorted(order).map(Doc::id).toList();
  }

  private static int bytes(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
