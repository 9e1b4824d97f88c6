package dev.rekord.internal.engine.search;

import dev.rekord.connection.Command;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.QueryException;
import dev.rekord.exception.RedisCommandException;
import dev.rekord.exception.SchemaMismatchException;
import dev.rekord.internal.connection.PrimaryNodes;
import dev.rekord.internal.connection.SlotMigrations;
import dev.rekord.internal.connection.SlotTags;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The model's search index on each primary node. A standalone server is one shard, its index and
 * alias named as {@link SearchSchema#alias()} says. On an open-source cluster each primary indexes
 * only its own keys (there is no coordinator), so a query runs on every primary and its answers
 * are merged ({@link ShardMerge}); and a node serves an {@code FT.*} command only when the index
 * name's slot is one of its own, so each primary's index and alias carry the hash tag of a slot it
 * serves ({@link SearchSchema#alias(String)}). The tag is found on the node ({@code FT._LIST}, an
 * index of this model whose slot it still serves) or, for a node without one, taken from its first
 * slot. A replica receives its master's index by replication, so a failover keeps it; a node that
 * lost the tag's slot (resharding) or a new primary gets its own index when a query meets it
 * without one ({@link #install}, the migration's step for one shard).
 */
final class SearchShards {

  private final RedisConnection connection;
  private final SearchSchema schema;
  private final String model;
  private final Map<String, String> tags = new ConcurrentHashMap<>();
  private volatile Consumer<Shard> installer;
  private volatile SlotMigrations migrations;

  SearchShards(RedisConnection connection, SearchSchema schema, String model) {
    this.connection = connection;
    this.schema = schema;
    this.model = model;
  }

  /** What creates the index on a shard that has none, when another shard has it (the migration's step). */
  void installWith(Consumer<Shard> installer) {
    this.installer = installer;
  }

  /** Whether there is one shard only (standalone): no merge needed. */
  boolean single() {
    return !connection.isCluster();
  }

  /**
   * Runs {@code work} on every shard (primaries that serve no slot hold no documents and are left
   * out); the answers in the order the shards were read: by node name, except that the source of a
   * slot migration in flight is read before its target ({@link SlotMigrations}), so a key that
   * moves meanwhile is seen on one shard or both, never on neither ({@link Shard#moving()} says
   * which shards may share keys). Each command's round trip carries its node's report of itself;
   * when one differs from the view the round was ordered by (a migration began or ended) the round
   * runs again under the view the primaries report then. A transient failure runs the round again.
   */
  <T> List<T> each(Function<Shard, T> work) {
    for (int round = 1; ; round++) {
      SlotMigrations view = migrations();
      try {
        List<T> answers = new ArrayList<>();
        for (T answer : PrimaryNodes.eachPrimary(connection, single() ? null : view, node -> {
          Shard shard = shard(node, view);
          return shard == null ? null : work.apply(shard);
        })) {
          if (answer != null) {
            answers.add(answer);
          }
        }
        return answers;
      } catch (SlotMigrations.Changed changed) {
        forget(view);
        if (round == ROUNDS) {
          throw changed;
        }
      }
    }
  }

  /** Rounds of {@link #each} in a row that may meet a new view before it gives up: each migration changes it twice. */
  private static final int ROUNDS = 10;

  /** The slot migrations as the primaries last reported them, asked when unknown. */
  private SlotMigrations migrations() {
    SlotMigrations view = migrations;
    if (view == null) {
      view = single() ? SlotMigrations.NONE : PrimaryNodes.slotMigrations(connection);
      migrations = view;
    }
    return view;
  }

  /**
   * Forgets {@code view} after a node reported another, unless already forgotten: the next round
   * asks every primary, and the client's slot map is asked anew (the migration may have ended).
   */
  private synchronized void forget(SlotMigrations view) {
    if (migrations == view) {
      migrations = null;
      connection.refreshTopology();
    }
  }

  /**
   * The shard on the node named {@code node}, where a cursor opened before lives, its commands
   * checked against {@code view} (the view the cursor was opened under; {@code null}: unchecked).
   */
  Shard on(String node, SlotMigrations view) {
    Shard shard = shard(PrimaryNodes.named(connection, node, single() ? null : view), view);
    if (shard == null) {
      throw new dev.rekord.exception.RekordConnectionException(node + " serves no slot of the cluster any more", null);
    }
    return shard;
  }

  private Shard shard(PrimaryNodes.Node node, SlotMigrations view) {
    if (single()) {
      return new Shard(node, null, SlotMigrations.NONE);
    }
    String tag = tags.computeIfAbsent(node.name(), name -> findTag(node));
    return tag.isEmpty() ? null : new Shard(node, tag, view == null ? SlotMigrations.NONE : view);
  }

  /** The tag of this model's index on {@code node}, or of its first slot; empty when it serves none. */
  private String findTag(PrimaryNodes.Node node) {
    for (Object index : (List<?>) node.execute(Command.of("FT._LIST", List.of(), List.of()))) {
      String tag = schema.tagOf(String.valueOf(index));
      if (tag != null && PrimaryNodes.serves(connection, node.name(), "{" + tag + "}")) {
        return tag;
      }
    }
    int slot = SlotTags.firstSlotOf(connection, node.name());
    return slot < 0 ? "" : SlotTags.of(slot);
  }

  /** One primary's index: commands to its node, under its names. */
  final class Shard {
    private final PrimaryNodes.Node node;
    private final String tag;
    private final SlotMigrations view;

    private Shard(PrimaryNodes.Node node, String tag, SlotMigrations view) {
      this.node = node;
      this.tag = tag;
      this.view = view;
    }

    String node() {
      return node.name();
    }

    /** The slot migrations this shard's commands are checked against. */
    SlotMigrations view() {
      return view;
    }

    /** Whether a slot migration in flight moves keys from or to this shard: another may see some of its keys. */
    boolean moving() {
      return view.moving(node.name());
    }

    /** Whether a slot migration in flight moves keys from this shard: read it to its end before its target. */
    boolean source() {
      return view.source(node.name());
    }

    String alias() {
      return schema.alias(tag);
    }

    String indexName() {
      return schema.indexName(tag);
    }

    /** Sends {@code command} with {@code args} (names included) to this shard's node as it is. */
    Object execute(String command, List<String> args) {
      return send(Command.of(command, List.of(), args));
    }

    /** Sends {@code command} to the node; a report of other migrations than the view's makes the view forgotten. */
    private Object send(Command<Object> command) {
      try {
        return node.execute(command);
      } catch (SlotMigrations.Changed changed) {
        forget(view);
        throw changed;
      }
    }

    /**
     * Runs a query through the alias ({@code args} start with {@link #alias()}; {@code blob}, if
     * any, is appended as a binary argument). A node that no longer serves the tag's slot, or a
     * shard without the index while another has it, gets its index first ({@link #install}); a
     * model never migrated is a {@link SchemaMismatchException}.
     */
    Object query(String command, List<String> args, byte[] blob) {
      return query(command, List.of(), args, blob);
    }

    /**
     * Runs {@code script} on this shard's node ({@code EVALSHA}, {@code EVAL} where the node does
     * not know it yet) with {@code head} then {@code args} as its arguments, {@code args} starting
     * with {@link #alias()} as for {@link #query(String, List, byte[])}.
     */
    Object eval(LuaScript script, List<String> head, List<String> args, byte[] blob) {
      List<String> call = new ArrayList<>(List.of(script.sha(), "0"));
      call.addAll(head);
      try {
        return query("EVALSHA", call, args, blob);
      } catch (RedisCommandException e) {
        if (!String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
          throw e;
        }
        call.set(0, script.source());
        return query("EVAL", call, args, blob);
      }
    }

    /** {@code command head… args…}: {@link #query(String, List, byte[])} with arguments before the alias. */
    private Object query(String command, List<String> head, List<String> args, byte[] blob) {
      try {
        return send(withBlob(Command.of(command, List.of(), concat(head, args)), blob));
      } catch (RedisCommandException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("syntax error")) { // never for a query built here: a bug to report
          throw new QueryException("the Query Engine rejected a query of " + model + ": " + e.getMessage());
        }
        // a script's FT.SEARCH on a node that lost the index's slot: refused as a key not local
        boolean moved = message.contains("moved ") || message.contains("non local key");
        boolean missing = message.contains("unknown index") || message.contains("no such index");
        if (single() || !(moved || missing) || !args.get(0).equals(alias())) { // a cursor's read: no retry
          if (missing) {
            throw notMigrated();
          }
          throw e;
        }
        Shard again = reinstalled(moved, e);
        List<String> retried = new ArrayList<>(args);
        retried.set(0, again.alias());
        return send(withBlob(Command.of(command, List.of(), concat(head, retried)), blob));
      }
    }

    private static List<String> concat(List<String> head, List<String> args) {
      if (head.isEmpty()) {
        return args;
      }
      List<String> all = new ArrayList<>(head);
      all.addAll(args);
      return all;
    }

    /**
     * This node's shard with its index in place: a new tag after a {@code MOVED} (the slot map
     * asked anew), installed when missing. A {@code MOVED} for a tag the node still seems to
     * serve is a topology in motion: the round is run again.
     */
    private Shard reinstalled(boolean moved, RedisCommandException failure) {
      if (moved) {
        tags.remove(node.name());
        connection.refreshTopology();
      }
      Shard fresh = shard(node, view);
      if (moved && fresh != null && fresh.tag.equals(tag)) {
        throw PrimaryNodes.retryRound(failure);
      }
      if (fresh == null || installer == null || !anotherHasIndex(node.name())) {
        throw notMigrated();
      }
      installer.accept(fresh);
      return fresh;
    }

    private SchemaMismatchException notMigrated() {
      return new SchemaMismatchException("the search index of " + model + " (" + alias()
          + ") does not exist: run rekord.migrate() first");
    }
  }

  /** Whether a shard other than {@code node}'s has the model's alias: the model was migrated. */
  private boolean anotherHasIndex(String node) {
    for (Boolean has : each(shard -> {
      if (shard.node().equals(node)) {
        return false;
      }
      try {
        shard.execute("FT.INFO", List.of(shard.alias()));
        return true;
      } catch (RedisCommandException e) {
        return false;
      }
    })) {
      if (has) {
        return true;
      }
    }
    return false;
  }

  private static Command<Object> withBlob(Command<Object> command, byte[] blob) {
    return blob == null ? command : command.withBinaryArgs(blob);
  }
}
