package dev.rekord.changes;

/** A running subscription; {@link #close()} stops it. */
public interface ChangeSubscription extends AutoCloseable {

  /** Whether it still delivers events. */
  boolean isRunning();

  /**
   * Stops delivering: the event being handled finishes (and is acknowledged), no other starts;
   * returns once the subscription's thread has ended. Idempotent.
   */
  @Override
  void close();
}
