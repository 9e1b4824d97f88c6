package com.acme;

import dev.rekord.Rekord;
import dev.rekord.RekordRepository;
import javax.annotation.processing.Generated;

/**
 * Repository of {@link Counter} documents.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class CounterRepository extends RekordRepository<Counter, Long> {
  /**
   * A repository of {@link Counter} documents stored through {@code rekord}.
   */
  public CounterRepository(Rekord rekord) {
    super(rekord, CounterModel.INSTANCE);
  }
}
