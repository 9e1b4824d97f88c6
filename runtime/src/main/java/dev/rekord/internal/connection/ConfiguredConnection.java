package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.RetryPolicy;

/** What standalone and cluster connections share: the retry policy and the replica wait. */
public abstract class ConfiguredConnection implements RedisConnection {

  private final RetryPolicy retry;
  private final ReplicaWait replicaWait;

  ConfiguredConnection(RetryPolicy retry, ReplicaWait replicaWait) {
    this.retry = retry;
    this.replicaWait = replicaWait;
  }

  @Override
  public final RetryPolicy retryPolicy() {
    return retry;
  }

  @Override
  public final ReplicaWait replicaWait() {
    return replicaWait;
  }
}
