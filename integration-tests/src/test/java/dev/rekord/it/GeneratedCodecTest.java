package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.it.model.Color;
import dev.rekord.it.model.Home;
import dev.rekord.it.model.ItemHash;
import dev.rekord.it.model.ItemHashCodec;
import dev.rekord.it.model.ItemJson;
import dev.rekord.it.model.ItemJsonCodec;
import dev.rekord.it.model.Part;
import dev.rekord.it.model.Resident;
import dev.rekord.it.model.ResidentCodec;
import dev.rekord.it.model.Size;
import dev.rekord.model.CompoundIndex;
import dev.rekord.model.GeoPoint;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexSink;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The generated codecs' engine-neutral output: the exact {@link IndexSink} calls {@code
 * indexValues} makes for every index kind, embedded records, collections of records, nulls and
 * compound indexes (the same calls whatever the storage); and that a codec has only the form of its
 * model's storage.
 */
class GeneratedCodecTest {

  private static final Instant SEEN = Instant.parse("2024-05-01T10:15:30Z");
  private static final GeoPoint WHERE = GeoPoint.of(10.75, 59.91);

  private static ItemHash fullItem() {
    return new ItemHash("i1", "A-1", "Blue", 3, 2.5, new BigDecimal("9.99"), LocalDate.of(2024, 1, 2), SEEN,
        "hello world", WHERE, List.of("x", "y"), List.of("T"),
        Arrays.asList(new Part("bolt", 2), null, new Part(null, null), new Part("nut", null)), new Size(10, "cm"));
  }

  @Test
  void everyIndexKindInDeclarationOrderThenEachRecordOfACollectionThenTheEmbeddedRecord() {
    assertEquals(List.of(
            "tag sku A-1",
            "tag label Blue",
            "numeric(Object) qty 3",
            "numeric(Object) price 2.5",
            "numeric(Object) cost 9.99",
            "numeric(Object) made 2024-01-02",
            "numeric(Object) seen 2024-05-01T10:15:30Z",
            "text notes hello world",
            "geo where GeoPoint[longitude=10.75, latitude=59.91]",
            "tags tags [x, y]",
            "tags topics [T]",
            // null records and null values inside a collection add nothing
            "tag parts.code bolt",
            "tag(Object) parts.count 2",
            "tag parts.code nut",
            "numeric(Object) size.width 10",
            "tag size.unit cm"),
        calls(sink -> ItemHashCodec.INSTANCE.indexValues(fullItem(), sink)));
  }

  @Test
  void nullsAreHandedOnAsNullAndEmptyCollectionsOrNullRecordsAsAbsent() {
    ItemHash empty = new ItemHash("i2", null, null, null, null, null, null, null, null, null, null, List.of(),
        List.of(), null);
    assertEquals(List.of(
            "tag sku null",
            "tag label null",
            "numeric(Object) qty null",
            "numeric(Object) price null",
            "numeric(Object) cost null",
            "numeric(Object) made null",
            "numeric(Object) seen null",
            "text notes null",
            "geo where null",
            "tags tags null",
            "tags topics []",
            "absent parts.code",
            "absent parts.count",
            "absent size.width",
            "absent size.unit"),
        calls(sink -> ItemHashCodec.INSTANCE.indexValues(empty, sink)));
  }

  @Test
  void theCallsAreTheSameWhateverTheStorage() {
    ItemHash h = fullItem();
    ItemJson j = new ItemJson(h.id(), h.sku(), h.label(), h.qty(), h.price(), h.cost(), h.made(), h.seen(),
        h.notes(), h.where(), h.tags(), h.topics(), h.parts(), h.size());
    assertEquals(
        calls(sink -> ItemHashCodec.INSTANCE.indexValues(h, sink)),
        calls(sink -> ItemJsonCodec.INSTANCE.indexValues(j, sink)));
  }

