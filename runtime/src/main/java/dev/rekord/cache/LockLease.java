package dev.rekord.cache;

import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.RekordException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A held single-flight lock, renewed while its loader runs: every third of the lock's TTL its
 * expiry is pushed back (only while the lock still holds this caller's token), so a loader slower
 * than the TTL is not joined by a second one; if the process dies the renewals stop and the lock
 * expires within one TTL. Closing it stops renewing and deletes the lock if it is still ours.
 */
final class LockLease implements AutoCloseable {

  /** Deletes the lock only when it is still the caller's (its token), so an expired lock taken over is kept. */
  static final LuaScript UNLOCK = new LuaScript("cache-unlock", """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('DEL', KEYS[1])
      end
      return 0
      """, true);

  /** Pushes the lock's expiry back to ARGV[2] ms when it is still the caller's; 1 if so, else 0. */
  static final LuaScript RENEW = new LuaScript("cache-renew", """
      if redis.call('GET', KEYS[1]) == ARGV[1] then
        return redis.call('PEXPIRE', KEYS[1], ARGV[2])
      end
      return 0
      """, true);

  /** One daemon thread renews every held lock of the JVM: a renewal is one short script call. */
  private static final ScheduledExecutorService RENEWER = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "rekord-cache-lock-renewer");
    thread.setDaemon(true);
    return thread;
  });

  private final RedisConnection connection;
  private final String key;
  private final String token;
  /** Volatile: the renewer thread reads it, and may run before the constructor's assignment is seen. */
  private volatile ScheduledFuture<?> renewal;

  LockLease(RedisConnection connection, String key, String token, Duration ttl) {
    this.connection = connection;
    this.key = key;
    this.token = token;
    long every = Math.max(1, ttl.toMillis() / 3);
    String ttlMillis = Long.toString(ttl.toMillis());
    this.renewal = RENEWER.scheduleWithFixedDelay(() -> renew(ttlMillis), every, every, TimeUnit.MILLISECONDS);
  }

  private void renew(String ttlMillis) {
    try {
      ScheduledFuture<?> mine = renewal;
      if (Long.valueOf(0).equals(connection.eval(RENEW, List.of(key), List.of(token, ttlMillis))) && mine != null) {
        mine.cancel(false); // expired and perhaps taken over: nothing of ours to keep alive
      }
    } catch (RekordException e) {
      // Redis unreachable: the next renewal tries again, and the lock expires if none succeeds.
    }
  }

  /** Stops renewing and deletes the lock if it is still ours; a Redis failure is left to the TTL. */
  @Override
  public void close() {
    renewal.cancel(false);
    try {
      connection.eval(UNLOCK, List.of(key), List.of(token));
    } catch (RekordException e) {
      // the lock expires by itself
    }
  }
}
