package dev.rekord;

import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.internal.engine.portable.PortableQueryEngine;

/** What the end-to-end tests inspect behind the public API: the portable engine's keys. */
public final class ItAccess {

  private ItAccess() {}

  /** The portable key layout of {@code repository}'s model. */
  public static KeyLayout layout(RekordRepository<?, ?> repository) {
    return ((PortableQueryEngine<?>) repository.engine()).layout();
  }
}
