package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.RetryPolicy;

/**
 * What standalone and cluster connections share: the retry policy, the replica wait and the
 * health that logs losing and regaining Redis.
 */
public abstract class ConfiguredConnection implements RedisConnection {

  private final RetryPolicy retry;
  private final ReplicaWait replicaWait;
  private final ConnectionHealth health;

  ConfiguredConnection(RetryPolicy retry, ReplicaWait replicaWait, String name) {
    this.retry = retry;
    this.replicaWait = replicaWait;
    this.health = new ConnectionHealth(name);
  }

  final ConnectionHealth health() {
    return health;
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
