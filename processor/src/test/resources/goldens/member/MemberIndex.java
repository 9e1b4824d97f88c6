package com.acme;

import dev.rekord.annotations.Storage;
import dev.rekord.model.CompoundIndex;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
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
  public static final IndexField CITY = new IndexField("city", IndexKind.TAG, false, true, false);

  /**
   * Index of {@code joined}.
   */
  public static final IndexField JOIN_DATE = new IndexField("joined", IndexKind.NUMERIC, true, true, false);

  /**
   * Index of {@code age}.
   */
  public static final IndexField AGE = new IndexField("age", IndexKind.NUMERIC, true, true, false);

  /**
   * Index of {@code tags}.
   */
  public static final IndexField TAGS = new IndexField("tags", IndexKind.TAG, false, false, true);

  /**
   * Index of {@code address.city}.
   */
  public static final IndexField ADDRESS_CITY = new IndexField("address.city", IndexKind.TAG, false, true, false);

  /**
   * Index of {@code address.location}.
   */
  public static final IndexField ADDRESS_LOCATION = new IndexField("address.location", IndexKind.GEO, false, true, false);

  /**
   * Index of {@code emergency.address.city}.
   */
  public static final IndexField EMERGENCY_ADDRESS_CITY = new IndexField("emergency.address.city", IndexKind.TAG, false, true, false);

  /**
   * Index of {@code emergency.address.location}.
   */
  public static final IndexField EMERGENCY_ADDRESS_LOCATION = new IndexField("emergency.address.location", IndexKind.GEO, false, true, false);

  /**
   * Index of {@code memberships.club}.
   */
  public static final IndexField MEMBERSHIPS_CLUB = new IndexField("memberships.club", IndexKind.TAG, false, false, true);

  /**
   * Index of {@code color}.
   */
  public static final IndexField COLOR = new IndexField("color", IndexKind.TAG, false, true, false);

  /**
   * Index of {@code bio}.
   */
  public static final IndexField BIO = new IndexField("bio", IndexKind.TEXT, false, true, false);

  /**
   * Index of {@code shift}.
   */
  public static final IndexField SHIFT = new IndexField("shift", IndexKind.NUMERIC, false, true, false);

  /**
   * Index of {@code active}.
   */
  public static final IndexField ACTIVE = new IndexField("active", IndexKind.TAG, false, true, false);

  /**
   * Compound index of {@code city}, then the number {@code age}, which is never null.
   */
  public static final CompoundIndex CITY_AGE = new CompoundIndex(List.of(CITY), AGE, false);

  /**
   * Compound index of {@code address.city}, {@code color}, then the number {@code joined}, which may be null.
   */
  public static final CompoundIndex ADDRESS_CITY_COLOR_JOIN_DATE = new CompoundIndex(List.of(ADDRESS_CITY, COLOR), JOIN_DATE, true);

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
