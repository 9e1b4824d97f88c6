package com.acme;

import dev.rekord.codec.HashReader;
import dev.rekord.codec.HashWriter;
import dev.rekord.codec.JsonReader;
import dev.rekord.codec.JsonWriter;
import dev.rekord.codec.RecordCodec;
import dev.rekord.codec.ValueCodec;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.model.DocumentCodec;
import dev.rekord.model.IndexSink;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * Hash codec of {@link Member}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class MemberCodec implements DocumentCodec<Member> {
  public static final MemberCodec INSTANCE = new MemberCodec();

  static final ValueCodec<List<String>> LIST_OF_STRING = ValueCodecs.listOf(ValueCodecs.STRING);

  static final RecordCodec<Membership> MEMBERSHIP_JSON = new MembershipJson();

  static final ValueCodec<List<Membership>> LIST_OF_MEMBERSHIP = ValueCodecs.listOf(MEMBERSHIP_JSON);

  static final ValueCodec<Map<String, Integer>> MAP_OF_INT = ValueCodecs.mapOf(ValueCodecs.INT);

  static final ValueCodec<Color> COLOR = ValueCodecs.ofEnum(Color.class);

  static final ValueCodec<Set<Color>> SET_OF_COLOR = ValueCodecs.setOf(COLOR);

  private static final List<String> HASH_FIELDS = List.of("id", "city", "joined", "age", "tags", "address", "address.city", "address.location", "emergency", "emergency.name", "emergency.address", "emergency.address.city", "emergency.address.location", "memberships", "scores", "color", "favouriteColors", "bio", "shift", "active");

  private MemberCodec() {
  }

  @Override
  public Map<String, String> toHash(Member value) {
    HashWriter hash = new HashWriter("Member", 20);
    hash.put("id", ValueCodecs.STRING, value.id());
    hash.put("city", ValueCodecs.STRING, value.city());
    hash.put("joined", ValueCodecs.LOCAL_DATE, value.joinDate());
    hash.put("age", ValueCodecs.INT, value.age());
    hash.put("tags", LIST_OF_STRING, value.tags());
    writeAddress(hash, value.address());
    writeEmergency(hash, value.emergency());
    hash.put("memberships", LIST_OF_MEMBERSHIP, value.memberships());
    hash.put("scores", MAP_OF_INT, value.scores());
    hash.put("color", COLOR, value.color());
    hash.put("favouriteColors", SET_OF_COLOR, value.favouriteColors());
    hash.put("bio", ValueCodecs.STRING, value.bio());
    hash.put("shift", ValueCodecs.DURATION, value.shift());
    hash.put("active", ValueCodecs.BOOLEAN, value.active());
    return hash.toMap();
  }

  @Override
  public Member fromHash(String key, Map<String, String> fields) {
    HashReader hash = new HashReader(key, "Member", fields);
    return new Member(
        hash.required("id", ValueCodecs.STRING),
        hash.optional("city", ValueCodecs.STRING),
        hash.optional("joined", ValueCodecs.LOCAL_DATE),
        hash.required("age", ValueCodecs.INT),
        hash.optional("tags", LIST_OF_STRING),
        readAddress(hash),
        readEmergency(hash),
        hash.optional("memberships", LIST_OF_MEMBERSHIP),
        hash.optional("scores", MAP_OF_INT),
        hash.optional("color", COLOR),
        hash.optional("favouriteColors", SET_OF_COLOR),
        hash.optional("bio", ValueCodecs.STRING),
        hash.optional("shift", ValueCodecs.DURATION),
        hash.optional("active", ValueCodecs.BOOLEAN));
  }

  @Override
  public List<String> hashFields() {
    return HASH_FIELDS;
  }

  /**
   * Flattens the embedded {@link Address} at {@code address}.
   */
  private static void writeAddress(HashWriter hash, Address value) {
    if (value == null) {
      return;
    }
    hash.putPresent("address");
    hash.put("address.city", ValueCodecs.STRING, value.city());
    hash.put("address.location", ValueCodecs.GEO_POINT, value.location());
  }

  /**
   * Flattens the embedded {@link Contact} at {@code emergency}.
   */
  private static void writeEmergency(HashWriter hash, Contact value) {
    if (value == null) {
      return;
    }
    hash.putPresent("emergency");
    hash.put("emergency.name", ValueCodecs.STRING, value.name());
    writeEmergencyAddress(hash, value.address());
  }

  /**
   * Flattens the embedded {@link Address} at {@code emergency.address}.
   */
  private static void writeEmergencyAddress(HashWriter hash, Address value) {
    if (value == null) {
      return;
    }
    hash.putPresent("emergency.address");
    hash.put("emergency.address.city", ValueCodecs.STRING, value.city());
    hash.put("emergency.address.location", ValueCodecs.GEO_POINT, value.location());
  }

  /**
   * Reads the embedded {@link Address} at {@code address}.
   */
  private static Address readAddress(HashReader hash) {
    if (!hash.present("address")) {
      return null;
    }
    return new Address(
        hash.optional("address.city", ValueCodecs.STRING),
        hash.optional("address.location", ValueCodecs.GEO_POINT));
  }

  /**
   * Reads the embedded {@link Contact} at {@code emergency}.
   */
  private static Contact readEmergency(HashReader hash) {
    if (!hash.present("emergency")) {
      return null;
    }
    return new Contact(
        hash.optional("emergency.name", ValueCodecs.STRING),
        readEmergencyAddress(hash));
  }

  /**
   * Reads the embedded {@link Address} at {@code emergency.address}.
   */
  private static Address readEmergencyAddress(HashReader hash) {
    if (!hash.present("emergency.address")) {
      return null;
    }
    return new Address(
        hash.optional("emergency.address.city", ValueCodecs.STRING),
        hash.optional("emergency.address.location", ValueCodecs.GEO_POINT));
  }

  @Override
  public void indexValues(Member value, IndexSink sink) {
    sink.tag(MemberIndex.CITY, value.city());
    sink.numeric(MemberIndex.JOIN_DATE, value.joinDate());
    sink.numeric(MemberIndex.AGE, value.age());
    sink.tags(MemberIndex.TAGS, value.tags());
    indexAddress(sink, value.address());
    indexEmergency(sink, value.emergency());
    indexMemberships(sink, value.memberships());
    sink.tag(MemberIndex.COLOR, value.color());
    sink.text(MemberIndex.BIO, value.bio());
    sink.numeric(MemberIndex.SHIFT, value.shift());
    sink.tag(MemberIndex.ACTIVE, value.active());
    sink.compound(MemberIndex.CITY_AGE, value.city(), value.age());
    sink.compound(MemberIndex.ADDRESS_CITY_COLOR_JOIN_DATE,
        value.address() == null ? null : value.address().city(), value.color(), value.joinDate());
  }

  /**
   * Indexes the embedded {@link Address} at {@code address}; all absent when it is null.
   */
  private static void indexAddress(IndexSink sink, Address value) {
    if (value == null) {
      sink.absent(MemberIndex.ADDRESS_CITY);
      sink.absent(MemberIndex.ADDRESS_LOCATION);
      return;
    }
    sink.tag(MemberIndex.ADDRESS_CITY, value.city());
    sink.geo(MemberIndex.ADDRESS_LOCATION, value.location());
  }

  /**
   * Indexes the embedded {@link Contact} at {@code emergency}; all absent when it is null.
   */
  private static void indexEmergency(IndexSink sink, Contact value) {
    if (value == null) {
      sink.absent(MemberIndex.EMERGENCY_ADDRESS_CITY);
      sink.absent(MemberIndex.EMERGENCY_ADDRESS_LOCATION);
      return;
    }
    indexEmergencyAddress(sink, value.address());
  }

  /**
   * Indexes the embedded {@link Address} at {@code emergency.address}; all absent when it is null.
   */
  private static void indexEmergencyAddress(IndexSink sink, Address value) {
    if (value == null) {
      sink.absent(MemberIndex.EMERGENCY_ADDRESS_CITY);
      sink.absent(MemberIndex.EMERGENCY_ADDRESS_LOCATION);
      return;
    }
    sink.tag(MemberIndex.EMERGENCY_ADDRESS_CITY, value.city());
    sink.geo(MemberIndex.EMERGENCY_ADDRESS_LOCATION, value.location());
  }

  /**
   * Indexes each {@link Membership} at {@code memberships}; all absent when there are none.
   */
  private static void indexMemberships(IndexSink sink, List<Membership> values) {
    if (values == null || values.isEmpty()) {
      sink.absent(MemberIndex.MEMBERSHIPS_CLUB);
      return;
    }
    for (Membership value : values) {
      if (value == null) {
        continue;
      }
      if (value.club() != null) {
        sink.tag(MemberIndex.MEMBERSHIPS_CLUB, value.club());
      }
    }
  }

  /**
   * JSON codec of {@link Membership}.
   */
  private static final class MembershipJson extends RecordCodec<Membership> {
    MembershipJson() {
      super("Membership");
    }

    @Override
    public void writeJson(JsonWriter json, Membership value) throws IOException {
      json.beginObject();
      json.field("club", ValueCodecs.STRING, value.club());
      json.field("since", ValueCodecs.LOCAL_DATE, value.since());
      json.endObject();
    }

    @Override
    public Membership readJson(JsonReader json) throws IOException {
      String club = null;
      LocalDate since = null;
      json.beginObject();
      while (json.nextField()) {
        switch (json.fieldName()) {
          case "club" -> club = json.read(ValueCodecs.STRING);
          case "since" -> since = json.read(ValueCodecs.LOCAL_DATE);
          default -> json.skipValue();
        }
      }
      return new Membership(
          club,
          since);
    }
  }
}
