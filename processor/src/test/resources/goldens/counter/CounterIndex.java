package com.acme;

import dev.rekord.annotations.Storage;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.IndexField;
import java.util.List;
import javax.annotation.processing.Generated;

/**
 * Index definition of {@link Counter}.
 */
@Generated("dev.rekord.processor.RekordProcessor")
public final class CounterIndex {
  /**
   * Index of {@code value}.
   */
  public static final IndexField VALUE = IndexField.numeric("value").withSortOrder();

  /**
   * The index of {@link Counter}, with the fingerprint of this definition.
   */
  public static final IndexDefinition DEFINITION = new IndexDefinition(
      "counter-idx",
      "counter",
      Storage.HASH,
      List.of(VALUE),
      "706f04951570282c");

  private CounterIndex() {
  }
}