  @Test
  void compoundIndexesFollowTheFieldsWithTheirValuesNullThroughANullRecord() {
    Resident resident = new Resident("r1", "Oslo", "Red", 30, LocalDate.of(2020, 5, 1), Color.BLUE, null, "ace",
        new Home("NO", 4));
    assertEquals(List.of(
            "tag city Oslo",
            "tag team Red",
            "numeric(double) age 30.0",
            "numeric(Object) joined 2020-05-01",
            "tag(Object) color BLUE",
            "numeric(Object) score null",
            "tag nickname ace",
            "tag home.country NO",
            "numeric(double) home.floor 4.0",
            "compound city+age [Oslo, 30]",
            "compound city+team+age [Oslo, Red, 30]",
            "compound team+joined [Red, 2020-05-01]",
            "compound color+score [BLUE, null]",
            "compound city+home.floor [Oslo, 4]",
            "compound home.country+age [NO, 30]"),
        calls(sink -> ResidentCodec.INSTANCE.indexValues(resident, sink)));

    Resident homeless = new Resident("r2", "Oslo", null, 30, null, null, 1.5, null, null);
    List<String> calls = calls(sink -> ResidentCodec.INSTANCE.indexValues(homeless, sink));
    assertEquals(List.of("absent home.country", "absent home.floor"), calls.subList(7, 9));
    assertEquals(List.of(
            "compound city+age [Oslo, 30]",
            "compound city+team+age [Oslo, null, 30]",
            "compound team+joined [null, null]",
            "compound color+score [null, 1.5]",
            "compound city+home.floor [Oslo, null]",
            "compound home.country+age [null, 30]"),
        calls.subList(9, calls.size()));
  }

  @Test
  void aCodecHasOnlyTheFormOfItsModelsStorage() {
    ItemHash h = fullItem();
    Map<String, String> hash = ItemHashCodec.INSTANCE.toHash(h);
    assertEquals("A-1", hash.get("sku"));
    UnsupportedOperationException e =
        assertThrows(UnsupportedOperationException.class, () -> ItemHashCodec.INSTANCE.toJson(h));
    assertTrue(e.getMessage().startsWith("ItemHashCodec is not a codec of documents stored as JSON"), e.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> ItemHashCodec.INSTANCE.fromJson("k", "{}"));

    ItemJson j = new ItemJson("j1", "A-1", null, null, null, null, null, null, null, null, null, null, null, null);
    assertEquals(j, ItemJsonCodec.INSTANCE.fromJson("k", ItemJsonCodec.INSTANCE.toJson(j)));
    e = assertThrows(UnsupportedOperationException.class, () -> ItemJsonCodec.INSTANCE.toHash(j));
    assertTrue(e.getMessage().startsWith("ItemJsonCodec is not a codec of documents stored as a hash"), e.getMessage());
    assertThrows(UnsupportedOperationException.class, () -> ItemJsonCodec.INSTANCE.fromHash("k", Map.of()));
  }

  @Test
  void aHashCodecListsTheFieldsItWritesAndReadsSoThoseAloneReadTheRecordBack() {
    ItemHash full = fullItem();
    Map<String, String> hash = ItemHashCodec.INSTANCE.toHash(full);
    // every field toHash writes, the embedded record's presence marker and dotted fields included
    assertEquals(List.copyOf(hash.keySet()), ItemHashCodec.INSTANCE.hashFields());
    Map<String, String> listed = new java.util.HashMap<>();
    for (String field : ItemHashCodec.INSTANCE.hashFields()) {
      listed.put(field, hash.get(field));
    }
    listed.put("__rk.t.sku", "ignored"); // an index field beside them changes nothing
    assertEquals(full, ItemHashCodec.INSTANCE.fromHash("k", listed));
    assertEquals(List.of(), ItemJsonCodec.INSTANCE.hashFields(), "a JSON codec has no hash fields: every field is read");
  }

  private static List<String> calls(Consumer<IndexSink> indexValues) {
    RecordingSink sink = new RecordingSink();
    indexValues.accept(sink);
    return sink.calls;
  }

  /** Writes down each call as {@code <method>[(overload)] <path> <value>}. */
  private static final class RecordingSink implements IndexSink {
    final List<String> calls = new ArrayList<>();

    private IndexSink record(String method, IndexField field, Object value) {
      calls.add(method + " " + field.path() + " " + value);
      return this;
    }

    @Override
    public IndexSink tag(IndexField field, String value) {
      return record("tag", field, value);
    }

    @Override
    public IndexSink tag(IndexField field, Object value) {
      return record("tag(Object)", field, value);
    }

    @Override
    public IndexSink tags(IndexField field, Collection<?> values) {
      return record("tags", field, values);
    }

    @Override
    public IndexSink numeric(IndexField field, double value) {
      return record("numeric(double)", field, value);
    }

    @Override
    public IndexSink numeric(IndexField field, Object value) {
      return record("numeric(Object)", field, value);
    }

    @Override
    public IndexSink text(IndexField field, String text) {
      return record("text", field, text);
    }

    @Override
    public IndexSink geo(IndexField field, GeoPoint point) {
      return record("geo", field, point);
    }

    @Override
    public IndexSink compound(CompoundIndex index, Object... values) {
      calls.add("compound " + index.name() + " " + Arrays.asList(values));
      return this;
    }

    @Override
    public IndexSink absent(IndexField field) {
      calls.add("absent " + field.path());
      return this;
    }
  }
}
