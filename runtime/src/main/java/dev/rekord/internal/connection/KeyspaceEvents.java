package dev.rekord.internal.connection;

import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplyType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Connection;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.util.Pool;

/**
 * Keyspace notifications ({@code __keyspace@*__:<key>}) of the keys matching a pattern, from every
 * primary: notifications are node-local, so a cluster needs one subscriber per primary ({@link
 * PrimaryWorkers} keeps one on each, resubscribing after reconnects and failovers). The listener
 * hears of every (re)subscription: what changed while a node was not subscribed can only be caught
 * up by reading.
 */
public final class KeyspaceEvents implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KeyspaceEvents.class);
  private static final String CONFIG = "notify-keyspace-events";

  /** Told of events and subscriptions, on the subscribers' threads: hand work over, return soon. */
  public interface Listener {
    /** A command changed {@code key} (the key's name, without the channel's prefix). */
    void changed(String key);

    /** {@code node} is (again) subscribed; events it had while it was not are lost. */
    void subscribed(String node);
  }

  private final String channelPattern;
  private final Listener listener;
  private final PrimaryWorkers<Subscriber> subscribers;
  private volatile boolean closed;
  private volatile boolean failing;

  private KeyspaceEvents(ConfiguredConnection connection, String keyPattern, Duration resubscribePause, Listener listener) {
    this.channelPattern = "__keyspace@*__:" + keyPattern;
    this.listener = listener;
    this.subscribers = new PrimaryWorkers<>(connection, resubscribePause, "rekord-keyspace",
        (node, pool) -> Subscriber.start(this, node, pool));
  }

  /**
   * Subscribes to the keyspace events of the keys matching the glob {@code keyPattern} on every
   * primary of {@code connection}, now and after each reconnect (tried every {@code
   * resubscribePause}).
   */
  public static KeyspaceEvents subscribe(RedisConnection connection, String keyPattern, Duration resubscribePause,
      Listener listener) {
    return new KeyspaceEvents(connection.unwrap(ConfiguredConnection.class), keyPattern, resubscribePause, listener);
  }

  /**
   * The {@code notify-keyspace-events} setting of each primary that lacks {@code flags} (every
   * one of them, where {@code A} stands for the type flags {@code g$lshzxetd}), by node; empty
   * when every primary has them.
   *
   * @throws dev.rekord.exception.RedisCommandException when the server refuses {@code CONFIG GET}
   *     (managed services often do)
   */
  public static Map<String, String> lacking(RedisConnection connection, String flags) {
    Map<String, String> lacking = new LinkedHashMap<>();
    settings(connection).forEach((node, setting) -> {
      if (!missing(setting, flags).isEmpty()) {
        lacking.put(node, setting);
      }
    });
    return lacking;
  }

  /** Adds {@code flags} to {@code notify-keyspace-events} on every primary that lacks them. */
  public static void enable(RedisConnection connection, String flags) {
    ConfiguredConnection configured = connection.unwrap(ConfiguredConnection.class);
    RedisCalls.run(() -> configured.primaryPools().forEach((node, pool) -> {
      try (Connection redis = pool.getResource()) {
        String setting = redis.executeCommand(JedisCommands.of(configGet())).getOrDefault(CONFIG, "");
        String missing = missing(setting, flags);
        if (!missing.isEmpty()) {
          redis.executeCommand(JedisCommands.of(
              new Command<>("CONFIG", List.of(), List.of("SET", CONFIG, setting + missing), ReplyType.STRING)));
          LOG.info("Rekord: set {} to '{}' on {} (was '{}')", CONFIG, setting + missing, node, setting);
        }
      }
    }));
  }

  private static Map<String, String> settings(RedisConnection connection) {
    ConfiguredConnection configured = connection.unwrap(ConfiguredConnection.class);
    Map<String, String> settings = new LinkedHashMap<>();
    RedisCalls.run(() -> configured.primaryPools().forEach((node, pool) -> {
      try (Connection redis = pool.getResource()) {
        settings.put(node, redis.executeCommand(JedisCommands.of(configGet())).getOrDefault(CONFIG, ""));
      }
    }));
    return settings;
  }

  private static Command<Map<String, String>> configGet() {
    return new Command<>("CONFIG", List.of(), List.of("GET", CONFIG), ReplyType.STRING_MAP);
  }

  /** The characters of {@code flags} that {@code setting} lacks ({@code A} covers the type flags). */
  public static String missing(String setting, String flags) {
    StringBuilder missing = new StringBuilder();
    for (char flag : flags.toCharArray()) {
      boolean covered = setting.indexOf(flag) >= 0 || ("g$lshzxetd".indexOf(flag) >= 0 && setting.indexOf('A') >= 0);
      if (!covered) {
        missing.append(flag);
      }
    }
    return missing.toString();
  }

  /** A subscriber's connection broke or could not be opened; logged once per outage. */
  private void lost(String node, RuntimeException failure) {
    if (!closed && !failing) {
      failing = true;
      LOG.warn("Rekord: keyspace notifications from {} lost ({}); resubscribing", node, failure.getMessage());
    }
    subscribers.refreshTopology();
  }

  private void subscribedTo(String node) {
    if (failing) {
      failing = false;
      LOG.info("Rekord: keyspace notifications from {} resubscribed", node);
    }
    listener.subscribed(node);
  }

  @Override
  public void close() {
    closed = true;
    subscribers.close();
  }

  /** One node's subscription, on a thread of its own (a subscribed connection blocks reading). */
  private static final class Subscriber extends JedisPubSub implements PrimaryWorkers.Worker {
    private final KeyspaceEvents events;
    private final String node;
    private final Pool<Connection> pool;
    private volatile Connection redis;
    private volatile boolean ended;

    private Subscriber(KeyspaceEvents events, String node, Pool<Connection> pool) {
      this.events = events;
      this.node = node;
      this.pool = pool;
    }

    static Subscriber start(KeyspaceEvents events, String node, Pool<Connection> pool) {
      Subscriber subscriber = new Subscriber(events, node, pool);
      PrimaryWorkers.daemon(subscriber::run, "rekord-keyspace-" + node).start();
      return subscriber;
    }

    private void run() {
      try {
        redis = PrimaryWorkers.open(pool); // not the pool's: it stays subscribed
        if (!ended) {
          proceedWithPatterns(redis, events.channelPattern);
        }
      } catch (Exception e) {
        if (!ended) {
          events.lost(node, e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e));
        }
      } finally {
        ended = true;
        close();
      }
    }

    @Override
    public void onPSubscribe(String pattern, int subscribedChannels) {
      events.subscribedTo(node);
    }

    @Override
    public void onPMessage(String pattern, String channel, String message) {
      events.listener.changed(channel.substring(channel.indexOf("__:") + 3));
    }

    @Override
    public boolean ended() {
      return ended;
    }

    @Override
    public void stop() {
      ended = true;
      close();
    }

    /** Closing the socket also ends a subscription blocked in a read. */
    private void close() {
      PrimaryWorkers.closeQuietly(redis);
    }
  }
}
