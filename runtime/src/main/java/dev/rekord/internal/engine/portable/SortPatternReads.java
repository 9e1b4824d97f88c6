package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.RedisCommandException;
import java.util.function.Supplier;

/**
 * Whether the connection's user may read documents with {@code SORT_RO … GET} patterns, as
 * {@link SnapshotChunks} reads a large result: one answer per connection (per {@code Rekord}),
 * shared by its models. Redis lets only a user with access to every key use {@code GET} patterns
 * and a user without {@code +sort_ro} not run {@code SORT_RO} at all, so the answer is the user's,
 * not the model's.
 *
 * <p>Asked at the first large read by running the exact chunk read on a scratch key of that
 * model's tag, which never exists (nothing is read, nothing is written): any error reply is a
 * no. A refusal met later, after a yes (the user's ACL changed), is asked about again ({@link
 * #stillAllowed}); a no is kept for the connection's life.
 */
public final class SortPatternReads {

  /** The snapshot name of the scratch key the question is asked on ({@link KeyLayout.Bucket#snapshot}). */
  static final String PROBE = "sort-probe";

  private final RedisConnection connection;
  private volatile Boolean allowed; // null: not asked yet

  public SortPatternReads(RedisConnection connection) {
    this.connection = connection;
  }

  /** Whether the chunk read {@code probe} makes (on a scratch key) is allowed: asked the first time only. */
  boolean allowed(Supplier<Command<Object>> probe) {
    Boolean known = allowed;
    if (known == null) {
      known = ask(probe.get());
    }
    return known;
  }

  /**
   * After a chunk read failed: whether such reads are still allowed (the failure is a fault, not a
   * refusal), asked again; a no is kept.
   */
  boolean stillAllowed(Command<Object> probe) {
    return ask(probe);
  }

  private boolean ask(Command<Object> probe) {
    boolean answer;
    try {
      connection.execute(probe);
      answer = true;
    } catch (RedisCommandException refused) {
      answer = false; // an error reply; a lost connection is no answer and propagates
    }
    allowed = answer;
    return answer;
  }
}
