package dev.rekord.internal.connection;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.Reply;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.InsufficientReplicasException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Builder;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisAskDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A {@link Batch} over a Jedis pipeline ({@code ClusterPipeline} on a cluster: one connection per
 * node, the nodes in parallel). {@link #execute()} runs rounds: each sends the pending entries in
 * one pipeline — with one {@code WAIT} per node after the writing scripts, when the connection
 * waits for replicas — and reads every reply. Entries but writing scripts whose node answered
 * {@code ASK} run at once on the node it names ({@link #followAsks}); entries whose node answered
 * {@code NOSCRIPT} run again after the script is loaded there; entries that failed transiently ({@link
 * RedisCalls#isTransient}) run again after the retry policy's backoff and a topology refresh;
 * any other error stays with its entry.
 */
final class PipelinedBatch implements TransactionBatch {

  private final ConfiguredConnection connection;
  private final List<Entry<?>> entries = new ArrayList<>();
  private boolean executed;
  /** The first round, sent ahead of {@link #execute()} ({@link #send()}); {@code null}: not sent. */
  private Round sent;

  PipelinedBatch(ConfiguredConnection connection) {
    this.connection = connection;
  }

  @Override
  public <T> Reply<T> add(Command<T> command) {
    requireQueueing();
    connection.checkRoutable(command.name(), command.keys(), true);
    Entry<T> entry = new CommandEntry<>(JedisCommands.of(command), command.keys().isEmpty() ? null : command.keys().get(0));
    entries.add(entry);
    return entry;
  }

  @Override
  public Reply<Object> eval(LuaScript script, List<String> keys, List<String> args) {
    requireQueueing();
    ScriptCall call = new ScriptCall(keys, args);
    connection.checkRoutable(script.name(), keys, true);
    ScriptEntry entry = new ScriptEntry(script, call);
    entries.add(entry);
    return entry;
  }

  @Override
  public boolean transactions() {
    return !connection.isCluster();
  }

  @Override
  public boolean slotTransactions() {
    return true;
  }

  @Override
  public Reply<List<Object>> transaction(LuaScript script, ScriptCall call, List<Command<?>> commands) {
    requireQueueing();
    return queueRouted(new TransactionEntry(script, call, commands), call.keys(), commands);
  }

  @Override
  public Reply<List<Object>> writeTransaction(String operation, List<Command<?>> writes) {
    requireQueueing();
    if (writes.isEmpty()) {
      throw new IllegalArgumentException("a transaction needs at least one command");
    }
    return queueRouted(new TransactionEntry(operation, writes), List.of(), writes);
  }

  /**
   * Queues a writing {@code transaction} once its keys ({@code scriptKeys}, then those of {@code
   * commands}) are found routable together: on a cluster, all in one slot.
   */
  private TransactionEntry queueRouted(TransactionEntry transaction, List<String> scriptKeys, List<Command<?>> commands) {
    List<String> keys = new ArrayList<>(scriptKeys);
    commands.forEach(command -> keys.addAll(command.keys()));
    connection.checkRoutable("a transaction of " + transaction.operation, keys, true);
    entries.add(transaction);
    return transaction;
  }

  @Override
  public Reply<List<Object>> readTransaction(String operation, List<Command<?>> reads) {
    requireQueueing();
    if (!transactions()) {
      throw new UnsupportedOperationException("a cluster pipeline cannot send MULTI … EXEC");
    }
    if (reads.isEmpty()) {
      throw new IllegalArgumentException("a transaction needs at least one command");
    }
    TransactionEntry entry = new TransactionEntry(null, null, reads);
    entries.add(entry);
    return entry;
  }

  private void requireQueueing() {
    if (executed) {
      throw new IllegalStateException("the batch has run already");
    }
    if (sent != null) {
      throw new IllegalStateException("the batch has been sent: it takes no more commands");
    }
  }

  @Override
  public void send() {
    requireQueueing();
    connection.settleSentAhead(null); // one batch sent ahead per thread at most
    sent = new Round(entries, replicaWait());
    if (entries.isEmpty()) {
      sent.read = true; // nothing to send, nothing to read
      return;
    }
    sent.send(true);
    connection.sentAhead(this);
  }

  /**
   * Reads the replies of the round sent ahead, if it has not been read (another command of this
   * thread comes first: {@link ConfiguredConnection#settleSentAhead}); {@link #execute()} goes on
   * from there.
   */
  void readSent() {
    if (sent != null && !sent.read) {
      sent.read();
    }
  }

  /** The connection's replica wait when a writing script is queued, else none. */
  private ReplicaWait replicaWait() {
    for (Entry<?> entry : entries) {
      if (entry.writes()) {
        return connection.replicaWait();
      }
    }
    return ReplicaWait.NONE;
  }

  @Override
  public void execute() {
    if (executed) {
      throw new IllegalStateException("the batch has run already");
    }
    executed = true;
    connection.settleSentAhead(this);
    ReplicaWait wait = replicaWait();
    Attempts attempts = new Attempts(connection);
    long fewestReplicas = Long.MAX_VALUE;
    List<Entry<?>> pending = entries;
    while (!pending.isEmpty()) {
      Round round = sent;
      sent = null;
      if (round == null) {
        round = new Round(pending, wait);
        round.send(false);
      }
      if (!round.read) {
        round.read();
      }
      if (round.fatal != null) {
        throw round.fatal;
      }
      followAsks(pending);
      Set<Entry<?>> notLoaded = new LinkedHashSet<>();
      Set<Entry<?>> again = new LinkedHashSet<>();
      Throwable transientFailure = null;
      for (Entry<?> entry : pending) {
        if (entry.failure == null) {
          continue;
        }
        if (RedisCalls.isNoScript(entry.failure)) {
          notLoaded.add(entry);
        } else if (RedisCalls.isTransient(entry.failure)) {
          again.add(entry);
          transientFailure = entry.failure;
        } // else: the entry keeps its error, the others go on
      }
      for (Map.Entry<String, Response<Long>> ack : round.acks.entrySet()) {
        List<Entry<?>> writes = round.writesByNode.get(ack.getKey());
        try {
          long replicas = ack.getValue().get();
          if (writes.stream().anyMatch(Entry::succeeded)) { // the WAIT covered a write that ran
            fewestReplicas = Math.min(fewestReplicas, replicas);
          }
        } catch (JedisException | IllegalStateException e) {
          if (RedisCalls.isBusy(e)) {
            // Another client's script kept the node busy after the writes: they ran (each entry's
            // own reply says so) and stay written; none was acknowledged. Never sent again.
            if (writes.stream().anyMatch(Entry::succeeded)) {
              fewestReplicas = 0;
            }
            continue;
          }
          if (!RedisCalls.isTransient(e)) {
            throw RedisCalls.translate(e);
          }
          // The node's connection broke after the writes: run them again, and WAIT again.
          for (Entry<?> entry : writes) {
            if (!notLoaded.contains(entry)) {
              again.add(entry);
            }
          }
          transientFailure = e;
        }
      }
      if (!again.isEmpty() && !attempts.retryAfter(transientFailure)) {
        throw attempts.failure(transientFailure);
      }
      if (!notLoaded.isEmpty()) {
        try {
          load(notLoaded);
        } catch (JedisException e) {
          if (!attempts.retryAfter(e)) {
            throw attempts.failure(e);
          }
        }
      }
      List<Entry<?>> next = new ArrayList<>(again.size() + notLoaded.size());
      for (Entry<?> entry : pending) { // in the order they were added
        if (again.contains(entry) || notLoaded.contains(entry)) {
          next.add(entry);
        }
      }
      pending = next;
    }
    attempts.succeeded();
    if (wait.enabled() && fewestReplicas < wait.replicas()) {
      throw new InsufficientReplicasException("Only " + fewestReplicas + " of " + wait.replicas()
          + " required replica(s) acknowledged a write (" + writingScripts() + ") within "
          + wait.timeout().toMillis() + " ms; the primary applied it, a failover may lose it",
          wait.replicas(), fewestReplicas);
    }
  }

  /**
   * One pipeline of the pending entries, then one {@code WAIT} per node when asked for: {@link
   * #send} queues them (sending them at once when asked to), {@link #read} reads every reply and
   * gives the pipeline's connections back.
   */
  private final class Round {
    private final List<Entry<?>> pending;
    private final ReplicaWait wait;
    private final List<Response<?>> responses;
    private final Map<String, List<Entry<?>>> writesByNode = new LinkedHashMap<>();
    private final Map<String, Response<Long>> acks = new LinkedHashMap<>();
    private AbstractPipeline pipeline;
    /** What failed while sending (no connection, a broken one), for {@link #read}. */
    private RuntimeException sendFailure;
    /** Whether {@link #read} has run. */
    boolean read;
    /** A failure that is not transient, met by {@link #read}: the batch throws it. */
    RuntimeException fatal;

    Round(List<Entry<?>> pending, ReplicaWait wait) {
      this.pending = pending;
      this.wait = wait;
      this.responses = new ArrayList<>(pending.size());
    }

    /** Queues the entries; {@code ahead}: on a pipeline that sends them now ({@link SendsAhead}). */
    void send(boolean ahead) {
      try {
        pipeline = ahead ? connection.pipelineSendingAhead() : connection.pipeline();
        Map<String, String> sampleKeys = new LinkedHashMap<>();
        for (Entry<?> entry : pending) {
          responses.add(entry.append(pipeline));
          if (wait.enabled() && entry.writes()) {
            String node = connection.nodeOf(entry.routingKey());
            writesByNode.computeIfAbsent(node, n -> new ArrayList<>()).add(entry);
            sampleKeys.putIfAbsent(node, entry.routingKey());
          }
        }
        // WAIT after the node's writes, on the same connection: it covers exactly those writes.
        sampleKeys.forEach((node, key) ->
            acks.put(node, pipeline.waitReplicas(key, wait.replicas(), wait.timeout().toMillis())));
        if (ahead) {
          ((SendsAhead) pipeline).send();
        }
      } catch (JedisException | IllegalStateException e) {
        sendFailure = e;
      }
    }

    /** Reads every reply; never throws: a failure is the entries' (transient) or {@link #fatal}. */
    void read() {
      read = true;
      AbstractPipeline sending = pipeline;
      try (sending) {
        if (sendFailure != null) {
          throw sendFailure;
        }
        sending.sync();
      } catch (JedisException | IllegalStateException e) {
        if (!RedisCalls.isTransient(e)) {
          fatal = RedisCalls.translate(e);
          return;
        }
        // The whole round failed (a node unreachable): every entry runs again.
        for (Entry<?> entry : pending) {
          entry.failure = e;
        }
        acks.clear();
        return;
      }
      for (int i = 0; i < pending.size(); i++) {
        pending.get(i).complete(responses.get(i));
      }
    }
  }

  /**
   * Runs again, on the node each names, the entries answered {@code ASK}: their key has moved to the
   * target of a slot still migrating, which serves it after {@code ASKING} (Jedis' cluster pipeline
   * does not follow {@code ASK}; retrying would meet it until the migration ends). A script goes as
   * {@code EVAL} of its source, which the target may not have loaded. Writing scripts are not
   * followed: the {@code WAIT} after them is sent to the slot's owner, so they are retried until
   * the migration has ended. An entry that fails again keeps its failure, handled as any other.
   */
  private void followAsks(List<Entry<?>> pending) {
    Map<HostAndPort, List<Entry<?>>> byTarget = new LinkedHashMap<>();
    for (Entry<?> entry : pending) {
      if (entry.failure instanceof JedisAskDataException ask && !entry.writes()) {
        byTarget.computeIfAbsent(ask.getTargetNode(), node -> new ArrayList<>()).add(entry);
      }
    }
    byTarget.forEach((node, asked) -> {
      List<Response<?>> responses = new ArrayList<>(asked.size());
      try (AbstractPipeline pipeline = connection.pipelineTo(node)) {
        for (Entry<?> entry : asked) {
          pipeline.executeCommand(ASKING);
          responses.add(entry.appendAsked(pipeline));
        }
        pipeline.sync();
      } catch (JedisException | IllegalStateException e) {
        if (!RedisCalls.isTransient(e)) {
          throw RedisCalls.translate(e);
        }
        for (Entry<?> entry : asked) {
          entry.failure = e; // the node is unreachable: they run again after the backoff
        }
        return;
      }
      for (int i = 0; i < asked.size(); i++) {
        asked.get(i).complete(responses.get(i));
      }
    });
  }

  private static final CommandObject<String> ASKING =
      new CommandObject<>(new CommandArguments(Protocol.Command.ASKING), BuilderFactory.STRING);

  /** Loads each script whose entries answered {@code NOSCRIPT} on the nodes of those entries. */
  private void load(Set<Entry<?>> notLoaded) {
    Set<String> loaded = new LinkedHashSet<>();
    for (Entry<?> entry : notLoaded) {
      ScriptEntry call = (ScriptEntry) entry;
      String key = call.routingKey();
      if (loaded.add(call.script.sha() + "@" + connection.nodeOf(key))) {
        connection.loadScript(call.script, key);
      }
    }
  }

  private String writingScripts() {
    Set<String> names = new LinkedHashSet<>();
    for (Entry<?> entry : entries) {
      if (entry instanceof ScriptEntry call && call.writes()) {
        names.add(call.script.name());
      } else if (entry instanceof TransactionEntry transaction && transaction.writes()) {
        names.add(transaction.operation);
      }
    }
    return String.join(", ", names);
  }

  /** A queued command or script call and, once run, its reply or error. */
  private abstract static class Entry<T> implements Reply<T> {
    private T value;
    private Throwable failure;
    private boolean done;

    abstract Response<T> append(AbstractPipeline pipeline);

    /** {@link #append} to a node that has not necessarily loaded its script (an {@code ASK} target). */
    Response<T> appendAsked(AbstractPipeline pipeline) {
      return append(pipeline);
    }

    /** The key that routes the entry ({@code null}: none). */
    abstract String routingKey();

    /** Whether it is a call of a writing script ({@link ReplicaWait} applies). */
    abstract boolean writes();

    @SuppressWarnings("unchecked") // the response append returned for this entry
    final void complete(Response<?> response) {
      try {
        value = ((Response<T>) response).get();
        failure = null;
        done = true;
      } catch (JedisException | IllegalStateException e) {
        failure = causeOf(e); // a missing reply (broken connection) is an IllegalStateException
      }
    }

    /** What made the entry fail with {@code e}: {@code e} itself but where the entry knows better. */
    Throwable causeOf(RuntimeException e) {
      return e;
    }

    final boolean succeeded() {
      return done && failure == null;
    }

    @Override
    public final T get() {
      if (failure != null) {
        throw RedisCalls.translate(failure);
      }
      if (!done) {
        throw new IllegalStateException("the batch has not run");
      }
      return value;
    }
  }

  private static final class CommandEntry<T> extends Entry<T> {
    private final CommandObject<T> command;
    private final String routingKey;

    CommandEntry(CommandObject<T> command, String routingKey) {
      this.command = command;
      this.routingKey = routingKey;
    }

    @Override
    Response<T> append(AbstractPipeline pipeline) {
      return pipeline.executeCommand(command);
    }

    @Override
    String routingKey() {
      return routingKey;
    }

    @Override
    boolean writes() {
      return false;
    }
  }

  private static final class ScriptEntry extends Entry<Object> {
    private final LuaScript script;
    private final ScriptCall call;

    ScriptEntry(LuaScript script, ScriptCall call) {
      this.script = script;
      this.call = call;
    }

    @Override
    Response<Object> append(AbstractPipeline pipeline) {
      return pipeline.evalsha(script.sha(), call.keys(), call.args());
    }

    @Override
    Response<Object> appendAsked(AbstractPipeline pipeline) {
      return pipeline.eval(script.source(), call.keys(), call.args());
    }

    @Override
    String routingKey() {
      return call.keys().get(0);
    }

    @Override
    boolean writes() {
      return script.writes();
    }
  }

  /**
   * {@code MULTI}, a script (none: the commands only read), commands, {@code EXEC}; its value is
   * {@code EXEC}'s reply without the script's loading, with any element that failed as its
   * translated exception.
   *
   * <p>The script goes as {@code SCRIPT LOAD} of its source then {@code EVALSHA}, inside the
   * transaction: a script the server does not know would fail only when {@code EXEC} runs it, after
   * which the commands would still run (Redis aborts a transaction for errors found as a command is
   * queued, and an unknown SHA is not one), so the source travels every time; loaded this way the
   * server hashes it once, where {@code EVAL} hashes it twice (as it is queued, for the script's
   * flags, and as it runs) — about 25 instructions a byte each time.
   */
  private static final class TransactionEntry extends Entry<List<Object>> {
    private static final CommandObject<String> MULTI =
        new CommandObject<>(new CommandArguments(Protocol.Command.MULTI), BuilderFactory.STRING);

    /** {@code EXEC}'s reply, its first {@code skipped} elements left out. */
    private static Builder<List<Object>> execReply(int skipped) {
      return new Builder<>() {
        @Override
        public List<Object> build(Object data) {
          if (data == null) {
            throw new IllegalStateException("EXEC returned no replies: the transaction was aborted");
          }
          List<?> all = (List<?>) data;
          List<Object> replies = new ArrayList<>(all.size() - skipped);
          for (Object reply : all.subList(skipped, all.size())) {
            replies.add(reply instanceof JedisException failure ? RedisCalls.translate(failure)
                : BuilderFactory.ENCODED_OBJECT.build(reply));
          }
          return replies;
        }
      };
    }

    private final LuaScript script;
    private final ScriptCall call;
    /** What the transaction writes, named ({@code null}: it only reads). */
    private final String operation;
    private final String routingKey;
    private final List<CommandObject<String>> commands;
    /** The replies to the last {@link #append}'s commands as they were queued ({@code QUEUED}, or a refusal). */
    private final List<Response<?>> queued = new ArrayList<>();

    /** A script's call and commands; with no script, commands that only read. */
    TransactionEntry(LuaScript script, ScriptCall call, List<Command<?>> commands) {
      this(script, call, script == null ? null : script.name(), commands);
    }

    /** Commands that write, with no script: {@code operation} names them. */
    TransactionEntry(String operation, List<Command<?>> commands) {
      this(null, null, operation, commands);
    }

    private TransactionEntry(LuaScript script, ScriptCall call, String operation, List<Command<?>> commands) {
      this.script = script;
      this.call = call;
      this.operation = operation;
      this.routingKey = call != null ? call.keys().get(0) : commands.get(0).keys().get(0);
      this.commands = new ArrayList<>(commands.size());
      for (Command<?> command : commands) {
        this.commands.add(JedisCommands.queued(command));
      }
    }

    /**
     * On a cluster every command goes to the node of the routing key's slot (the keys of a
     * transaction share it), where Redis checks each as it is queued and all of them again at
     * {@code EXEC}: a slot that moved or is migrating refuses the whole transaction before any of it runs.
     */
    @Override
    Response<List<Object>> append(AbstractPipeline pipeline) {
      ClusterPipelineInOneThread cluster = pipeline instanceof ClusterPipelineInOneThread c ? c : null;
      if (cluster != null) {
        cluster.pinTo(routingKey);
      }
      try {
        queued.clear();
        pipeline.executeCommand(MULTI);
        if (script != null) {
          queued.add(pipeline.executeCommand(new CommandObject<>(
              new CommandArguments(Protocol.Command.SCRIPT).add(Protocol.Keyword.LOAD).add(script.source()),
              BuilderFactory.STRING)));
          CommandArguments eval = new CommandArguments(Protocol.Command.EVALSHA).add(script.sha())
              .add(call.keys().size());
          for (String key : call.keys()) {
            eval.key(key);
          }
          for (String arg : call.args()) {
            eval.add(arg);
          }
          queued.add(pipeline.executeCommand(new CommandObject<>(eval, BuilderFactory.STRING)));
        }
        for (CommandObject<String> command : commands) {
          queued.add(pipeline.executeCommand(command));
        }
        return pipeline.executeCommand(
            new CommandObject<>(new CommandArguments(Protocol.Command.EXEC), execReply(script != null ? 1 : 0)));
      } finally {
        if (cluster != null) {
          cluster.unpin();
        }
      }
    }

    /**
     * {@code EXECABORT} says only that a command was refused as it was queued. A transient refusal
     * ({@code MOVED}, {@code ASK}, {@code TRYAGAIN} of a slot that moves, …) is the failure, so that
     * the transaction runs again; any other stays {@code EXECABORT}, the refusal suppressed in it.
     */
    @Override
    Throwable causeOf(RuntimeException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("EXECABORT") && !RedisCalls.isBusy(e)) {
        for (Response<?> reply : queued) {
          try {
            reply.get();
          } catch (JedisException | IllegalStateException refusal) {
            if (RedisCalls.isTransient(refusal)) {
              return refusal;
            }
            e.addSuppressed(refusal);
            return e;
          }
        }
      }
      return e;
    }

    @Override
    String routingKey() {
      return routingKey;
    }

    @Override
    boolean writes() {
      return operation != null;
    }
  }
}
