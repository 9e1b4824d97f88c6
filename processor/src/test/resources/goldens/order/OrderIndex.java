package com.acme.shop;

import dev.rekord.annotations.Storage;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.IndexField;
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
  public static final IndexField CUSTOMER = IndexField.tag("customer").withSortOrder();

  /**
   * Index of {@code placedAt}.
   */
  public static final IndexField PLACED_AT = IndexField.numeric("placedAt").withSortOrder();

  /**
   * Index of {@code lines.sku}.
   */
  public static final IndexField LINES_SKU = IndexField.tags("lines.sku");

  /**
   * Index of {@code lines.quantity}.
   */
  public static final IndexField LINES_QUANTITY = IndexField.tags("lines.quantity");

  /**
   * Index of {@code shipTo.city}.
   */
  public static final IndexField SHIP_TO_CITY = IndexField.tag("shipTo.city");

  /**
   * Index of {@code shipTo.location}.
   */
  public static final IndexField SHIP_TO_LOCATION = IndexField.geo("shipTo.location");

  /**
   * Index of {@code labels}.
   */
  public static final IndexField LABELS = IndexField.tags("labels");

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
