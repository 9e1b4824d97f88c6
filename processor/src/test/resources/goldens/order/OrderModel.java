package com.acme.shop;

import dev.rekord.annotations.Storage;
import dev.rekord.model.DocumentCodec;
import dev.rekord.model.IdKind;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.RekordModel;
import java.time.Duration;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * The Rekord model of {@link Order}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class OrderModel implements RekordModel<Order, UUID> {
  public static final OrderModel INSTANCE = new OrderModel();

  private static final Duration DEFAULT_TTL = Duration.ZERO;

  /**
   * For {@link java.util.ServiceLoader}; use {@link #INSTANCE}.
   */
  public OrderModel() {
  }

  @Override
  public String name() {
    return "Order";
  }

  @Override
  public Class<Order> type() {
    return Order.class;
  }

  @Override
  public String keyPrefix() {
    return "shop:order";
  }

  @Override
  public Storage storage() {
    return Storage.JSON;
  }

  @Override
  public Duration defaultTtl() {
    return DEFAULT_TTL;
  }

  @Override
  public IdKind idKind() {
    return IdKind.UUID;
  }

  @Override
  public UUID id(Order entity) {
    return entity.id();
  }

  @Override
  public Order withId(Order entity, UUID id) {
    return new Order(
        id,
        entity.customer(),
        entity.placedAt(),
        entity.lines(),
        entity.shipTo(),
        entity.labels(),
        entity.attributes(),
        entity.status(),
        entity.signature(),
        entity.total());
  }

  @Override
  public String idToString(UUID id) {
    return id.toString();
  }

  @Override
  public UUID idFromString(String text) {
    return UUID.fromString(text);
  }

  @Override
  public DocumentCodec<Order> codec() {
    return OrderCodec.INSTANCE;
  }

  @Override
  public IndexDefinition index() {
    return OrderIndex.DEFINITION;
  }
}
