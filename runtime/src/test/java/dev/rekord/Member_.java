package dev.rekord;

import dev.rekord.codec.ValueCodecs;
import dev.rekord.metamodel.CollectionField;
import dev.rekord.metamodel.SortableNumericField;
import dev.rekord.metamodel.SortableStringField;
import dev.rekord.metamodel.TextField;
import dev.rekord.model.IndexField;
import java.util.List;

/** The metamodel and index fields of the test {@link Member}, as generated code would declare them. */
public final class Member_ {
  public static final IndexField CITY = IndexField.tag("city").withSortOrder();
  public static final IndexField AGE = IndexField.numeric("age").withSortOrder();
  public static final IndexField TAGS = IndexField.tags("tags");
  /** {@code city} as full text instead of a tag: the index kind of a field changed. */
  public static final IndexField CITY_TEXT = IndexField.text("city");

  public static final SortableStringField<Member> city = new SortableStringField<>(CITY, ValueCodecs.STRING);
  public static final SortableNumericField<Member, Integer> age = new SortableNumericField<>(AGE, ValueCodecs.INT);
  public static final CollectionField<Member, String, List<String>> tags = new CollectionField<>(TAGS, MemberCodec.TAGS);
  public static final TextField<Member, String> cityText = new TextField<>(CITY_TEXT, ValueCodecs.STRING);

  private Member_() {}
}
