package dev.rekord.internal.connection;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed connection URL: {@code redis://[user:password@]host[:port][/database]}, {@code
 * rediss://…} for TLS, and a comma-separated seed list for a cluster ({@code
 * redis://h1:7000,h2:7001}). User info without a colon is a password (as Jedis reads it); user and
 * password are percent-decoded. The port defaults to 6379; IPv6 hosts go in brackets.
 *
 * @param database {@code null} when the URL names none
 */
public record RedisUrl(
    boolean ssl, List<RedisNode> nodes, String user, String password, Integer database) {

  public static final int DEFAULT_PORT = 6379;

  public RedisUrl {
    nodes = List.copyOf(nodes);
  }

  /**
   * Parses {@code url}.
   *
   * @throws IllegalArgumentException naming the part that is wrong
   */
  public static RedisUrl parse(String url) {
    boolean ssl;
    String rest;
    if (url.startsWith("redis://")) {
      ssl = false;
      rest = url.substring("redis://".length());
    } else if (url.startsWith("rediss://")) {
      ssl = true;
      rest = url.substring("rediss://".length());
    } else {
      throw invalid(url, "it must start with redis:// or rediss://");
    }
    String user = null;
    String password = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = rest.substring(0, at);
      rest = rest.substring(at + 1);
      int colon = userInfo.indexOf(':');
      if (colon < 0) {
        password = decode(userInfo);
      } else {
        user = emptyToNull(decode(userInfo.substring(0, colon)));
        password = decode(userInfo.substring(colon + 1));
      }
    }
    Integer database = null;
    int slash = rest.indexOf('/');
    if (slash >= 0) {
      database = parseDatabase(url, rest.substring(slash + 1));
      rest = rest.substring(0, slash);
    }
    List<RedisNode> nodes = new ArrayList<>();
    for (String node : rest.split(",", -1)) {
      nodes.add(parseNode(url, node.trim()));
    }
    return new RedisUrl(ssl, nodes, user, emptyToNull(password), database);
  }

  private static RedisNode parseNode(String url, String node) {
    String host = node;
    int port = DEFAULT_PORT;
    int portColon = node.startsWith("[") ? node.indexOf(':', node.indexOf(']')) : node.lastIndexOf(':');
    if (portColon >= 0) {
      host = node.substring(0, portColon);
      String portText = node.substring(portColon + 1);
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw invalid(url, "'" + portText + "' is not a port");
      }
      if (port < 1 || port > 65535) {
        throw invalid(url, "port " + port + " is out of range");
      }
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty()) {
      throw invalid(url, "a host is missing");
    }
    return new RedisNode(host, port);
  }

  private static Integer parseDatabase(String url, String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      int database = Integer.parseInt(text);
      if (database >= 0) {
        return database;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw invalid(url, "'" + text + "' is not a database number");
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }

  private static IllegalArgumentException invalid(String url, String problem) {
    // The URL may hold a password: never echo it.
    return new IllegalArgumentException("Invalid Redis URL '" + redacted(url) + "': " + problem);
  }

  static String redacted(String url) {
    int scheme = url.indexOf("://");
    int at = url.lastIndexOf('@');
    return scheme >= 0 && at > scheme ? url.substring(0, scheme + 3) + "***" + url.substring(at) : url;
  }
}
