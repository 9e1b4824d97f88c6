package dev.rekord;

import dev.rekord.model.DocumentCodec;
import dev.rekord.codec.HashReader;
import dev.rekord.codec.HashWriter;
import dev.rekord.codec.JsonReader;
import dev.rekord.codec.JsonWriter;
import dev.rekord.codec.RecordCodec;
import dev.rekord.codec.ValueCodec;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.model.IndexSink;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Shaped like a generated codec (see docs/internals.md). */
final class MemberCodec implements DocumentCodec<Member> {
  /** Indexes city and age ({@link TestModel#index()}). */
  static final MemberCodec INSTANCE = new MemberCodec(false, false);
  /** Indexes city, age and tags ({@link TestModel#withTagsIndexed()}): a changed index definition. */
  static final MemberCodec WITH_TAGS = new MemberCodec(true, false);
  /** Indexes city as text and age ({@link TestModel#withCityAsText()}): a field changed its kind. */
  static final MemberCodec CITY_AS_TEXT = new MemberCodec(false, true);
  static final ValueCodec<List<String>> TAGS = ValueCodecs.listOf(ValueCodecs.STRING);
  static final RecordCodec<Member> MEMBER_JSON = new MemberJson();

  private final boolean indexTags;
  private final boolean cityAsText;

  private MemberCodec(boolean indexTags, boolean cityAsText) {
    this.indexTags = indexTags;
    this.cityAsText = cityAsText;
  }

  @Override
  public void indexValues(Member value, IndexSink sink) {
    if (cityAsText) {
      sink.text(Member_.CITY_TEXT, value.city());
    } else {
      sink.tag(Member_.CITY, value.city());
    }
    sink.numeric(Member_.AGE, value.age());
    if (indexTags) {
      sink.tags(Member_.TAGS, value.tags());
    }
  }

  @Override
  public Map<String, String> toHash(Member value) {
    HashWriter hash = new HashWriter("Member", 4);
    hash.put("id", ValueCodecs.STRING, value.id());
    hash.put("city", ValueCodecs.STRING, value.city());
    hash.put("age", ValueCodecs.INT, value.age());
    hash.put("tags", TAGS, value.tags());
    return hash.toMap();
  }

  /** The fields {@link #fromHash} reads, as a generated codec names them. */
  @Override
  public java.util.List<String> hashFields() {
    return java.util.List.of("id", "city", "age", "tags");
  }

  @Override
  public Member fromHash(String key, Map<String, String> fields) {
    HashReader hash = new HashReader(key, "Member", fields);
    return new Member(
        hash.required("id", ValueCodecs.STRING),
        hash.optional("city", ValueCodecs.STRING),
        hash.required("age", ValueCodecs.INT),
        hash.optional("tags", TAGS));
  }

  @Override
  public String toJson(Member value) {
    return JsonWriter.toText("Member", value, MEMBER_JSON);
  }

  @Override
  public Member fromJson(String key, String json) {
    return JsonReader.fromText(key, "Member", json, MEMBER_JSON);
  }

  private static final class MemberJson extends RecordCodec<Member> {
    MemberJson() {
      super("Member");
    }

    @Override
    public void writeJson(JsonWriter json, Member value) throws IOException {
      json.beginObject();
      json.field("id", ValueCodecs.STRING, value.id());
      json.field("city", ValueCodecs.STRING, value.city());
      json.field("age", ValueCodecs.INT, value.age());
      json.field("tags", TAGS, value.tags());
      json.endObject();
    }

    @Override
    public Member readJson(JsonReader json) throws IOException {
      String id = null;
      String city = null;
      Integer age = null;
      List<String> tags = null;
      json.beginObject();
      while (json.nextField()) {
        switch (json.fieldName()) {
          case "id" -> id = json.read(ValueCodecs.STRING);
          case "city" -> city = json.read(ValueCodecs.STRING);
          case "age" -> age = json.read(ValueCodecs.INT);
          case "tags" -> tags = json.read(TAGS);
          default -> json.skipValue();
        }
      }
      return new Member(json.required("id", id), city, json.required("age", age), tags);
    }
  }
}
