package dev.rekord.internal.engine.portable;

import dev.rekord.model.GeoPoint;
import dev.rekord.codec.ValueCodec;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.metamodel.CollectionField;
import dev.rekord.metamodel.DateField;
import dev.rekord.metamodel.GeoField;
import dev.rekord.metamodel.NumericField;
import dev.rekord.metamodel.StringField;
import dev.rekord.metamodel.TextField;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
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

  static final IndexField CITY = new IndexField("city", IndexKind.TAG, true, true, false);
  static final IndexField COUNTRY = new IndexField("country", IndexKind.TAG, true, false, false);
  static final IndexField AGE = new IndexField("age", IndexKind.NUMERIC, true, true, false);
  static final IndexField BORN = new IndexField("born", IndexKind.NUMERIC, true, true, false);
  static final IndexField SEEN = new IndexField("seen", IndexKind.NUMERIC, false, true, false);
  static final IndexField BIO = new IndexField("bio", IndexKind.TEXT, false, true, false);
  static final IndexField LOC = new IndexField("loc", IndexKind.GEO, false, true, false);
  static final IndexField TAGS = new IndexField("tags", IndexKind.TAG, false, false, true);

  static final ValueCodec<List<String>> TAG_LIST = ValueCodecs.listOf(ValueCodecs.STRING);

  /** The metamodel, as generated code would declare it. */
  static final class Doc_ {
    static final StringField<Doc> city = new StringField<>(CITY, ValueCodecs.STRING);
    static final StringField<Doc> country = new StringField<>(COUNTRY, ValueCodecs.STRING);
    static final NumericField<Doc, Integer> age = new NumericField<>(AGE, ValueCodecs.INT);
    static final DateField<Doc, LocalDate> born = new DateField<>(BORN, ValueCodecs.LOCAL_DATE);
    static final DateField<Doc, Instant> seen = new DateField<>(SEEN, ValueCodecs.INSTANT);
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
