package dev.rekord.internal.engine.search;

import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.CrossBucketWriteException;
import dev.rekord.internal.engine.QueryEngine;
import dev.rekord.internal.engine.Refusal;
import dev.rekord.internal.engine.WriteCondition;
import dev.rekord.internal.engine.portable.KeyLayout;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The search engine's writes, each an item of {@link SearchScripts#WRITE}: built here (its keys and
 * arguments as the script's header describes them), run alone, pipelined with items of one bucket
 * joined per call ({@link #saveAll}) or one call each ({@link #saveEach}: fenced), or joined into one
 * all-or-nothing call ({@link #writeTogether}), and their
 * refusals read back. Conditions, {@code @Version}s, digests and fencing tokens are checked by the
 * script, atomically with the write, as the portable engine's {@code save.lua} checks them.
 */
final class SearchWrites {

  /**
   * The most items one call of {@link #saveAll} writes: enough to spread the cost of a script call
   * thin, few enough that one call holds the server for a few milliseconds while the module indexes
   * its documents. A call starved of CPU for over {@code busy-reply-threshold} (5 s) makes the
   * server answer every other client {@code BUSY}; with 50, a loaded machine did.
   */
  static final int WRITE_TOGETHER = 20;

  private final RedisConnection connection;
  private final KeyLayout layout;
  private final String model;

  SearchWrites(RedisConnection connection, KeyLayout layout, String model) {
    this.connection = connection;
    this.layout = layout;
    this.model = model;
  }

  /**
   * One item: the document's key, its arguments ({@link SearchScripts.Kind} … field/value pairs)
   * and, for a fenced write, the lock and fencing counter keys and the token.
   */
  record Item(String id, String key, List<String> args, List<String> fenceKeys, String token)
      implements QueryEngine.Write {}

  /**
   * A save of {@code fields} (document and index field/value pairs) to the document of {@code id},
   * written only when {@code check} holds and the stored {@code @Version} under {@code versionField}
   * ({@code null}: none) is {@code expected}; a digest for {@link SearchScripts.Check#UNCHANGED}.
   */
  Item save(String id, long ttlMillis, SearchScripts.Check check, String versionField, String expected,
      List<String> fields) {
    List<String> args = new ArrayList<>(6 + fields.size());
    args.add(SearchScripts.Kind.SAVE.name());
    args.add(Long.toString(ttlMillis));
    args.add(check.name());
    args.add(versionField == null ? "" : versionField);
    args.add(expected);
    args.add(Integer.toString(fields.size()));
    args.addAll(fields);
    return new Item(id, layout.documentKey(id), args, List.of(), "");
  }

  /** The check of a save with {@code condition}. */
  static SearchScripts.Check check(WriteCondition condition) {
    return switch (condition) {
      case ALWAYS, NEW -> SearchScripts.Check.ALWAYS; // a new id: nothing to check
      case ABSENT -> SearchScripts.Check.ABSENT;
      case PRESENT -> SearchScripts.Check.PRESENT;
    };
  }

  /** A delete of the document of {@code id}, only when its {@code @Version} is {@code expected} (with a field). */
  Item delete(String id, String versionField, long expected) {
    return new Item(id, layout.documentKey(id), List.of(SearchScripts.Kind.DELETE.name(), "0",
        SearchScripts.Check.ALWAYS.name(), versionField == null ? "" : versionField,
        versionField == null ? "" : Long.toString(expected), "0"), List.of(), "");
  }

  /** {@code item} refused once a fencing token newer than {@code token} has been issued for the lock of its id. */
  Item fenced(Item item, long token) {
    KeyLayout.Bucket bucket = layout.bucketFor(item.id());
    return new Item(item.id(), item.key(), item.args(), List.of(bucket.lock(item.id()), bucket.fencing()),
        Long.toString(token));
  }

  /** Runs one item: why it was not written, if it was not. */
  Optional<Refusal> write(Item item) {
    List<Refusal> refused = refusals(run(List.of(item), false));
    return refused.isEmpty() ? Optional.empty() : Optional.of(refused.get(0));
  }

  /** Runs a versioned delete: empty when the version was the expected one, else the stored one. */
  OptionalLong deleteVersioned(String id, String versionField, long expected) {
    Optional<Refusal> refused = write(delete(id, versionField, expected));
    return refused.isEmpty() ? OptionalLong.empty() : OptionalLong.of(refused.get().storedVersion());
  }

  /**
   * Runs items in one pipeline (one per node on a cluster), up to {@link #WRITE_TOGETHER} items of
   * one bucket joined in each call: the call checks all its items, then writes those it did not
   * refuse, so each document is written atomically, as by a call of its own. An id that comes again
   * waits for the next pipeline, so its saves run in order, never two of them in one call (whose
   * checks would all see the document as it was before the call).
   *
   * @return the refused, by position in {@code writes}, in order
   * @throws dev.rekord.exception.RekordException for the first call that failed (the other calls of
   *     its pipeline ran; later pipelines did not)
   */
  List<Refusal> saveAll(List<QueryEngine.Write> writes) {
    List<Refusal> refused = new ArrayList<>();
    for (List<Integer> round : JoinedWrites.rounds(writes)) {
      List<List<Integer>> joined = JoinedWrites.join(writes, round, layout, WRITE_TOGETHER);
      List<ScriptCall> calls = new ArrayList<>(joined.size());
      for (List<Integer> part : joined) {
        List<Item> items = new ArrayList<>(part.size());
        for (int position : part) {
          items.add((Item) writes.get(position));
        }
        calls.add(call(items, false));
      }
      List<Object> replies = connection.evalAll(SearchScripts.WRITE, calls);
      for (int c = 0; c < replies.size(); c++) {
        for (Refusal refusal : refusals(replies.get(c))) {
          refused.add(new Refusal(joined.get(c).get(refusal.position()), refusal.storedVersion()));
        }
      }
    }
    refused.sort(Comparator.comparingInt(Refusal::position));
    return refused;
  }

  /**
   * Runs items in one pipeline, one call each: fenced writes, whose call ends with their lock and
   * fencing keys and token.
   *
   * @return the refused, by position in {@code writes}, in order
   */
  List<Refusal> saveEach(List<QueryEngine.Write> writes) {
    List<ScriptCall> calls = new ArrayList<>(writes.size());
    for (QueryEngine.Write write : writes) {
      calls.add(call(List.of((Item) write), false));
    }
    List<Object> replies = connection.evalAll(SearchScripts.WRITE, calls);
    List<Refusal> refused = new ArrayList<>();
    for (int i = 0; i < replies.size(); i++) {
      for (Refusal refusal : refusals(replies.get(i))) {
        refused.add(new Refusal(i, refusal.storedVersion()));
      }
    }
    return refused;
  }

  /**
   * Runs items of one bucket in one all-or-nothing call: every check first, nothing written when any
   * is refused.
   *
   * @throws CrossBucketWriteException when the items' documents are in more than one bucket
   */
  List<Refusal> writeTogether(List<QueryEngine.Write> writes) {
    List<Item> items = new ArrayList<>(writes.size());
    Set<String> buckets = new LinkedHashSet<>();
    for (QueryEngine.Write write : writes) {
      Item item = (Item) write;
      items.add(item);
      buckets.add(layout.bucketFor(item.id()).tag());
    }
    if (buckets.size() > 1) {
      throw new CrossBucketWriteException(model, List.copyOf(buckets));
    }
    return items.isEmpty() ? List.of() : refusals(run(items, true));
  }

  private Object run(List<Item> items, boolean allOrNothing) {
    ScriptCall call = call(items, allOrNothing);
    return connection.eval(SearchScripts.WRITE, call.keys(), call.args());
  }

  private static ScriptCall call(List<Item> items, boolean allOrNothing) {
    List<String> keys = new ArrayList<>(items.size() + 2);
    List<String> args = new ArrayList<>();
    args.add(Integer.toString(allOrNothing ? -items.size() : items.size()));
    args.add(items.size() == 1 ? items.get(0).token() : "");
    for (Item item : items) {
      keys.add(item.key());
      args.addAll(item.args());
    }
    if (items.size() == 1) {
      keys.addAll(items.get(0).fenceKeys());
    }
    return new ScriptCall(keys, args);
  }

  /** The refusals of a reply of {@link SearchScripts#WRITE}: pairs of a position (1-based) and why. */
  private static List<Refusal> refusals(Object reply) {
    List<?> pairs = (List<?>) reply;
    List<Refusal> refused = new ArrayList<>(pairs.size() / 2);
    for (int at = 0; at < pairs.size(); at += 2) {
      String why = String.valueOf(pairs.get(at + 1));
      long stored = why.isEmpty() ? Refusal.BY_CONDITION
          : why.equals(SearchScripts.REFUSED_FENCE) ? Refusal.BY_FENCE : Long.parseLong(why);
      refused.add(new Refusal(((Number) pairs.get(at)).intValue() - 1, stored));
    }
    return refused;
  }
}
