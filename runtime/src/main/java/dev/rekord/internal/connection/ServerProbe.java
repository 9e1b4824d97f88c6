package dev.rekord.internal.connection;

import dev.rekord.exception.RekordConnectionException;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.SafeEncoder;

/**
 * Asks the first seed that answers what it is, on one authenticated connection, so wrong
 * credentials, TLS trouble or an unreachable server fail at connect time rather than at the first
 * command. The server mode comes from {@code HELLO} (its reply names {@code mode: standalone} or
 * {@code cluster}): every user may send it, whatever its ACL, unlike {@code INFO}. A server that
 * does not know {@code HELLO} (older than 6) is asked {@code INFO cluster}; one that refuses both
 * is taken for a standalone server, with a warning.
 */
final class ServerProbe {
  private static final Logger LOG = LoggerFactory.getLogger(Connections.class);

  private ServerProbe() {}

  /**
   * What one server said about itself.
   *
   * @param node the seed that answered
   * @param cluster whether it is a cluster node
   * @param version its version, or {@code "?"} when it did not say
   * @param source what the mode was read from, for the log
   */
  record Answer(HostAndPort node, boolean cluster, String version, String source) {}

  /**
   * @throws RekordConnectionException when no seed can be reached, or one refuses the credentials
   */
  static Answer ask(ConnectionSettings settings, JedisClientConfig config) {
    JedisConnectionException last = null;
    for (RedisNode seed : settings.nodes()) {
      HostAndPort node = seed.hostAndPort();
      try (Connection probe = new Connection(node, config)) {
        return ask(node, probe);
      } catch (JedisConnectionException e) {
        LOG.debug("Rekord: seed {} did not answer: {}", node, e.getMessage());
        last = e; // try the next seed
      } catch (JedisException e) {
        // Refused credentials, a bad database: no seed will do better.
        throw RedisCalls.translate(e, settings.hasCredentials());
      }
    }
    throw new RekordConnectionException("Cannot reach Redis at " + settings.nodes() + ": "
        + ConnectionFailures.describeSetUp(last, settings.ssl()), last);
  }

  private static Answer ask(HostAndPort node, Connection probe) {
    List<?> hello;
    try {
      hello = (List<?>) probe.executeCommand(new CommandArguments(Protocol.Command.HELLO));
    } catch (JedisDataException e) {
      if (RedisCalls.isAuthenticationError(e.getMessage())) {
        throw e;
      }
      LOG.debug("Rekord: {} refused HELLO ({}); asking INFO cluster", node, e.getMessage());
      return askInfo(node, probe);
    }
    String mode = field(hello, "mode");
    String version = field(hello, "version");
    if (mode == null) {
      return askInfo(node, probe); // a HELLO reply without a mode: a proxy or an unusual server
    }
    return new Answer(node, "cluster".equals(mode), version == null ? "?" : version, "HELLO");
  }

  private static Answer askInfo(HostAndPort node, Connection probe) {
    try {
      probe.sendCommand(Protocol.Command.INFO, "cluster");
      String info = probe.getBulkReply();
      return new Answer(node, info != null && info.contains("cluster_enabled:1"), "?", "INFO cluster");
    } catch (JedisDataException e) {
      if (RedisCalls.isAuthenticationError(e.getMessage())) {
        throw e;
      }
      LOG.warn("Rekord: cannot tell whether {} is a cluster node: HELLO and INFO were both refused ({});"
          + " connecting as to a standalone server", node, e.getMessage());
      return new Answer(node, false, "?", "nothing (assumed standalone)");
    }
  }

  /**
   * The value of {@code name} in a {@code HELLO} reply: a map in RESP3 (a list of entries, as
   * Jedis reads it), a flat list of names and values in RESP2.
   */
  private static String field(List<?> hello, String name) {
    for (int i = 0; i < hello.size(); i++) {
      if (hello.get(i) instanceof Map.Entry<?, ?> entry) {
        if (name.equals(text(entry.getKey()))) {
          return text(entry.getValue());
        }
      } else if (i + 1 < hello.size() && name.equals(text(hello.get(i)))) {
        return text(hello.get(i + 1));
      }
    }
    return null;
  }

  private static String text(Object reply) {
    return reply instanceof byte[] bytes ? SafeEncoder.encode(bytes) : reply == null ? null : reply.toString();
  }
}
