package dev.rekord.internal.engine.portable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rekord.exception.SerializationException;
import dev.rekord.model.CompoundIndex;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import dev.rekord.annotations.Storage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key of a compound entry and what {@link IndexEntries#compound} writes, without Redis. */
class CompoundEntriesTest {

  private static final CompoundIndex CITY_COUNTRY_BORN =
      new CompoundIndex(List.of(Doc.CITY, Doc.COUNTRY), Doc.BORN, true);
  private static final KeyLayout.Bucket BUCKET = KeyLayout.of("doc", 4).bucket(2);

  /** The entries as the save script takes them: per key, its op and the op's one value. */
  private static List<String> written(IndexEntries entries) {
    List<String> keys = new ArrayList<>();
    List<String> args = new ArrayList<>();
    entries.appendTo(BUCKET, keys, args, new StringBuilder());
    List<String> out = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      out.add(keys.get(i) + " " + args.get(2 * i) + " " + args.get(2 * i + 1));
    }
    return out;
  }

  @Test
  void eachValueIsItsUtf8LengthThenItself() {
    assertEquals("{doc:2}#cmp:city+age:4:Oslo", BUCKET.compound("city+age", List.of("Oslo")));
    assertEquals("{doc:2}#cmp:a+b+n:6:東京4:😀0:", BUCKET.compound("a+b+n", List.of("東京", "😀", "")));
    // values holding ':' or the byte 0, or digits, never name another combination's key
    assertNotEquals(BUCKET.compound("a+b+n", List.of("x:1", "y")), BUCKET.compound("a+b+n", List.of("x", "1:y")));
    assertNotEquals(BUCKET.compound("a+b+n", List.of("1", "1:1")), BUCKET.compound("a+b+n", List.of("1:1", "1")));
    assertEquals("{doc:2}#cmp:a+n:3:a\0b", BUCKET.compound("a+n", List.of("a\0b")));
    assertEquals(1, KeyLayout.utf8Length("\uD800"), "an unpaired surrogate is sent as '?'");
  }

  @Test
  void oneScoredEntryWithTagsFoldedAsTheTagIndexFoldsThem() {
    IndexEntries entries = IndexEntries.create().compound(CITY_COUNTRY_BORN, "Oslo", "NORWAY", LocalDate.of(1970, 1, 11));
    assertEquals(List.of("{doc:2}#cmp:city+country+born:4:Oslo6:norway score 10"), written(entries));
  }

  @Test
  void tagsOfAnyTypeAreEncodedAsTheTagIndexEncodesThem() {
    IndexField level = new IndexField("level", IndexKind.TAG, false, true, false);
    IndexField size = new IndexField("size", IndexKind.NUMERIC, false, true, false);
    CompoundIndex compound = new CompoundIndex(List.of(level, Doc.CITY), size, true);
    IndexEntries entries = IndexEntries.create().compound(compound, Storage.JSON, "x", 2.5);
    assertEquals(List.of("{doc:2}#cmp:level+city+size:4:JSON1:x score 2.5"), written(entries));
  }

  @Test
  void nothingWhenAnyValueIsNull() {
    assertEquals(List.of(), written(IndexEntries.create().compound(CITY_COUNTRY_BORN, null, "NO", LocalDate.EPOCH)));
    assertEquals(List.of(), written(IndexEntries.create().compound(CITY_COUNTRY_BORN, "Oslo", "NO", null)));
  }

  @Test
  void misuseIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> IndexEntries.create().compound(CITY_COUNTRY_BORN, "Oslo", 1));
    CompoundIndex ages = new CompoundIndex(List.of(Doc.CITY), Doc.AGE, true);
    SerializationException e = assertThrows(SerializationException.class,
        () -> IndexEntries.create("Doc").compound(ages, "Oslo", Double.NaN));
    assertEquals("age", e.field());
    assertThrows(IllegalArgumentException.class, () -> new CompoundIndex(List.of(), Doc.AGE, false));
    assertThrows(IllegalArgumentException.class, () -> new CompoundIndex(List.of(Doc.TAGS), Doc.AGE, false));
    assertThrows(IllegalArgumentException.class, () -> new CompoundIndex(List.of(Doc.CITY), Doc.COUNTRY, false));
    assertThrows(IllegalArgumentException.class, () -> new IndexDefinition("doc-idx", "doc", Storage.HASH,
        List.of(Doc.CITY), List.of(CITY_COUNTRY_BORN), "0000000000000000"), "its fields are the definition's");
  }
}
