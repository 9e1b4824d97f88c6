package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.util.Pool;

/**
 * Server-assisted client-side caching ({@code CLIENT TRACKING}) in broadcasting mode, for a near
 * cache: on every primary, a tracker connection asks for invalidations of every key with a prefix
 * ({@code CLIENT TRACKING ON REDIRECT <id> BCAST PREFIX <prefix>}) and a subscriber connection
 * receives them ({@code __redis__:invalidate}, RESP2, so Redis 6 and 7.0 serve it). Broadcasting
 * needs no record of which keys this client read, and tells of a write by any client.
 *
 * <p>Invalidations are lost while a connection is down, so the listener hears {@link
 * Listener#reset()} whenever a node's tracking starts or stops: a near cache drops everything then,
 * and serves nothing while {@link #live()} is false. (Jedis' own client-side cache needs RESP3 and
 * Redis 7.4.)
 */
public final class TrackingInvalidations implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrackingInvalidations.class);
  private static final byte[] INVALIDATE = "__redis__:invalidate".getBytes(StandardCharsets.UTF_8);

  /** Told on the trackers' threads: return soon. */
  public interface Listener {
    /** {@code key} was written (or expired, or evicted) by some client. */
    void invalidated(String key);

    /** Anything cached may be stale (tracking started or stopped on a node, or the server flushed). */
    void reset();
  }

  private final String prefix;
  private final Listener listener;
  private final PrimaryWorkers<Tracker> trackers;

  private TrackingInvalidations(ConfiguredConnection connection, String prefix, Duration pause, Listener listener) {
    this.prefix = prefix;
    this.listener = listener;
    this.trackers = new PrimaryWorkers<>(connection, pause, "rekord-tracking", (node, pool) -> Tracker.start(this, node, pool));
  }

  /** Starts tracking the keys that begin with {@code prefix} on every primary of {@code connection}. */
  public static TrackingInvalidations start(RedisConnection connection, String prefix, Duration resubscribePause,
      Listener listener) {
    return new TrackingInvalidations(connection.unwrap(ConfiguredConnection.class), prefix, resubscribePause, listener);
  }

  /** Whether invalidations flow from every primary now: only then may a near cache serve. */
  public boolean live() {
    return trackers.allLive();
  }

  @Override
  public void close() {
    trackers.close();
    listener.reset();
  }

  /** One node's pair of connections: the subscriber it reads on its thread, the tracker it pings. */
  private static final class Tracker implements PrimaryWorkers.Worker {
    private final TrackingInvalidations owner;
    private final String node;
    private final Pool<Connection> pool;
    private volatile Connection subscriber;
    private volatile Connection tracker;
    private volatile boolean tracking;
    private volatile boolean ended;

    private Tracker(TrackingInvalidations owner, String node, Pool<Connection> pool) {
      this.owner = owner;
      this.node = node;
      this.pool = pool;
    }

    static Tracker start(TrackingInvalidations owner, String node, Pool<Connection> pool) {
      Tracker tracker = new Tracker(owner, node, pool);
      PrimaryWorkers.daemon(tracker::run, "rekord-tracking-" + node).start();
      return tracker;
    }

    private void run() {
      try {
        subscriber = PrimaryWorkers.open(pool);
        // RESP2 on this connection: a RESP3 redirect target gets "invalidate" pushes, which Jedis
        // consumes for its own client-side cache; a RESP2 one gets them as pub/sub messages.
        subscriber.sendCommand(Protocol.Command.HELLO, "2");
        subscriber.getObjectMultiBulkReply();
        subscriber.sendCommand(Protocol.Command.CLIENT, "ID");
        long id = subscriber.getIntegerReply();
        subscriber.sendCommand(Protocol.Command.SUBSCRIBE, INVALIDATE);
        subscriber.getObjectMultiBulkReply(); // subscribe, channel, 1
        tracker = PrimaryWorkers.open(pool);
        tracker.sendCommand(Protocol.Command.CLIENT, "TRACKING", "ON", "REDIRECT", Long.toString(id),
            "BCAST", "PREFIX", owner.prefix);
        tracker.getStatusCodeReply();
        tracking = true;
        owner.listener.reset(); // what was cached before tracking started may be stale
        subscriber.setTimeoutInfinite();
        while (!ended) {
          List<Object> message = subscriber.getUnflushedObjectMultiBulkReply();
          if (message.size() == 3 && message.get(2) instanceof List<?> keys) {
            for (Object key : keys) {
              owner.listener.invalidated(new String((byte[]) key, StandardCharsets.UTF_8));
            }
          } else if (message.size() == 3 && message.get(2) == null) {
            owner.listener.reset(); // FLUSHALL / FLUSHDB
          }
        }
      } catch (Exception e) {
        if (!ended) {
          LOG.warn("Rekord: near-cache invalidations from {} lost ({}); the near cache is bypassed until they flow again",
              node, e.getMessage());
          owner.trackers.refreshTopology();
        }
      } finally {
        stop();
      }
    }

    @Override
    public boolean ended() {
      return ended;
    }

    @Override
    public boolean live() {
      return tracking && !ended;
    }

    /** The tracker connection only sits there; if it died, tracking stopped with it: find out each round. */
    @Override
    public void check() {
      Connection idle = tracker;
      if (tracking && idle != null) {
        try {
          idle.sendCommand(Protocol.Command.PING);
          idle.getStatusCodeReply();
        } catch (RuntimeException e) {
          stop();
        }
      }
    }

    @Override
    public void stop() {
      if (!ended) {
        ended = true;
        if (tracking) {
          owner.listener.reset();
        }
      }
      PrimaryWorkers.closeQuietly(subscriber);
      PrimaryWorkers.closeQuietly(tracker);
    }
  }
}
