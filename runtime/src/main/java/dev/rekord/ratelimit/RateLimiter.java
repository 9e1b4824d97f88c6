package dev.rekord.ratelimit;

import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.async.AsyncRunners;
import dev.rekord.internal.instrument.Instrumentation;
import dev.rekord.internal.instrument.ToolkitMeter;
import dev.rekord.values.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A limit on how many requests one subject ({@code user:42}, an IP address) may make per period,
 * checked and counted by one atomic script on the server — exact however many threads and
 * processes ask at once, timed by the server's clock — whose keys expire by themselves. Made by
 * {@link RateLimiters}; thread-safe.
 */
public final class RateLimiter {

  private final RedisConnection connection;
  private final Namespace namespace;
  private final String name;
  private final LuaScript script;
  private final List<String> settings;
  private final Instrumentation meters;

  RateLimiter(RedisConnection connection, Namespace namespace, String name, LuaScript script, List<String> settings) {
    this.connection = connection;
    this.namespace = namespace;
    this.name = name;
    this.script = script;
    this.settings = settings;
    this.meters = Instrumentation.of(connection);
  }

  public String name() {
    return name;
  }

  /** This limiter's asynchronous view, on Rekord's async executor. */
  public AsyncRateLimiter async() {
    return new AsyncRateLimiter(this, AsyncRunners.of(connection));
  }

  /** Counts one request of {@code subject} if the limit allows it, and says so. */
  public RateDecision tryAcquire(String subject) {
    String key = namespace.key("ratelimit:" + name + ":" + subject);
    List<String> args = new ArrayList<>(settings.size() + 1);
    args.addAll(settings);
    // Identifies this request, so the connection's retry of a call whose reply was lost counts it once.
    args.add(UUID.randomUUID().toString());
    RateDecision decision = RateDecision.of(connection.eval(script, List.of(key), args));
    meters.toolkit(ToolkitMeter.RATE_LIMIT_DECISIONS, name, decision.allowed() ? "allowed" : "denied");
    return decision;
  }

  @Override
  public String toString() {
    return "RateLimiter[" + name + ", " + script.name() + "]";
  }
}
