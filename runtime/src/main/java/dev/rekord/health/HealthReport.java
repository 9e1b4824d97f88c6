package dev.rekord.health;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What {@code rekord.health()} saw: whether Redis answers and how fast, what it is, and the state
 * of every model's index. Immutable; never built from a thrown exception: a server that cannot be
 * reached is a {@link Status#DOWN} report saying why.
 *
 * @param status the verdict for an orchestrator: {@link Status#UP}, {@link Status#DEGRADED} or
 *     {@link Status#DOWN}
 * @param latency the round trip of one {@code PING}; {@code null} when Redis did not answer
 * @param serverVersion {@code redis_version} ({@code 7.0.15}); {@code null} when unknown
 * @param mode {@code standalone} or {@code cluster}
 * @param clusterState {@code cluster_state} ({@code ok} or {@code fail}); {@code null} on a
 *     standalone server or when no node answered
 * @param masters the primaries the client knows of (1 on a standalone server)
 * @param mastersReached how many of them answered {@code PING}
 * @param models every registered model's engine and index state, in registration order; empty
 *     when Redis could not be reached
 * @param error why Redis (or a primary) could not be reached; {@code null} when all answered
 * @param checkedAt when the check ran
 */
public record HealthReport(
    Status status, Duration latency, String serverVersion, String mode, String clusterState,
    int masters, int mastersReached, List<ModelHealth> models, String error, Instant checkedAt) {

  /** The verdict. */
  public enum Status {
    /** Redis answers, every primary was reached and every index serves its model. */
    UP,
    /**
     * Redis answers, but not everything is well: a primary was not reached, the cluster state is
     * not {@code ok}, or a model's index does not serve its definition (queries on it fail until
     * {@code rekord.migrate()} rebuilds it).
     */
    DEGRADED,
    /** Redis cannot be reached. */
    DOWN
  }

  public HealthReport {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(checkedAt, "checkedAt");
    models = List.copyOf(models);
  }

  /** Whether Redis answered (the status is not {@link Status#DOWN}). */
  public boolean reachable() {
    return status != Status.DOWN;
  }

  /** The health of the model named {@code name} ({@code Member}), or {@code null}. */
  public ModelHealth model(String name) {
    for (ModelHealth model : models) {
      if (model.model().equals(name)) {
        return model;
      }
    }
    return null;
  }

  /**
   * One model: the engine that runs it and the state of its index.
   *
   * @param model the model's name ({@code Member})
   * @param keyPrefix its key prefix ({@code member})
   * @param engine the query engine that runs it ({@code portable})
   * @param schema the state of its index
   * @param fingerprint the fingerprint of the model's compiled index definition
   * @param indexFingerprint the fingerprint the index in Redis was built for; {@code null} when
   *     there is no schema record yet (or it could not be read)
   * @param detail what is wrong, for a person; {@code null} when {@link SchemaState#READY}
   */
  public record ModelHealth(String model, String keyPrefix, String engine, SchemaState schema,
      String fingerprint, String indexFingerprint, String detail) {

    public ModelHealth {
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(schema, "schema");
    }
  }

  /** The state of a model's index. */
  public enum SchemaState {
    /** Built for the model's definition: queries run. */
    READY,
    /**
     * No schema record yet: {@code migrate()} has not run and the model was not used; it is
     * created (empty and ready) by either.
     */
    MISSING,
    /**
     * Built for another definition (the fingerprint does not match) or an older index layout:
     * queries on indexed fields fail until {@code rekord.migrate()} rebuilds it.
     */
    STALE,
    /** Being rebuilt (or a rebuild was interrupted): {@code migrate()} finishes it. */
    BUILDING,
    /** The schema record could not be read. */
    UNKNOWN;

    /** Whether the model can be used as it is (queries included). */
    public boolean usable() {
      return this == READY || this == MISSING;
    }
  }
}
