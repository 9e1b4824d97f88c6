package dev.rekord.internal.connection;

import java.util.Collection;
import redis.clients.jedis.Connection;
import redis.clients.jedis.util.Pool;

/**
 * The connection pools of one client, summed over its nodes, at one moment: what pool gauges show.
 *
 * @param active connections lent out now
 * @param idle connections waiting in the pools
 * @param waiting threads waiting for a connection (a pool that is too small)
 * @param max the most connections the pools may hold together
 */
public record PoolStats(int active, int idle, int waiting, int max) {

  static PoolStats of(Collection<? extends Pool<Connection>> pools) {
    int active = 0;
    int idle = 0;
    int waiting = 0;
    int max = 0;
    for (Pool<Connection> pool : pools) {
      active += pool.getNumActive();
      idle += pool.getNumIdle();
      waiting += pool.getNumWaiters();
      max += Math.max(pool.getMaxTotal(), 0); // negative: unbounded, counted as 0
    }
    return new PoolStats(active, idle, waiting, max);
  }
}
