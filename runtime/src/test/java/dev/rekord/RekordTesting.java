package dev.rekord;

import dev.rekord.internal.SchemaMigrator;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.internal.engine.portable.PortableQueryEngine;

/** What the runtime's own tests may look at behind the public API. */
public final class RekordTesting {

  private RekordTesting() {}

  /** The portable key layout of {@code repository}'s model. */
  public static KeyLayout layout(RekordRepository<?, ?> repository) {
    return ((PortableQueryEngine<?>) repository.engine()).layout();
  }

  /** Forgets cached schema records and engines, as a new process would. */
  public static void invalidate(Rekord rekord) {
    rekord.engines().invalidate();
  }

  /** A migrator over {@code rekord}'s engines. */
  public static SchemaMigrator migrator(Rekord rekord) {
    return new SchemaMigrator(rekord.engines());
  }
}
