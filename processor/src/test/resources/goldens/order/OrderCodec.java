package com.acme.shop;

import com.acme.Address;
import dev.rekord.codec.JsonReader;
import dev.rekord.codec.JsonWriter;
import dev.rekord.codec.RecordCodec;
import dev.rekord.codec.ValueCodec;
import dev.rekord.codec.ValueCodecs;
import dev.rekord.model.DocumentCodec;
import dev.rekord.model.GeoPoint;
import dev.rekord.model.IndexSink;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * JSON codec of {@link Order}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class OrderCodec implements DocumentCodec<Order> {
  public static final OrderCodec INSTANCE = new OrderCodec();

  static final RecordCodec<Order> ORDER_JSON = new OrderJson();

  static final RecordCodec<Line> LINE_JSON = new LineJson();

  static final ValueCodec<List<Line>> LIST_OF_LINE = ValueCodecs.listOf(LINE_JSON);

  static final RecordCodec<Address> ADDRESS_JSON = new AddressJson();

  static final ValueCodec<Set<String>> SET_OF_STRING = ValueCodecs.setOf(ValueCodecs.STRING);

  static final ValueCodec<Map<String, String>> MAP_OF_STRING = ValueCodecs.mapOf(ValueCodecs.STRING);

  static final ValueCodec<Status> STATUS = ValueCodecs.ofEnum(Status.class);

  private OrderCodec() {
  }

  @Override
  public String toJson(Order value) {
    return JsonWriter.toText("Order", value, ORDER_JSON);
  }

  @Override
  public Order fromJson(String key, String json) {
    return JsonReader.fromText(key, "Order", json, ORDER_JSON);
  }

  @Override
  public void indexValues(Order value, IndexSink sink) {
    sink.tag(OrderIndex.CUSTOMER, value.customer());
    sink.numeric(OrderIndex.PLACED_AT, value.placedAt());
    indexLines(sink, value.lines());
    indexShipTo(sink, value.shipTo());
    sink.tags(OrderIndex.LABELS, value.labels());
  }

  /**
   * Indexes each {@link Line} at {@code lines}; all absent when there are none.
   */
  private static void indexLines(IndexSink sink, List<Line> values) {
    if (values == null || values.isEmpty()) {
      sink.absent(OrderIndex.LINES_SKU);
      sink.absent(OrderIndex.LINES_QUANTITY);
      return;
    }
    for (Line value : values) {
      if (value == null) {
        continue;
      }
      if (value.sku() != null) {
        sink.tag(OrderIndex.LINES_SKU, value.sku());
      }
      sink.tag(OrderIndex.LINES_QUANTITY, value.quantity());
    }
  }

  /**
   * Indexes the embedded {@link Address} at {@code shipTo}; all absent when it is null.
   */
  private static void indexShipTo(IndexSink sink, Address value) {
    if (value == null) {
      sink.absent(OrderIndex.SHIP_TO_CITY);
      sink.absent(OrderIndex.SHIP_TO_LOCATION);
      return;
    }
    sink.tag(OrderIndex.SHIP_TO_CITY, value.city());
    sink.geo(OrderIndex.SHIP_TO_LOCATION, value.location());
  }

  /**
   * JSON codec of {@link Order}.
   */
  private static final class OrderJson extends RecordCodec<Order> {
    OrderJson() {
      super("Order");
    }

    @Override
    public void writeJson(JsonWriter json, Order value) throws IOException {
      json.beginObject();
      json.field("id", ValueCodecs.UUID, value.id());
      json.field("customer", ValueCodecs.STRING, value.customer());
      json.field("placedAt", ValueCodecs.INSTANT, value.placedAt());
      json.field("lines", LIST_OF_LINE, value.lines());
      json.field("shipTo", ADDRESS_JSON, value.shipTo());
      json.field("labels", SET_OF_STRING, value.labels());
      json.field("attributes", MAP_OF_STRING, value.attributes());
      json.field("status", STATUS, value.status());
      json.field("signature", ValueCodecs.BYTES, value.signature());
      json.field("total", ValueCodecs.DOUBLE, value.total());
      json.endObject();
    }

    @Override
    public Order readJson(JsonReader json) throws IOException {
      UUID id = null;
      String customer = null;
      Instant placedAt = null;
      List<Line> lines = null;
      Address shipTo = null;
      Set<String> labels = null;
      Map<String, String> attributes = null;
      Status status = null;
      byte[] signature = null;
      Double total = null;
      json.beginObject();
      while (json.nextField()) {
        switch (json.fieldName()) {
          case "id" -> id = json.read(ValueCodecs.UUID);
          case "customer" -> customer = json.read(ValueCodecs.STRING);
          case "placedAt" -> placedAt = json.read(ValueCodecs.INSTANT);
          case "lines" -> lines = json.read(LIST_OF_LINE);
          case "shipTo" -> shipTo = json.read(ADDRESS_JSON);
          case "labels" -> labels = json.read(SET_OF_STRING);
          case "attributes" -> attributes = json.read(MAP_OF_STRING);
          case "status" -> status = json.read(STATUS);
          case "signature" -> signature = json.read(ValueCodecs.BYTES);
          case "total" -> total = json.read(ValueCodecs.DOUBLE);
          default -> json.skipValue();
        }
      }
      return new Order(
          json.required("id", id),
          customer,
          placedAt,
          lines,
          shipTo,
          labels,
          attributes,
          status,
          signature,
          json.required("total", total));
    }
  }

  /**
   * JSON codec of {@link Line}.
   */
  private static final class LineJson extends RecordCodec<Line> {
    LineJson() {
      super("Line");
    }

    @Override
    public void writeJson(JsonWriter json, Line value) throws IOException {
      json.beginObject();
      json.field("sku", ValueCodecs.STRING, value.sku());
      json.field("quantity", ValueCodecs.INT, value.quantity());
      json.field("price", ValueCodecs.BIG_DECIMAL, value.price());
      json.endObject();
    }

    @Override
    public Line readJson(JsonReader json) throws IOException {
      String sku = null;
      Integer quantity = null;
      BigDecimal price = null;
      json.beginObject();
      while (json.nextField()) {
        switch (json.fieldName()) {
          case "sku" -> sku = json.read(ValueCodecs.STRING);
          case "quantity" -> quantity = json.read(ValueCodecs.INT);
          case "price" -> price = json.read(ValueCodecs.BIG_DECIMAL);
          default -> json.skipValue();
        }
      }
      return new Line(
          sku,
          json.required("quantity", quantity),
          price);
    }
  }

  /**
   * JSON codec of {@link Address}.
   */
  private static final class AddressJson extends RecordCodec<Address> {
    AddressJson() {
      super("Address");
    }

    @Override
    public void writeJson(JsonWriter json, Address value) throws IOException {
      json.beginObject();
      json.field("city", ValueCodecs.STRING, value.city());
      json.field("location", ValueCodecs.GEO_POINT, value.location());
      json.endObject();
    }

    @Override
    public Address readJson(JsonReader json) throws IOException {
      String city = null;
      GeoPoint location = null;
      json.beginObject();
      while (json.nextField()) {
        switch (json.fieldName()) {
          case "city" -> city = json.read(ValueCodecs.STRING);
          case "location" -> location = json.read(ValueCodecs.GEO_POINT);
          default -> json.skipValue();
        }
      }
      return new Address(
          city,
          location);
    }
  }
}
