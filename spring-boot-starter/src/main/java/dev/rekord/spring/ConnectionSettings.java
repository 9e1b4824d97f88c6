package dev.rekord.spring;

import dev.rekord.Rekord;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * Applies {@code rekord.*}, else {@code spring.data.redis.*}, to a {@link Rekord.Builder}: an
 * application already configured for Spring Data Redis connects Rekord to the same server with no
 * new property.
 */
final class ConnectionSettings {
  private ConnectionSettings() {}

  static void apply(Rekord.Builder builder, RekordProperties rekord, Environment environment) {
    Binder binder = Binder.get(environment);
    String redis = "spring.data.redis.";
    String url = rekord.getUrl() != null ? rekord.getUrl() : binder.bind(redis + "url", String.class).orElse(null);
    if (url != null) {
      builder.url(url);
    } else {
      binder.bind(redis + "host", String.class).ifBound(builder::host);
      binder.bind(redis + "port", Integer.class).ifBound(builder::port);
      binder.bind(redis + "database", Integer.class).ifBound(builder::database);
      binder.bind(redis + "ssl.enabled", Boolean.class).ifBound(builder::ssl);
      binder.bind(redis + "username", String.class).ifBound(builder::user);
      binder.bind(redis + "password", String.class).ifBound(builder::password);
    }
    first(rekord.getUser(), null).ifPresent(builder::user);
    first(rekord.getPassword(), null).ifPresent(builder::password);
    first(rekord.getSocketTimeout(), binder.bind(redis + "timeout", Duration.class).orElse(null))
        .ifPresent(builder::socketTimeout);
    first(rekord.getConnectTimeout(), binder.bind(redis + "connect-timeout", Duration.class).orElse(null))
        .ifPresent(builder::connectTimeout);
    first(rekord.getClientName(), binder.bind(redis + "client-name", String.class).orElse(null))
        .ifPresent(builder::clientName);
    first(rekord.getPoolSize(), null).ifPresent(builder::poolSize);
    first(rekord.getMaxInFlight(), null).ifPresent(builder::maxInFlight);
  }

  private static <V> java.util.Optional<V> first(V preferred, V fallback) {
    return java.util.Optional.ofNullable(preferred != null ? preferred : fallback);
  }
}
