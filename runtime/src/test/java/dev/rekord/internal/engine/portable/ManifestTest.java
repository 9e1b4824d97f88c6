package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ManifestTest {
  private final KeyLayout.Bucket bucket = KeyLayout.of("member", 4).bucket(2);

  @Test
  void entriesAreWrittenRelativeToTheBucketAndReadBackWhole() {
    StringBuilder text = new StringBuilder();
    Manifest.append(text, bucket, bucket.lex("city"), "Oslo");
    Manifest.append(text, bucket, bucket.numeric("age"), null);
    Manifest.append(text, bucket, bucket.tag("tags", "a:b"), null); // a value in the key's name
    Manifest.append(text, bucket, bucket.expiring(), null);
    assertEquals("lcity:4:OsloNage:11:eq:tags:a:b=X:", text.toString());
    List<Manifest.Entry> entries = List.of(new Manifest.Entry(bucket.lex("city"), "Oslo\0m1"),
        new Manifest.Entry(bucket.numeric("age"), "m1"), new Manifest.Entry(bucket.tag("tags", "a:b"), "m1"),
        new Manifest.Entry(bucket.expiring(), "m1"));
    assertEquals(entries, Manifest.entries(text.toString(), bucket, "m1"));
    // the long form of every entry, as layouts up to 5 wrote manifests, reads back the same
    assertEquals(entries, Manifest.entries("8:lex:city4:Oslo7:num:age=11:eq:tags:a:b=3:ttl=", bucket, "m1"));
  }

  @Test
  void everyFamilyAndShapeOfKeySurvivesTheRoundTrip() {
    Random random = new Random(Long.getLong("rekord.seed", 5));
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      List<Manifest.Entry> expected = new ArrayList<>();
      for (int e = random.nextInt(6); e > 0; e--) {
        String rest = randomText(random);
        String key = switch (random.nextInt(7)) {
          case 0 -> bucket.lex(rest);
          case 1 -> bucket.tokens(rest);
          case 2 -> bucket.numeric(rest);
          case 3 -> bucket.nulls(rest);
          case 4 -> bucket.tag(rest, randomText(random));
          case 5 -> bucket.expiring();
          default -> bucket.indexBase() + "other:" + rest;
        };
        String value = random.nextBoolean() ? null : randomText(random);
        Manifest.append(text, bucket, key, value);
        expected.add(new Manifest.Entry(sent(key), value == null ? "id" : sent(value) + "\0id"));
      }
      assertEquals(expected, Manifest.entries(sent(text.toString()), bucket, "id"), text::toString);
    }
  }

  @Test
  void valuesWithSeparatorsDigitsAndAnyCharacterSurviveTheRoundTrip() {
    Random random = new Random(Long.getLong("rekord.seed", 7));
    for (int round = 0; round < 500; round++) {
      StringBuilder text = new StringBuilder();
      List<Manifest.Entry> expected = new ArrayList<>();
      for (int e = random.nextInt(5); e > 0; e--) {
        String path = randomText(random);
        String key = bucket.lex(path);
        String value = random.nextBoolean() ? null : randomText(random);
        Manifest.append(text, bucket, key, value);
        // what Redis holds is what Jedis sent: UTF-8 with lone surrogates as '?'
        expected.add(new Manifest.Entry(sent(key), value == null ? "id" : sent(value) + "\0id"));
      }
      String stored = sent(text.toString());
      assertEquals(expected, Manifest.entries(stored, bucket, "id"), text::toString);
    }
  }

  @Test
  void utf8LengthIsTheLengthJedisSends() {
    Random random = new Random(Long.getLong("rekord.seed", 11));
    for (int i = 0; i < 2000; i++) {
      String text = randomText(random);
      assertEquals(text.getBytes(StandardCharsets.UTF_8).length, Manifest.utf8Length(text, 0), text);
    }
  }

  @Test
  void aTruncatedManifestIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> Manifest.entries("8:lex:ci", bucket, "id"));
    assertThrows(IllegalArgumentException.class, () -> Manifest.entries("x:lex", bucket, "id"));
  }

  private static String sent(String text) {
    return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  /** Short strings from an alphabet of separators, digits, the byte 0, accents, emoji and lone surrogates. */
  private static String randomText(Random random) {
    String[] pieces = {":", "=", "0", "12", "\0", "é", "Zürich", "\uD83D\uDE00", "\uD800", "\uDC00", "a", "lex:"};
    StringBuilder out = new StringBuilder();
    for (int i = random.nextInt(6); i > 0; i--) {
      out.append(pieces[random.nextInt(pieces.length)]);
    }
    return out.toString();
  }
}
