package dev.rekord.internal.connection;

import dev.rekord.exception.RekordConnectionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The slot migrations in flight on a cluster, and the slots each primary serves, as each primary
 * reports itself in {@code CLUSTER NODES}: only a node's own line ({@code myself}) shows the slots it
 * is migrating ({@code [slot->-targetId]}) and importing ({@code [slot-<-sourceId]}); {@code CLUSTER
 * SLOTS} shows neither. {@code MIGRATE} is synchronous on the source (the target has restored a key
 * before the source deletes it, and the source serves nothing else meanwhile), so a query that
 * reads each migration's source before its target sees every key that moves meanwhile once or twice,
 * never not at all. {@link PrimaryNodes#eachPrimary(dev.rekord.connection.RedisConnection,
 * SlotMigrations, java.util.function.Function)} reads in that order and has every node report
 * itself in the round trip of each command: a report that differs from the view the reads were
 * ordered by (a migration began or ended, a replica took over) is a {@link Changed}, and the
 * caller reads again under the new view.
 */
public final class SlotMigrations {

  /** No cluster, or one without migrations that nobody asked yet: the view of a standalone server. */
  public static final SlotMigrations NONE = new SlotMigrations(Map.of());

  private final Map<String, Report> reports;

  SlotMigrations(Map<String, Report> reports) {
    this.reports = Map.copyOf(reports);
  }

  /**
   * What one primary said of itself: the slots it serves (as printed), and the slots it is
   * migrating to, or importing from, other nodes (by name, {@code host:port}).
   */
  public record Report(String node, String slots, Map<Integer, String> migrating, Map<Integer, String> importing) {

    /** The report in {@code clusterNodes} (a {@code CLUSTER NODES} reply) of the node named {@code node}. */
    static Report parse(String node, String clusterNodes) {
      String[] lines = clusterNodes.split("\n");
      for (String line : lines) {
        String[] parts = line.trim().split(" ");
        if (parts.length < 8 || !(',' + parts[2] + ',').contains(",myself,")) {
          continue;
        }
        StringBuilder slots = new StringBuilder();
        Map<Integer, String> migrating = new TreeMap<>();
        Map<Integer, String> importing = new TreeMap<>();
        for (int i = 8; i < parts.length; i++) {
          String slot = parts[i];
          if (slot.startsWith("[")) { // [slot->-id] or [slot-<-id]
            boolean out = slot.contains("->-");
            int at = slot.indexOf(out ? "->-" : "-<-");
            int number = Integer.parseInt(slot.substring(1, at));
            String other = nameOf(slot.substring(at + 3, slot.length() - 1), lines);
            (out ? migrating : importing).put(number, other);
          } else if (!slot.isEmpty()) {
            slots.append(slot).append(' ');
          }
        }
        boolean primary = (',' + parts[2] + ',').contains(",master,");
        return new Report(node, primary ? slots.toString().trim() : "replica", migrating, importing);
      }
      throw new IllegalStateException("CLUSTER NODES of " + node + " without its own line: " + clusterNodes);
    }

    /** The {@code host:port} of the node with {@code id}, as its line in {@code CLUSTER NODES} says. */
    private static String nameOf(String id, String[] lines) {
      for (String line : lines) {
        String[] parts = line.trim().split(" ");
        if (parts.length > 1 && parts[0].equals(id)) {
          String address = parts[1];
          int bus = address.indexOf('@');
          return bus < 0 ? address : address.substring(0, bus);
        }
      }
      return id; // a node the reporter does not know: no primary of ours has that name
    }
  }

  /** The view from every primary's report. */
  static SlotMigrations of(Collection<Report> reports) {
    Map<String, Report> byNode = new HashMap<>();
    reports.forEach(report -> byNode.put(report.node(), report));
    return new SlotMigrations(byNode);
  }

  /** Whether {@code report} says what this view says of its node. */
  boolean agrees(Report report) {
    return report.equals(reports.get(report.node()));
  }

  /** Whether any primary reported a migration in flight. */
  public boolean any() {
    return reports.values().stream().anyMatch(r -> !r.migrating().isEmpty() || !r.importing().isEmpty());
  }

  /** Whether {@code node} is the source or the target of a migration in flight, by either end's report. */
  public boolean moving(String node) {
    return source(node) || !targetsOrSources(node, false).isEmpty();
  }

  /** Whether {@code node} is the source of a migration in flight, by either end's report. */
  public boolean source(String node) {
    return !targetsOrSources(node, true).isEmpty();
  }

  /** The nodes {@code node} migrates to ({@code targets}), or imports from. */
  private Set<String> targetsOrSources(String node, boolean targets) {
    Set<String> found = new TreeSet<>();
    Report own = reports.get(node);
    if (own != null) {
      found.addAll((targets ? own.migrating() : own.importing()).values());
    }
    for (Report other : reports.values()) {
      if ((targets ? other.importing() : other.migrating()).containsValue(node)) {
        found.add(other.node());
      }
    }
    return found;
  }

  /**
   * {@code nodes} in the order to read them: by name, except that a migration's source comes before
   * its target. A cycle (two slots moving opposite ways at once, which no resharding tool does) is
   * broken at the name order; a key moving against it could then be missed.
   */
  List<String> readOrder(Collection<String> nodes) {
    Set<String> pending = new TreeSet<>(nodes);
    Set<String> ordered = new LinkedHashSet<>();
    while (!pending.isEmpty()) {
      String next = null;
      for (String node : pending) {
        boolean waits = targetsOrSources(node, false).stream().anyMatch(pending::contains);
        if (!waits) {
          next = node;
          break;
        }
      }
      next = next == null ? pending.iterator().next() : next;
      pending.remove(next);
      ordered.add(next);
    }
    return new ArrayList<>(ordered);
  }

  @Override
  public String toString() {
    return new TreeMap<>(reports).values().toString();
  }

  /**
   * A node reported other than the view its reads were ordered by: a migration began or ended, or
   * a primary changed. A connection failure to its caller (retried, or resumed, as one), which reads
   * again under the view every primary reports then ({@link PrimaryNodes#slotMigrations}).
   */
  public static final class Changed extends RekordConnectionException {
    private final transient Report report;

    Changed(Report report) {
      super("the cluster's slots moved while a query read " + report.node() + " (it reports " + report + ")", null);
      this.report = report;
    }

    /** What the node reported. */
    public Report report() {
      return report;
    }
  }
}
