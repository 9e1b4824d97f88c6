package dev.rekord.exception;

import java.util.Map;

/**
 * Watches were asked to follow keyspace notifications, but a primary's {@code
 * notify-keyspace-events} setting lacks the flags they need. The message names the nodes, their
 * setting and the {@code CONFIG SET} that enables them; or let Rekord enable them, or poll instead
 * ({@code ConfigChanges.keyspaceEvents().enablingThem()} or {@code .orPolling(interval)}).
 */
public class KeyspaceEventsDisabledException extends RekordException {
  private static final long serialVersionUID = 1L;

  private final String configSet;

  /**
   * @param lacking the setting of each primary that lacks the flags, by node
   * @param configSet the command that enables them, e.g. {@code CONFIG SET notify-keyspace-events Kh}
   */
  public KeyspaceEventsDisabledException(Map<String, String> lacking, String configSet) {
    super("config watches follow keyspace notifications, but notify-keyspace-events lacks the flags they"
        + " need on " + describe(lacking) + ": run `" + configSet + "` on every primary (add the flags to"
        + " any already set), or use ConfigChanges.keyspaceEvents().enablingThem() to let Rekord do it, or"
        + " .orPolling(interval) to poll versions instead");
    this.configSet = configSet;
  }

  private static String describe(Map<String, String> lacking) {
    StringBuilder nodes = new StringBuilder();
    lacking.forEach((node, setting) ->
        nodes.append(nodes.isEmpty() ? "" : ", ").append(node).append(" (set to '").append(setting).append("')"));
    return nodes.toString();
  }

  /** The {@code CONFIG SET} command that enables the flags, as one line. */
  public String configSet() {
    return configSet;
  }
}
