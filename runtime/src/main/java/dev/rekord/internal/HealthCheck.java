package dev.rekord.internal;

import dev.rekord.connection.RedisConnection;
import dev.rekord.health.HealthReport;
import dev.rekord.health.HealthReport.ModelHealth;
import dev.rekord.health.HealthReport.SchemaState;
import dev.rekord.health.HealthReport.Status;
import dev.rekord.internal.connection.ServerCheck;
import dev.rekord.internal.connection.ServerCheck.ServerStatus;
import dev.rekord.internal.schema.SchemaRecord;
import dev.rekord.internal.schema.SchemaStore;
import dev.rekord.model.RekordModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Rekord.health()}: pings the primaries ({@link ServerCheck}) and, when Redis answers, reads
 * every model's schema record to say whether its index serves its definition. Reads only: a health
 * check never creates a schema record nor waits out retries on a server that is down.
 */
public final class HealthCheck {
  private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);

  private HealthCheck() {}

  public static HealthReport run(RedisConnection connection, Engines engines, List<RekordModel<?, ?>> models) {
    Instant now = Instant.now();
    ServerStatus server = ServerCheck.check(connection);
    if (!server.reachable()) {
      LOG.debug("Rekord: health check: Redis is not reachable: {}", server.error());
      return new HealthReport(Status.DOWN, null, null, server.mode(), null, server.masters(), 0, List.of(),
          server.error(), now);
    }
    List<ModelHealth> results = new ArrayList<>(models.size());
    boolean usable = true;
    for (RekordModel<?, ?> model : models) {
      ModelHealth health = model(connection, engines, model);
      usable &= health.schema().usable();
      results.add(health);
    }
    boolean clusterOk = server.clusterState() == null || "ok".equals(server.clusterState());
    boolean allReached = server.mastersReached() == server.masters();
    Status status = usable && clusterOk && allReached ? Status.UP : Status.DEGRADED;
    return new HealthReport(status, server.latency(), server.version(), server.mode(), server.clusterState(),
        server.masters(), server.mastersReached(), results, server.error(), now);
  }

  private static ModelHealth model(RedisConnection connection, Engines engines, RekordModel<?, ?> model) {
    String fingerprint = model.index().fingerprint();
    String engine = engines.engineName(model);
    SchemaRecord record;
    try {
      record = SchemaStore.read(model, command -> ServerCheck.readOnce(connection, command));
    } catch (RuntimeException e) {
      return new ModelHealth(model.name(), model.keyPrefix(), engine, SchemaState.UNKNOWN, fingerprint, null,
          "the schema record cannot be read: " + e.getMessage());
    }
    if (record == null) {
      return new ModelHealth(model.name(), model.keyPrefix(), engine, SchemaState.MISSING, fingerprint, null,
          "no schema record yet: rekord.migrate() (or the model's first use) creates it");
    }
    if (record.servesFingerprint(fingerprint, engines.layoutVersion(model))) {
      return new ModelHealth(model.name(), model.keyPrefix(), engine, SchemaState.READY, fingerprint,
          record.fingerprint(), null);
    }
    if (record.state() == SchemaRecord.State.BUILDING) {
      return new ModelHealth(model.name(), model.keyPrefix(), engine, SchemaState.BUILDING, fingerprint,
          record.fingerprint(), "the index is being rebuilt for " + record.target()
              + "; rekord.migrate() finishes an interrupted rebuild");
    }
    String why = record.fingerprint().equals(fingerprint)
        ? "the index was built with index layout " + record.layout() + ", the model is configured with "
            + engines.layoutVersion(model)
        : "the index was built for fingerprint " + record.fingerprint() + ", the model's definition has " + fingerprint;
    return new ModelHealth(model.name(), model.keyPrefix(), engine, SchemaState.STALE, fingerprint,
        record.fingerprint(), why + "; queries on indexed fields fail until rekord.migrate() rebuilds it");
  }
}
