package dev.rekord.spring;

import dev.rekord.Rekord;

/**
 * Changes the {@link Rekord.Builder} the starter configured from properties, before it connects
 * (a retry policy, TLS stores, an async executor): declare one as a bean.
 */
@FunctionalInterface
public interface RekordBuilderCustomizer {
  void customize(Rekord.Builder builder);
}
