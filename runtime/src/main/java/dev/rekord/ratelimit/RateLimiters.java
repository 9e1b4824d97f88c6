package dev.rekord.ratelimit;

import dev.rekord.connection.LuaScript;
import dev.rekord.values.Values;
import java.time.Duration;
import java.util.List;

/**
 * Makes rate limiters; their keys are {@code ratelimit:<name>:<subject>} in the namespace. Every
 * limiter answers {@link RateDecision}: allowed, remaining and retry-after.
 *
 * <ul>
 *   <li>{@link #slidingWindow}: at most {@code limit} requests in any {@code window} (a log of
 *       request times in a sorted set): exact, memory per subject up to {@code limit} entries.
 *   <li>{@link #fixedWindow}: at most {@code limit} per aligned window (a counter): cheapest, but
 *       up to twice the limit across a window boundary.
 *   <li>{@link #smooth}: GCRA, requests spaced evenly with a burst of {@code limit}: one value per
 *       subject.
 * </ul>
 *
 * Each is one atomic script call. The sliding window counts a retried call (after a lost reply)
 * once; the fixed window and GCRA may count it twice.
 */
public final class RateLimiters {

  /** KEYS[1]: the log; ARGV: limit, window ms, request id. Returns {allowed, remaining, retry ms}. */
  static final LuaScript SLIDING_WINDOW = new LuaScript("ratelimit-sliding-window", """
      local time = redis.call('TIME')
      local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
      local limit = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
      local count = redis.call('ZCARD', KEYS[1])
      if redis.call('ZSCORE', KEYS[1], ARGV[3]) then
        return {1, limit - count, 0}
      end
      if count < limit then
        redis.call('ZADD', KEYS[1], now, ARGV[3])
        redis.call('PEXPIRE', KEYS[1], window)
        return {1, limit - count - 1, 0}
      end
      local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
      return {0, 0, math.max(1, tonumber(oldest[2]) + window - now + 1)}
      """, true);

  /** KEYS[1]: the window's hash (start, count); ARGV: limit, window ms. */
  static final LuaScript FIXED_WINDOW = new LuaScript("ratelimit-fixed-window", """
      local time = redis.call('TIME')
      local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
      local limit = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      local start = now - (now % window)
      if tonumber(redis.call('HGET', KEYS[1], 'start') or '-1') ~= start then
        redis.call('HSET', KEYS[1], 'start', start, 'count', 0)
        redis.call('PEXPIREAT', KEYS[1], start + window)
      end
      local count = tonumber(redis.call('HGET', KEYS[1], 'count'))
      if count < limit then
        redis.call('HINCRBY', KEYS[1], 'count', 1)
        return {1, limit - count - 1, 0}
      end
      return {0, 0, start + window - now}
      """, true);

  /**
   * GCRA. KEYS[1]: the theoretical arrival time (ms); ARGV: limit (the burst), emission interval ms.
   */
  static final LuaScript SMOOTH = new LuaScript("ratelimit-gcra", """
      local time = redis.call('TIME')
      local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
      local burst = tonumber(ARGV[1])
      local interval = tonumber(ARGV[2])
      local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
      if tat < now then
        tat = now
      end
      local next_tat = tat + interval
      local allowed_at = next_tat - burst * interval
      if allowed_at > now then
        return {0, 0, allowed_at - now}
      end
      redis.call('SET', KEYS[1], next_tat, 'PX', next_tat - now)
      return {1, math.floor((now - allowed_at) / interval), 0}
      """, true);

  private final Values values;

  /** Rate limiters on {@code values}' connection, keys in its namespace. */
  public RateLimiters(Values values) {
    this.values = values;
  }

  /** At most {@code limit} requests per subject in any {@code window}. */
  public RateLimiter slidingWindow(String name, int limit, Duration window) {
    return make(name, SLIDING_WINDOW, limit, window.toMillis());
  }

  /** At most {@code limit} requests per subject in each window aligned to {@code window}. */
  public RateLimiter fixedWindow(String name, int limit, Duration window) {
    return make(name, FIXED_WINDOW, limit, window.toMillis());
  }

  /**
   * {@code limit} requests per {@code period}, spaced evenly ({@code period / limit} apart), with a
   * burst of up to {@code limit} after a quiet period.
   */
  public RateLimiter smooth(String name, int limit, Duration period) {
    if (period.toMillis() < limit) {
      throw new IllegalArgumentException("a smooth limiter needs at least 1 ms between requests: "
          + limit + " per " + period);
    }
    return make(name, SMOOTH, limit, period.toMillis() / limit);
  }

  private RateLimiter make(String name, LuaScript script, int limit, long millis) {
    if (limit < 1 || millis < 1) {
      throw new IllegalArgumentException("a limit of at least 1 per at least 1 ms: " + limit + ", " + millis + " ms");
    }
    if (name.isEmpty() || name.indexOf(':') >= 0) {
      throw new IllegalArgumentException("a rate limiter name is not empty and has no ':': " + name);
    }
    return new RateLimiter(values.connection(), values.namespace(), name, script,
        List.of(Integer.toString(limit), Long.toString(millis)));
  }
}
