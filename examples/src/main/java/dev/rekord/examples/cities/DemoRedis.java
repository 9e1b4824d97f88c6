package dev.rekord.examples.cities;

import dev.rekord.test.RedisServer;

/**
 * The Redis the demo talks to: the one {@code REDIS_URL} names, or else a throwaway {@code
 * redis-server} on a free loopback port, stopped (with its data) on {@link #close()}.
 */
final class DemoRedis implements AutoCloseable {

  private final String url;
  private final RedisServer server;

  private DemoRedis(String url, RedisServer server) {
    this.url = url;
    this.server = server;
  }

  /** Uses {@code redisUrl} when it is set and not blank, else starts a server. */
  static DemoRedis from(String redisUrl) {
    if (redisUrl != null && !redisUrl.isBlank()) {
      return new DemoRedis(redisUrl, null);
    }
    RedisServer server = RedisServer.start();
    return new DemoRedis(server.url(), server);
  }

  String url() {
    return url;
  }

  boolean throwaway() {
    return server != null;
  }

  /** What to print: the URL, without any password. */
  String describe() {
    String shown = url.replaceFirst("//[^@/]*@", "//***@");
    return throwaway() ? "throwaway redis-server at " + shown : shown + " (from REDIS_URL)";
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }
}
