package com.acme;

import dev.rekord.codec.ValueCodecs;
import dev.rekord.metamodel.CollectionField;
import dev.rekord.metamodel.ComparableField;
import dev.rekord.metamodel.GeoField;
import dev.rekord.metamodel.SortableDateField;
import dev.rekord.metamodel.SortableNumericField;
import dev.rekord.metamodel.StringField;
import dev.rekord.metamodel.TagField;
import dev.rekord.metamodel.TextField;
import dev.rekord.model.IndexDefinition;
import dev.rekord.query.Attribute;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Generated;

/**
 * Static metamodel for {@link Member}: typed fields for queries.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class Member_ {
  /**
   * Static metamodel for {@link Member#id}.
   */
  public static final Attribute<Member, String> id = new Attribute<>("id", ValueCodecs.STRING);

  /**
   * Static metamodel for {@link Member#city}.
   */
  public static final StringField<Member> city = new StringField<>(MemberIndex.CITY, ValueCodecs.STRING);

  /**
   * Static metamodel for {@link Member#joinDate}.
   */
  public static final SortableDateField<Member, LocalDate> joinDate = new SortableDateField<>(MemberIndex.JOIN_DATE, ValueCodecs.LOCAL_DATE);

  /**
   * Static metamodel for {@link Member#age}.
   */
  public static final SortableNumericField<Member, Integer> age = new SortableNumericField<>(MemberIndex.AGE, ValueCodecs.INT);

  /**
   * Static metamodel for {@link Member#tags}.
   */
  public static final CollectionField<Member, String, List<String>> tags = new CollectionField<>(MemberIndex.TAGS, MemberCodec.LIST_OF_STRING);

  /**
   * Static metamodel for {@link Member#address}.
   */
  public static final Address_ address = new Address_();

  /**
   * Static metamodel for {@link Member#emergency}.
   */
  public static final Emergency_ emergency = new Emergency_();

  /**
   * Static metamodel for {@link Member#memberships}.
   */
  public static final Memberships_ memberships = new Memberships_();

  /**
   * Static metamodel for {@link Member#scores}.
   */
  public static final Attribute<Member, Map<String, Integer>> scores = new Attribute<>("scores", MemberCodec.MAP_OF_INT);

  /**
   * Static metamodel for {@link Member#color}.
   */
  public static final TagField<Member, Color> color = new TagField<>(MemberIndex.COLOR, MemberCodec.COLOR);

  /**
   * Static metamodel for {@link Member#favouriteColors}.
   */
  public static final Attribute<Member, Set<Color>> favouriteColors = new Attribute<>("favouriteColors", MemberCodec.SET_OF_COLOR);

  /**
   * Static metamodel for {@link Member#bio}.
   */
  public static final TextField<Member, String> bio = new TextField<>(MemberIndex.BIO, ValueCodecs.STRING);

  /**
   * Static metamodel for {@link Member#shift}.
   */
  public static final ComparableField<Member, Duration> shift = new ComparableField<>(MemberIndex.SHIFT, ValueCodecs.DURATION);

  /**
   * Static metamodel for {@link Member#active}.
   */
  public static final TagField<Member, Boolean> active = new TagField<>(MemberIndex.ACTIVE, ValueCodecs.BOOLEAN);

  /**
   * The index definition of {@link Member}.
   */
  public static final IndexDefinition INDEX = MemberIndex.DEFINITION;

  private Member_() {
  }

  /**
   * Static metamodel for the {@link Address} at {@code address}.
   */
  public static final class Address_ {
    /**
     * Static metamodel for {@code address.city}.
     */
    public final StringField<Member> city = new StringField<>(MemberIndex.ADDRESS_CITY, ValueCodecs.STRING);

    /**
     * Static metamodel for {@code address.location}.
     */
    public final GeoField<Member> location = new GeoField<>(MemberIndex.ADDRESS_LOCATION, ValueCodecs.GEO_POINT);

    private Address_() {
    }
  }

  /**
   * Static metamodel for the {@link Contact} at {@code emergency}.
   */
  public static final class Emergency_ {
    /**
     * Static metamodel for {@code emergency.name}.
     */
    public final Attribute<Member, String> name = new Attribute<>("emergency.name", ValueCodecs.STRING);

    /**
     * Static metamodel for {@code emergency.address}.
     */
    public final EmergencyAddress_ address = new EmergencyAddress_();

    private Emergency_() {
    }
  }

  /**
   * Static metamodel for the {@link Address} at {@code emergency.address}.
   */
  public static final class EmergencyAddress_ {
    /**
     * Static metamodel for {@code emergency.address.city}.
     */
    public final StringField<Member> city = new StringField<>(MemberIndex.EMERGENCY_ADDRESS_CITY, ValueCodecs.STRING);

    /**
     * Static metamodel for {@code emergency.address.location}.
     */
    public final GeoField<Member> location = new GeoField<>(MemberIndex.EMERGENCY_ADDRESS_LOCATION, ValueCodecs.GEO_POINT);

    private EmergencyAddress_() {
    }
  }

  /**
   * Static metamodel for the {@link Membership} at {@code memberships}.
   */
  public static final class Memberships_ {
    /**
     * Static metamodel for {@code memberships.club}.
     */
    public final CollectionField<Member, String, String> club = new CollectionField<>(MemberIndex.MEMBERSHIPS_CLUB, ValueCodecs.STRING);

    /**
     * Static metamodel for {@code memberships.since}.
     */
    public final Attribute<Member, LocalDate> since = new Attribute<>("memberships.since", ValueCodecs.LOCAL_DATE);

    private Memberships_() {
    }
  }
}
