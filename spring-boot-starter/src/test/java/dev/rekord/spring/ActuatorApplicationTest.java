package dev.rekord.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.spring.app.BookShelf;
import dev.rekord.spring.app.LibraryApplication;
import dev.rekord.test.RedisServer;
import io.micrometer.core.instrument.Statistic;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint;
import org.springframework.boot.micrometer.metrics.actuate.endpoint.MetricsEndpoint.MetricDescriptor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Spring Boot application with Actuator against a real redis-server: Rekord's meters are
 * in the metrics endpoint ({@code /actuator/metrics/rekord.operations}) and its health in the
 * health endpoint, UP, then DOWN once the server stops.
 */
@SpringBootTest(classes = LibraryApplication.class, properties = {
    "management.endpoints.web.exposure.include=health,metrics",
    "management.endpoint.health.show-details=always"})
class ActuatorApplicationTest {

  private static final RedisServer server = RedisServer.start();

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry properties) {
    properties.add("rekord.url", server::url);
    properties.add("rekord.socket-timeout", () -> "500ms");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Autowired BookShelf shelf;
  @Autowired MetricsEndpoint metrics;
  @Autowired HealthEndpoint health;

  private static double count(MetricDescriptor metric) {
    return metric.getMeasurements().stream().filter(sample -> sample.getStatistic() == Statistic.COUNT)
        .mapToDouble(MetricsEndpoint.Sample::getValue).sum();
  }

  @Test
  void theMetricsEndpointShowsRekordsMetersAndHealthGoesFromUpToDown() {
    shelf.shelve("Le Guin", "The Dispossessed");
    shelf.shelve("Banks", "Excession");
    assertEquals(1, shelf.by("Le Guin").size());
    shelf.by("Banks");

    assertTrue(metrics.listNames().getNames().containsAll(
        List.of("rekord.operations", "rekord.calls", "rekord.pool.active", "rekord.migrations")),
        metrics.listNames().getNames().toString());
    MetricDescriptor saves = metrics.metric("rekord.operations", List.of("model:Book", "operation:save"));
    assertNotNull(saves);
    assertEquals(2, count(saves));
    MetricDescriptor queries = metrics.metric("rekord.operations",
        List.of("operation:list", "shape:author:eq", "outcome:success"));
    assertEquals(2, count(queries), "two queries of one shape, whatever author they asked for");
    MetricDescriptor roundTrips = metrics.metric("rekord.calls", List.of("model:Book", "operation:save"));
    assertEquals(2, count(roundTrips));

    assertEquals(Status.UP, health.healthForPath("rekord").getStatus());
    assertEquals(Status.UP, health.health().getStatus());

    server.close();
    assertEquals(Status.DOWN, health.healthForPath("rekord").getStatus());
    assertEquals(Status.DOWN, health.health().getStatus(), "the application's health follows Redis");
  }
}
