package dev.rekord.connection;

import java.util.List;

/**
 * Commands and script calls sent together in one pipeline ({@link RedisConnection#batch()}): one
 * round trip on a standalone server, one per node (in parallel) on a cluster, which groups the
 * commands by the node serving their keys.
 *
 * <pre>{@code
 * Batch batch = connection.batch();
 * Reply<String> name = batch.add(Commands.get("name"));
 * Reply<Long> size = batch.add(Commands.zcard("scores"));
 * batch.execute();
 * name.get(); size.get();
 * }</pre>
 *
 * <p>Everything in a batch must be idempotent: {@link #execute()} sends the commands whose reply
 * failed for a transient reason (a failed node, {@code MOVED}, {@code TRYAGAIN}, …) again, as the
 * connection's {@link RetryPolicy} says, and a script whose node does not know it ({@code
 * NOSCRIPT}) again after loading it there. An error reply that is not transient stays with its
 * command's {@link Reply}; the others are unaffected. Not thread-safe; runs once.
 */
public interface Batch {

  /**
   * Queues {@code command}; its reply is available after {@link #execute()}.
   *
   * @throws IllegalArgumentException on a cluster, when the command names no key or keys of
   *     several slots
   */
  <T> Reply<T> add(Command<T> command);

  /**
   * Queues one call of {@code script} ({@code EVALSHA}); a writing script makes the batch wait for
   * replicas as the connection's {@link ReplicaWait} says.
   *
   * @param keys the script's {@code KEYS}, at least one, all in one slot on a cluster
   * @throws IllegalArgumentException when {@code keys} is empty, or spans slots on a cluster
   */
  Reply<Object> eval(LuaScript script, List<String> keys, List<String> args);

  /**
   * Sends everything queued, retrying transient failures; then every {@link Reply} holds its reply
   * or its command's error.
   *
   * @throws dev.rekord.exception.RekordConnectionException when retries ran out
   * @throws dev.rekord.exception.InsufficientReplicasException when writing scripts ran and too
   *     few replicas acknowledged them ({@link ReplicaWait})
   * @throws IllegalStateException when the batch has run already
   */
  void execute();
}
