package dev.rekord.connection;

import java.time.Duration;

/**
 * Durability for writes: after each write or batch, {@code WAIT replicas timeout} on the same
 * connection of every primary the write reached, so an acknowledged write is on at least {@code
 * replicas} replicas too and survives the failover of its primary. When fewer acknowledge in time
 * the write fails with {@link dev.rekord.exception.InsufficientReplicasException} (the primary applied it).
 *
 * @param replicas how many replicas must acknowledge; 0 turns the wait off
 * @param timeout how long to wait for them
 */
public record ReplicaWait(int replicas, Duration timeout) {

  /** No waiting: Redis' asynchronous replication (the default). */
  public static final ReplicaWait NONE = new ReplicaWait(0, Duration.ZERO);

  public ReplicaWait {
    if (replicas < 0) {
      throw new IllegalArgumentException("replicas must not be negative: " + replicas);
    }
    if (timeout == null || timeout.isNegative() || replicas > 0 && timeout.isZero()) {
      // WAIT with timeout 0 blocks forever: never what an application wants.
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  public boolean enabled() {
    return replicas > 0;
  }
}
