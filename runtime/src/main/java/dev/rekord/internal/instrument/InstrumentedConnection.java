package dev.rekord.internal.instrument;

import dev.rekord.connection.Batch;
import dev.rekord.connection.Command;
import dev.rekord.connection.LuaScript;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplicaWait;
import dev.rekord.connection.Reply;
import dev.rekord.connection.RetryPolicy;
import dev.rekord.connection.ScriptCall;
import dev.rekord.internal.connection.TransactionBatch;
import dev.rekord.internal.instrument.Instrumentation.Measurement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A {@link RedisConnection} that reports each round trip to an {@link Instrumentation}: one
 * measurement per command, script call, pipeline or scan, tagged with the model of its first key
 * ({@link ModelNames}) and its operation — the script's name ({@code save}, {@code delete}, {@code
 * query}) or the command's ({@code hgetall}, {@code type}); a pipeline is named after its first
 * entry. Everything else is passed on unchanged, {@link #unwrap} included. Only installed when
 * instrumentation is enabled, so an application without metrics pays nothing.
 */
public final class InstrumentedConnection implements RedisConnection {

  private final RedisConnection delegate;
  private final Instrumentation instrumentation;
  private final ModelNames models;
  /** Command names, lower-cased once each (they come from a small set). */
  private final ConcurrentMap<String, String> operations = new ConcurrentHashMap<>();

  public InstrumentedConnection(RedisConnection delegate, Instrumentation instrumentation, ModelNames models) {
    this.delegate = delegate;
    this.instrumentation = instrumentation;
    this.models = models;
  }

  @Override
  public <T> T execute(Command<T> command) {
    return measured(models.of(command.keys()), operation(command.name()), () -> delegate.execute(command));
  }

  @Override
  public <T> T executeOnce(Command<T> command) {
    return measured(models.of(command.keys()), operation(command.name()), () -> delegate.executeOnce(command));
  }

  @Override
  public Batch batch() {
    return new MeasuredBatch(delegate.batch());
  }

  @Override
  public Object eval(LuaScript script, List<String> keys, List<String> args) {
    return measured(models.of(keys), script.name(), () -> delegate.eval(script, keys, args));
  }

  @Override
  public List<Object> evalAll(LuaScript script, List<ScriptCall> calls) {
    String model = calls.isEmpty() ? ModelNames.NONE : models.of(calls.get(0).keys());
    return measured(model, script.name(), () -> delegate.evalAll(script, calls));
  }

  @Override
  public void scanKeys(String match, String type, Consumer<List<String>> onBatch) {
    measured(ModelNames.NONE, "scan", () -> {
      delegate.scanKeys(match, type, onBatch);
      return null;
    });
  }

  @Override
  public boolean isCluster() {
    return delegate.isCluster();
  }

  @Override
  public RetryPolicy retryPolicy() {
    return delegate.retryPolicy();
  }

  @Override
  public ReplicaWait replicaWait() {
    return delegate.replicaWait();
  }

  @Override
  public void refreshTopology() {
    delegate.refreshTopology();
  }

  @Override
  public String nodeOf(String key) {
    return delegate.nodeOf(key);
  }

  /** Where the round trips are reported (the toolkit reports its own events there too). */
  public Instrumentation instrumentation() {
    return instrumentation;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this) || delegate.isWrapperFor(type);
  }

  @Override
  public void close() {
    try {
      instrumentation.close();
    } finally {
      delegate.close();
    }
  }

  private String operation(String commandName) {
    return operations.computeIfAbsent(commandName, name -> name.toLowerCase(Locale.ROOT));
  }

  private <T> T measured(String model, String operation, Supplier<T> call) {
    Measurement measurement = instrumentation.start(model, operation);
    T result;
    try {
      result = call.get();
    } catch (RuntimeException | Error e) {
      measurement.stop(e);
      throw e;
    }
    measurement.stop(null);
    return result;
  }

  /** A batch measured as one round trip when it runs, named after its first entry. */
  private final class MeasuredBatch implements TransactionBatch {
    private final Batch batch;
    private String model;
    private String operation;

    MeasuredBatch(Batch batch) {
      this.batch = batch;
    }

    @Override
    public <T> Reply<T> add(Command<T> command) {
      Reply<T> reply = batch.add(command);
      if (operation == null) { // not named per command: a large read adds thousands
        named(reply, command.keys(), operation(command.name()));
      }
      return reply;
    }

    @Override
    public Reply<Object> eval(LuaScript script, List<String> keys, List<String> args) {
      return named(batch.eval(script, keys, args), keys, script.name());
    }

    @Override
    public boolean transactions() {
      return batch instanceof TransactionBatch inner && inner.transactions();
    }

    @Override
    public boolean slotTransactions() {
      return batch instanceof TransactionBatch inner && inner.slotTransactions();
    }

    @Override
    public Reply<List<Object>> transaction(LuaScript script, ScriptCall call, List<Command<?>> commands) {
      return named(transactional().transaction(script, call, commands), call.keys(), script.name());
    }

    @Override
    public Reply<List<Object>> writeTransaction(String operation, List<Command<?>> writes) {
      return named(transactional().writeTransaction(operation, writes), writes.get(0).keys(), operation);
    }

    @Override
    public Reply<List<Object>> readTransaction(String operation, List<Command<?>> reads) {
      return named(transactional().readTransaction(operation, reads), reads.get(0).keys(), operation);
    }

    private TransactionBatch transactional() {
      if (!(batch instanceof TransactionBatch inner)) {
        throw new UnsupportedOperationException("the connection's batches run no transactions");
      }
      return inner;
    }

    /** {@code reply}; the batch is measured as {@code name} of the model of {@code keys} when it is the first queued. */
    private <R> R named(R reply, List<String> keys, String name) {
      if (operation == null) {
        model = models.of(keys);
        operation = name;
      }
      return reply;
    }

    /** Sends ahead where the inner batch can (else {@link #execute} sends); the time measured is {@link #execute}'s. */
    @Override
    public void send() {
      TransactionBatch.sendAhead(batch);
    }

    @Override
    public void execute() {
      measured(model == null ? ModelNames.NONE : model, operation == null ? "pipeline" : operation, () -> {
        batch.execute();
        return null;
      });
    }
  }
}
