package dev.rekord;

import dev.rekord.codec.ValueCodecs;
import dev.rekord.metamodel.CollectionField;
import dev.rekord.metamodel.NumericField;
import dev.rekord.metamodel.StringField;
import dev.rekord.metamodel.TextField;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import java.util.List;

/** The metamodel and index fields of the test {@link Member}, as generated code would declare them. */
public final class Member_ {
  public static final IndexField CITY = new IndexField("city", IndexKind.TAG, true, true, false);
  public static final IndexField AGE = new IndexField("age", IndexKind.NUMERIC, true, true, false);
  public static final IndexField TAGS = new IndexField("tags", IndexKind.TAG, false, true, true);
  /** {@code city} as full text instead of a tag: the index kind of a field changed. */
  public static final IndexField CITY_TEXT = new IndexField("city", IndexKind.TEXT, false, true, false);

  public static final StringField<Member> city = new StringField<>(CITY, ValueCodecs.STRING);
  public static final NumericField<Member, Integer> age = new NumericField<>(AGE, ValueCodecs.INT);
  public static final CollectionField<Member, String, List<String>> tags = new CollectionField<>(TAGS, MemberCodec.TAGS);
  public static final TextField<Member, String> cityText = new TextField<>(CITY_TEXT, ValueCodecs.STRING);

  private Member_() {}
}
