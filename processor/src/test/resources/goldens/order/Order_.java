package com.acme.shop;

import com.acme.Address;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.metamodel.CollectionField;
import dev.rekord.metamodel.GeoField;
import dev.rekord.metamodel.SortableDateField;
import dev.rekord.metamodel.SortableStringField;
import dev.rekord.metamodel.StringField;
import dev.rekord.model.IndexDefinition;
import dev.rekord.query.Attribute;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Static metamodel for {@link Order}: typed fields for queries.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class Order_ {
  /**
   * Static metamodel for {@link Order#id}.
   */
  public static final Attribute<Order, UUID> id = new Attribute<>("id", ValueCodecs.UUID);

  /**
   * Static metamodel for {@link Order#customer}.
   */
  public static final SortableStringField<Order> customer = new SortableStringField<>(OrderIndex.CUSTOMER, ValueCodecs.STRING);

  /**
   * Static metamodel for {@link Order#placedAt}.
   */
  public static final SortableDateField<Order, Instant> placedAt = new SortableDateField<>(OrderIndex.PLACED_AT, ValueCodecs.INSTANT);

  /**
   * Static metamodel for {@link Order#lines}.
   */
  public static final Lines_ lines = new Lines_();

  /**
   * Static metamodel for {@link Order#shipTo}.
   */
  public static final ShipTo_ shipTo = new ShipTo_();

  /**
   * Static metamodel for {@link Order#labels}.
   */
  public static final CollectionField<Order, String, Set<String>> labels = new CollectionField<>(OrderIndex.LABELS, OrderCodec.SET_OF_STRING);

  /**
   * Static metamodel for {@link Order#attributes}.
   */
  public static final Attribute<Order, Map<String, String>> attributes = new Attribute<>("attributes", OrderCodec.MAP_OF_STRING);

  /**
   * Static metamodel for {@link Order#status}.
   */
  public static final Attribute<Order, Status> status = new Attribute<>("status", OrderCodec.STATUS);

  /**
   * Static metamodel for {@link Order#signature}.
   */
  public static final Attribute<Order, byte[]> signature = new Attribute<>("signature", ValueCodecs.BYTES);

  /**
   * Static metamodel for {@link Order#total}.
   */
  public static final Attribute<Order, Double> total = new Attribute<>("total", ValueCodecs.DOUBLE);

  /**
   * The index definition of {@link Order}.
   */
  public static final IndexDefinition INDEX = OrderIndex.DEFINITION;

  private Order_() {
  }

  /**
   * Static metamodel for the {@link Line} at {@code lines}.
   */
  public static final class Lines_ {
    /**
     * Static metamodel for {@code lines.sku}.
     */
    public final CollectionField<Order, String, String> sku = new CollectionField<>(OrderIndex.LINES_SKU, ValueCodecs.STRING);

    /**
     * Static metamodel for {@code lines.quantity}.
     */
    public final CollectionField<Order, Integer, Integer> quantity = new CollectionField<>(OrderIndex.LINES_QUANTITY, ValueCodecs.INT);

    /**
     * Static metamodel for {@code lines.price}.
     */
    public final Attribute<Order, BigDecimal> price = new Attribute<>("lines.price", ValueCodecs.BIG_DECIMAL);

    private Lines_() {
    }
  }

  /**
   * Static metamodel for the {@link Address} at {@code shipTo}.
   */
  public static final class ShipTo_ {
    /**
     * Static metamodel for {@code shipTo.city}.
     */
    public final StringField<Order> city = new StringField<>(OrderIndex.SHIP_TO_CITY, ValueCodecs.STRING);

    /**
     * Static metamodel for {@code shipTo.location}.
     */
    public final GeoField<Order> location = new GeoField<>(OrderIndex.SHIP_TO_LOCATION, ValueCodecs.GEO_POINT);

    private ShipTo_() {
    }
  }
}
