package dev.rekord.internal.engine.portable;

import dev.rekord.changes.ChangeEvent;
import dev.rekord.changes.ChangeHandler;
import dev.rekord.changes.ChangeKind;
import dev.rekord.changes.ChangeSubscription;
import dev.rekord.changes.SubscribeOptions;
import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ScriptCall;
import dev.rekord.exception.RekordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer of a consumer group over every bucket's change stream, on a thread of its own: each
 * poll reads every bucket in one pipeline ({@code changes_read.lua}: the group made if missing,
 * idle events of other consumers claimed, then this consumer's unacknowledged events, else new
 * ones), hands the events of each bucket to the handler in stream order and acknowledges each
 * ({@code XACK}) once the handler returned. A handler that throws leaves its event pending and
 * holds back the rest of that bucket until the next poll, which delivers it again: so events
 * reach the handler in order per bucket, hence per document.
 *
 * @param <ID> the id type
 */
final class ChangeSubscriber<ID> implements ChangeSubscription, Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ChangeSubscriber.class);

  private final RedisConnection connection;
  private final List<String> streams;
  private final String group;
  private final String consumer;
  private final ChangeHandler<ID> handler;
  private final SubscribeOptions options;
  private final Function<String, ID> ids;
  private final Object pause = new Object();
  private volatile boolean stopping;
  private Thread thread;

  private ChangeSubscriber(RedisConnection connection, List<String> streams, String group, String consumer,
      ChangeHandler<ID> handler, SubscribeOptions options, Function<String, ID> ids) {
    this.connection = connection;
    this.streams = streams;
    this.group = group;
    this.consumer = consumer;
    this.handler = handler;
    this.options = options;
    this.ids = ids;
  }

  static <ID> ChangeSubscriber<ID> start(RedisConnection connection, List<String> streams, String group,
      String consumer, ChangeHandler<ID> handler, SubscribeOptions options, Function<String, ID> ids) {
    ChangeSubscriber<ID> subscriber = new ChangeSubscriber<>(connection, streams, group, consumer, handler, options,
        ids);
    subscriber.thread = new Thread(subscriber, "rekord-changes-" + group + "-" + consumer);
    subscriber.thread.setDaemon(true);
    subscriber.thread.start();
    return subscriber;
  }

  @Override
  public void run() {
    List<ScriptCall> reads = new ArrayList<>(streams.size());
    for (String stream : streams) {
      reads.add(ScriptCalls.readChanges(stream, group, consumer, options.batch(), options.claimAfter().toMillis()));
    }
    while (!stopping) {
      boolean progressed = false;
      try {
        List<Object> replies = connection.evalAll(EngineScripts.standard().readChanges, reads);
        for (int b = 0; b < streams.size() && !stopping; b++) {
          progressed |= deliver(b, (List<?>) replies.get(b));
        }
      } catch (RekordException e) {
        LOG.warn("Rekord: reading the change streams for group {} failed; trying again", group, e);
      }
      if (!progressed) {
        sleep();
      }
    }
  }

  /** Hands the events read from bucket {@code b} to the handler; whether any was acknowledged. */
  private boolean deliver(int b, List<?> events) {
    String stream = streams.get(b);
    boolean acknowledged = false;
    for (int at = 0; at + 4 < events.size() && !stopping; at += 5) {
      String entry = String.valueOf(events.get(at));
      String kind = String.valueOf(events.get(at + 2));
      if (!kind.isEmpty()) {
        try {
          handler.handle(event(b, entry, String.valueOf(events.get(at + 1)), kind, String.valueOf(events.get(at + 3)),
              String.valueOf(events.get(at + 4))));
        } catch (Exception e) {
          LOG.warn("Rekord: a change handler of group {} failed on {} {}; it stays pending and comes again", group,
              stream, entry, e);
          return acknowledged;
        }
      }
      connection.execute(Command.of("XACK", List.of(stream), List.of(group, entry)));
      acknowledged = true;
    }
    return acknowledged;
  }

  private ChangeEvent<ID> event(int bucket, String entry, String id, String kind, String fields, String version) {
    ChangeKind changeKind = EngineProtocol.Change.kindOf(kind);
    long millis = Long.parseLong(entry.substring(0, entry.indexOf('-')));
    return new ChangeEvent<>(ids.apply(id), changeKind, fields.isEmpty() ? List.of() : Arrays.asList(fields.split(",")),
        version.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(version)),
        Instant.ofEpochMilli(millis), bucket + "/" + entry);
  }

  private void sleep() {
    synchronized (pause) {
      if (stopping) {
        return;
      }
      try {
        pause.wait(Math.max(1, options.pollInterval().toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopping = true;
      }
    }
  }

  @Override
  public boolean isRunning() {
    return thread.isAlive() && !stopping;
  }

  @Override
  public void close() {
    synchronized (pause) {
      stopping = true;
      pause.notifyAll();
    }
    if (Thread.currentThread() != thread) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
