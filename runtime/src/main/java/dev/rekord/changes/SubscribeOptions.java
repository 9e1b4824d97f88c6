package dev.rekord.changes;

import java.time.Duration;

/**
 * How a subscription reads ({@link ChangeStream#subscribe}).
 *
 * @param batch how many events it reads from a bucket at a time
 * @param pollInterval how long it waits before reading again when no bucket had anything
 * @param claimAfter how long an event may stay unacknowledged with another consumer of the group
 *     before this one claims it ({@code XAUTOCLAIM}): the consumer that read it is taken for dead
 */
public record SubscribeOptions(int batch, Duration pollInterval, Duration claimAfter) {

  public SubscribeOptions {
    if (batch < 1) {
      throw new IllegalArgumentException("batch must be positive: " + batch);
    }
    if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
    if (claimAfter == null || claimAfter.isNegative()) {
      throw new IllegalArgumentException("claimAfter must be zero or positive: " + claimAfter);
    }
  }

  /** 100 events at a time, polling every 100 ms, claiming after 30 s. */
  public static SubscribeOptions defaults() {
    return new SubscribeOptions(100, Duration.ofMillis(100), Duration.ofSeconds(30));
  }

  public SubscribeOptions withBatch(int batch) {
    return new SubscribeOptions(batch, pollInterval, claimAfter);
  }

  public SubscribeOptions withPollInterval(Duration pollInterval) {
    return new SubscribeOptions(batch, pollInterval, claimAfter);
  }

  public SubscribeOptions withClaimAfter(Duration claimAfter) {
    return new SubscribeOptions(batch, pollInterval, claimAfter);
  }
}
