package com.acme.shop;

import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import java.util.UUID;
import javax.annotation.processing.Generated;

/**
 * Repository of {@link Order} documents.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class OrderRepository extends RekordRepository<Order, UUID> {
  /**
   * A repository of {@link Order} documents stored through {@code rekord}.
   */
  public OrderRepository(Rekord rekord) {
    super(rekord, OrderModel.INSTANCE);
  }
}
