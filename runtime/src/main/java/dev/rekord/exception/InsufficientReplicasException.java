package dev.rekord.exception;

/**
 * A write was applied by its primary but fewer replicas than required acknowledged it within the
 * timeout of {@code Rekord.builder().waitForReplicas(n, timeout)}. The write is not rolled back:
 * it is on the primary and may still reach the replicas, but a failover before it does would lose
 * it. Saving the same document again is safe (writes are idempotent).
 */
public class InsufficientReplicasException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final long required;
  private final long acknowledged;

  public InsufficientReplicasException(String message, long required, long acknowledged) {
    super(message, null);
    this.required = required;
    this.acknowledged = acknowledged;
  }

  /** How many replicas had to acknowledge. */
  public long required() {
    return required;
  }

  /** The fewest replicas that acknowledged, over the primaries the write reached. */
  public long acknowledged() {
    return acknowledged;
  }
}
