package com.acme.shop;

import dev.rekord.annotations.Storage;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Index definition of {@link Order}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class OrderIndex {
  /**
   * Index of {@code customer}.
   */
  public static final IndexField CUSTOMER = new IndexField("customer", IndexKind.TAG, true, true, false);

  /**
   * Index of {@code placedAt}.
   */
  public static final IndexField PLACED_AT = new IndexField("placedAt", IndexKind.NUMERIC, true, true, false);

  /**
   * Index of {@code lines.sku}.
   */
  public static final IndexField LINES_SKU = new IndexField("lines.sku", IndexKind.TAG, false, true, true);

  /**
   * Index of {@code lines.quantity}.
   */
  public static final IndexField LINES_QUANTITY = new IndexField("lines.quantity", IndexKind.TAG, false, true, true);

  /**
   * Index of {@code shipTo.city}.
   */
  public static final IndexField SHIP_TO_CITY = new IndexField("shipTo.city", IndexKind.TAG, false, true, false);

  /**
   * Index of {@code shipTo.location}.
   */
  public static final IndexField SHIP_TO_LOCATION = new IndexField("shipTo.location", IndexKind.GEO, false, true, false);

  /**
   * Index of {@code labels}.
   */
  public static final IndexField LABELS = new IndexField("labels", IndexKind.TAG, false, true, true);

  /**
   * The index of {@link Order}, with the fingerprint of this definition.
   */
  public static final IndexDefinition DEFINITION = new IndexDefinition(
      "shop:order-idx",
      "shop:order",
      Storage.JSON,
      List.of(CUSTOMER, PLACED_AT, LINES_SKU, LINES_QUANTITY, SHIP_TO_CITY, SHIP_TO_LOCATION, LABELS),
      "da8fb5c2348db030");

  private OrderIndex() {
  }
}
