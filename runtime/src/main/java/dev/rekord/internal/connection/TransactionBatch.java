package dev.rekord.internal.connection;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScriptCall;
import java.util.List;

/**
 * A {@link Batch} that can also queue transactions ({@code MULTI … EXEC}) in its pipeline, for the
 * engine's own writes that need a script and plain commands to run as one. On a cluster a
 * {@link #transaction} goes whole to the node of its keys' one slot, which runs it whole or refuses
 * it whole (a slot that moved or is migrating) before any of it runs; {@link #readTransaction}
 * stays a standalone server's.
 */
public interface TransactionBatch extends Batch {

  /** Whether {@link #transaction} and {@link #readTransaction} can be used on any keys: on a standalone server. */
  boolean transactions();

  /**
   * Whether {@link #transaction} can be used for a script call and commands whose keys are all in
   * one hash slot: on a standalone server and on a cluster.
   */
  boolean slotTransactions();

  /**
   * Queues {@code MULTI}, a call of {@code script}, {@code commands}, then {@code EXEC}: Redis runs
   * them one after the other with nothing in between, and none of them when one is refused as it
   * is queued. The script's source travels every time ({@code SCRIPT LOAD} inside the
   * transaction, then {@code EVALSHA}), never its SHA alone: a script the server does not know
   * fails only when {@code EXEC} runs it, after which the commands would still run. Like
   * everything in a batch, the transaction must be idempotent (it runs again after a transient
   * failure).
   *
   * @return {@code EXEC}'s reply: the script's reply and each command's, in order; an element that
   *     failed is its {@link dev.rekord.exception.RedisCommandException}
   * @throws UnsupportedOperationException when {@link #slotTransactions()} is false
   * @throws IllegalArgumentException on a cluster, when the keys are not all in one hash slot
   */
  Reply<List<Object>> transaction(LuaScript script, ScriptCall call, List<Command<?>> commands);

  /**
   * Queues {@code MULTI}, {@code writes}, then {@code EXEC}: plain commands that write, run as one
   * with nothing in between, or none of them when one is refused as it is queued (on a cluster all
   * their keys in one hash slot, as for {@link #transaction}; a slot that moves or migrates refuses
   * it whole, and it runs again). Writes that need nothing read first: the engine's save of a
   * document whose id it has just generated. {@code operation} names it where the batch is measured
   * and in a failure to reach the required replicas.
   *
   * @return {@code EXEC}'s reply: each command's, in order, as in {@link #transaction(LuaScript,
   *     ScriptCall, List)}
   * @throws UnsupportedOperationException when {@link #slotTransactions()} is false
   * @throws IllegalArgumentException when {@code writes} is empty, or on a cluster when their keys
   *     are not all in one hash slot
   */
  Reply<List<Object>> writeTransaction(String operation, List<Command<?>> writes);

  /**
   * Queues {@code MULTI}, {@code reads}, then {@code EXEC}: commands that only read, answered at one
   * instant (no other client's command runs between them); no {@code WAIT} follows. {@code
   * operation} names it where the batch is measured ({@code query}: as the script it stands for).
   *
   * @return {@code EXEC}'s reply: each command's, in order, as in {@link #transaction(LuaScript,
   *     ScriptCall, List)}
   * @throws UnsupportedOperationException when {@link #transactions()} is false
   * @throws IllegalArgumentException when {@code reads} is empty
   */
  Reply<List<Object>> readTransaction(String operation, List<Command<?>> reads);

  /**
   * Sends everything queued now, without reading a reply: the server works on it while the caller
   * does something else, and {@link #execute()} then reads the replies (and retries what failed, as
   * always). Nothing can be queued after it. A batch sent must be executed: until then it holds its
   * connection.
   *
   * @throws IllegalStateException when the batch has been sent or has run already
   */
  void send();

  /** Sends {@code batch} ahead ({@link #send}) where it can be; otherwise its {@code execute()} sends it. */
  static void sendAhead(Batch batch) {
    if (batch instanceof TransactionBatch ahead) {
      ahead.send();
    }
  }
}
