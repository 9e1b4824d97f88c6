package com.acme;

import dev.rekord.annotations.Storage;
import dev.rekord.model.CompoundIndex;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.IndexField;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Index definition of {@link Member}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class MemberIndex {
  /**
   * Index of {@code city}.
   */
  public static final IndexField CITY = IndexField.tag("city");

  /**
   * Index of {@code joined}.
   */
  public static final IndexField JOIN_DATE = IndexField.numeric("joined").withSortOrder();

  /**
   * Index of {@code age}.
   */
  public static final IndexField AGE = IndexField.numeric("age").withSortOrder();

  /**
   * Index of {@code tags}.
   */
  public static final IndexField TAGS = IndexField.tags("tags").caseInsensitive();

  /**
   * Index of {@code address.city}.
   */
  public static final IndexField ADDRESS_CITY = IndexField.tag("address.city");

  /**
   * Index of {@code address.location}.
   */
  public static final IndexField ADDRESS_LOCATION = IndexField.geo("address.location");

  /**
   * Index of {@code emergency.address.city}.
   */
  public static final IndexField EMERGENCY_ADDRESS_CITY = IndexField.tag("emergency.address.city");

  /**
   * Index of {@code emergency.address.location}.
   */
  public static final IndexField EMERGENCY_ADDRESS_LOCATION = IndexField.geo("emergency.address.location");

  /**
   * Index of {@code memberships.club}.
   */
  public static final IndexField MEMBERSHIPS_CLUB = IndexField.tags("memberships.club").caseInsensitive();

  /**
   * Index of {@code color}.
   */
  public static final IndexField COLOR = IndexField.tag("color");

  /**
   * Index of {@code bio}.
   */
  public static final IndexField BIO = IndexField.text("bio");

  /**
   * Index of {@code shift}.
   */
  public static final IndexField SHIFT = IndexField.numeric("shift");

  /**
   * Index of {@code active}.
   */
  public static final IndexField ACTIVE = IndexField.tag("active");

  /**
   * Compound index of {@code city}, then the number {@code age}, which is never null.
   */
  public static final CompoundIndex CITY_AGE = CompoundIndex.of(List.of(CITY), AGE).numberNeverNull();

  /**
   * Compound index of {@code address.city}, {@code color}, then the number {@code joined}, which may be null.
   */
  public static final CompoundIndex ADDRESS_CITY_COLOR_JOIN_DATE = CompoundIndex.of(List.of(ADDRESS_CITY, COLOR), JOIN_DATE);

  /**
   * The index of {@link Member}, with the fingerprint of this definition.
   */
  public static final IndexDefinition DEFINITION = new IndexDefinition(
      "member-idx",
      "member",
      Storage.HASH,
      List.of(CITY, JOIN_DATE, AGE, TAGS, ADDRESS_CITY, ADDRESS_LOCATION, EMERGENCY_ADDRESS_CITY, EMERGENCY_ADDRESS_LOCATION, MEMBERSHIPS_CLUB, COLOR, BIO, SHIFT, ACTIVE),
      List.of(CITY_AGE, ADDRESS_CITY_COLOR_JOIN_DATE),
      "f7fa748ab2427bcc");

  private MemberIndex() {
  }
}
