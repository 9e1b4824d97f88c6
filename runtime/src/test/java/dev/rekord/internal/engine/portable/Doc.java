package dev.rekord.internal.engine.portable;

import dev.rekord.model.GeoPoint;
import dev.rekord.codec.ValueCodec;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.metamodel.CollectionField;
import dev.rekord.metamodel.DateField;
import dev.rekord.metamodel.GeoField;
import dev.rekord.metamodel.SortableDateField;
import dev.rekord.metamodel.SortableNumericField;
import dev.rekord.metamodel.SortableStringField;
import dev.rekord.metamodel.TextField;
import dev.rekord.model.IndexField;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A test model with one field of every index kind, and its hand-written index and metamodel. */
record Doc(
    String id,
    String city,
    String country,
    Integer age,
    LocalDate born,
    Instant seen,
    String bio,
    GeoPoint loc,
    List<String> tags) {

  static final IndexField CITY = IndexField.tag("city").withSortOrder();
  static final IndexField COUNTRY = IndexField.tag("country").withSortOrder().caseInsensitive();
  static final IndexField AGE = IndexField.numeric("age").withSortOrder();
  static final IndexField BORN = IndexField.numeric("born").withSortOrder();
  static final IndexField SEEN = IndexField.numeric("seen");
  static final IndexField BIO = IndexField.text("bio");
  static final IndexField LOC = IndexField.geo("loc");
  static final IndexField TAGS = IndexField.tags("tags").caseInsensitive();

  static final ValueCodec<List<String>> TAG_LIST = ValueCodecs.listOf(ValueCodecs.STRING);

  /** The metamodel, as generated code would declare it. */
  static final class Doc_ {
    static final SortableStringField<Doc> city = new SortableStringField<>(CITY, ValueCodecs.STRING);
    static final SortableStringField<Doc> country = new SortableStringField<>(COUNTRY, ValueCodecs.STRING);
    static final SortableNumericField<Doc, Integer> age = new SortableNumericField<>(AGE, ValueCodecs.INT);
    static final SortableDateField<Doc, LocalDate> born = new SortableDateField<>(BORN, ValueCodecs.LOCAL_DATE);
    static final DateField<Doc, Instant> seen = new DateField<>(SEEN, ValueCodecs.INSTANT);
    /**
     * {@code seen} as a hand-built metamodel could get it wrong: a sortable field over an index
     * that keeps no sort order. Generated metamodels cannot; the engine still refuses to sort by it.
     */
    static final SortableDateField<Doc, Instant> seenClaimingASortOrder = new SortableDateField<>(SEEN, ValueCodecs.INSTANT);
    static final TextField<Doc, String> bio = new TextField<>(BIO, ValueCodecs.STRING);
    static final GeoField<Doc> loc = new GeoField<>(LOC, ValueCodecs.GEO_POINT);
    static final CollectionField<Doc, String, List<String>> tags = new CollectionField<>(TAGS, TAG_LIST);

    private Doc_() {}
  }

  /** The index entries, as generated code would build them. */
  IndexEntries entries() {
    return IndexEntries.create()
        .tag(CITY, city)
        .tag(COUNTRY, country)
        .numeric(AGE, age)
        .numeric(BORN, born)
        .numeric(SEEN, seen)
        .text(BIO, bio)
        .geo(LOC, loc)
        .tags(TAGS, tags);
  }
}
