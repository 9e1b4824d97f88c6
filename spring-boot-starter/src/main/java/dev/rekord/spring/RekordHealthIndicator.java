package dev.rekord.spring;

import dev.rekord.Rekord;
import dev.rekord.health.HealthReport;
import dev.rekord.health.HealthReport.ModelHealth;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * {@code rekord.health()} as a Spring Boot health indicator ({@code /actuator/health/rekord}):
 * {@code UP}, {@code DOWN} when Redis cannot be reached, and {@value #DEGRADED} when Redis answers
 * but a primary was not reached, the cluster is not {@code ok} or a model's index is stale, with
 * the report's details.
 */
public class RekordHealthIndicator extends AbstractHealthIndicator {

  /** The status of a {@link HealthReport.Status#DEGRADED} report. */
  public static final String DEGRADED = "DEGRADED";

  private final Rekord rekord;

  public RekordHealthIndicator(Rekord rekord) {
    super("Rekord health check failed");
    this.rekord = rekord;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    HealthReport report = rekord.health();
    builder.status(switch (report.status()) {
      case UP -> Status.UP;
      case DOWN -> Status.DOWN;
      case DEGRADED -> new Status(DEGRADED, "Redis answers, but not everything is well; see the details");
    });
    builder.withDetail("mode", report.mode());
    if (report.latency() != null) {
      builder.withDetail("latencyMillis", report.latency().toNanos() / 1_000_000.0);
    }
    if (report.serverVersion() != null) {
      builder.withDetail("version", report.serverVersion());
    }
    if (report.clusterState() != null) {
      builder.withDetail("clusterState", report.clusterState());
    }
    builder.withDetail("masters", report.masters()).withDetail("mastersReached", report.mastersReached());
    if (report.error() != null) {
      builder.withDetail("error", report.error());
    }
    Map<String, Object> models = new LinkedHashMap<>();
    for (ModelHealth model : report.models()) {
      Map<String, Object> details = new LinkedHashMap<>();
      details.put("engine", model.engine());
      details.put("schema", model.schema().name());
      if (model.detail() != null) {
        details.put("detail", model.detail());
      }
      models.put(model.model(), details);
    }
    if (!models.isEmpty()) {
      builder.withDetail("models", models);
    }
  }
}
