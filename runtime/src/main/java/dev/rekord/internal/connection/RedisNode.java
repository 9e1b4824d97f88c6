package dev.rekord.internal.connection;

import redis.clients.jedis.HostAndPort;

/**
 * One Redis server (or cluster seed) to connect to.
 *
 * @param host a host name or an IP address (IPv6 without brackets)
 * @param port the TCP port
 */
public record RedisNode(String host, int port) {

  /** The node as Jedis names it. */
  HostAndPort hostAndPort() {
    return new HostAndPort(host, port);
  }

  @Override
  public String toString() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
