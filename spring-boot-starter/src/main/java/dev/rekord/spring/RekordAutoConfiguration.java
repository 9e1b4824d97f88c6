package dev.rekord.spring;

import dev.rekord.Rekord;
import dev.rekord.schema.MigrationReport;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures Rekord: a {@link Rekord} from {@code rekord.*} (or {@code spring.data.redis.*}),
 * migrated at start-up unless {@code rekord.migrate-on-startup=false}; every generated repository
 * as a bean; with Micrometer, its {@code MeterRegistry} and {@code ObservationRegistry}; with
 * Spring Boot's health module, a {@link RekordHealthIndicator}. See {@code docs/spring-boot.md}.
 */
@AutoConfiguration(afterName = {
    "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
    "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
    "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass(Rekord.class)
@EnableConfigurationProperties(RekordProperties.class)
public class RekordAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(RekordAutoConfiguration.class);

  /**
   * The connection, closed with the context.
   *
   * @throws IllegalStateException at start-up when the class path has a Jedis older than 8: the
   *     message names the build property to set ({@code jedis.version})
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public Rekord rekord(RekordProperties properties, Environment environment,
      ObjectProvider<RekordBuilderCustomizer> customizers) {
    Rekord.Builder builder = Rekord.builder();
    ConnectionSettings.apply(builder, properties, environment);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    Rekord rekord = builder.build();
    if (properties.isMigrateOnStartup()) {
      try {
        MigrationReport report = rekord.migrate();
        LOG.info("Rekord: migrated {} model(s) at start-up in {} ms", report.models().size(),
            report.duration().toMillis());
      } catch (RuntimeException e) {
        rekord.close();
        throw e;
      }
    }
    return rekord;
  }

  /** Every generated repository as a bean (static: it runs before other beans are made). */
  @Bean
  @ConditionalOnProperty(prefix = "rekord", name = "register-repositories", matchIfMissing = true)
  static RepositoryRegistrar rekordRepositoryRegistrar() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return new RepositoryRegistrar(loader != null ? loader : RekordAutoConfiguration.class.getClassLoader());
  }

  /** Rekord's meters in the application's {@code MeterRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    RekordBuilderCustomizer rekordMeterRegistry(ObjectProvider<MeterRegistry> registry) {
      return builder -> registry.ifAvailable(builder::meterRegistry);
    }
  }

  /** An observation per Redis round trip in the application's {@code ObservationRegistry}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.observation.ObservationRegistry")
  static class Observations {
    @Bean
    @ConditionalOnBean(ObservationRegistry.class)
    RekordBuilderCustomizer rekordObservationRegistry(ObjectProvider<ObservationRegistry> registry) {
      return builder -> registry.ifAvailable(builder::observationRegistry);
    }
  }

  /** {@code rekord.health()} at {@code /actuator/health/rekord}. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  static class HealthIndicatorConfiguration {
    @Bean
    @ConditionalOnMissingBean(name = "rekordHealthIndicator")
    RekordHealthIndicator rekordHealthIndicator(Rekord rekord) {
      return new RekordHealthIndicator(rekord);
    }
  }
}
