package dev.rekord.internal.connection;

import dev.rekord.connection.RedisConnection;
import dev.rekord.exception.RekordConnectionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * A pub/sub subscription to one channel on a connection of its own (Jedis' {@code subscribe}
 * holds a connection for as long as it listens), run on a daemon thread: the one place pub/sub
 * touches Jedis. On a cluster {@code PUBLISH} reaches every node, so one node's connection hears
 * every message.
 */
public final class Notices implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Notices.class);

  private final JedisPubSub pubSub;
  private final Thread thread;

  private Notices(JedisPubSub pubSub, Thread thread) {
    this.pubSub = pubSub;
    this.thread = thread;
  }

  /**
   * Listens to {@code channel}, handing each message to {@code onMessage}; returns once the
   * subscription is in place, so every message published after it is heard.
   *
   * @throws RekordConnectionException when the subscription is not in place within 10 seconds
   */
  public static Notices listen(RedisConnection connection, String channel, Consumer<String> onMessage) {
    UnifiedJedis jedis = connection.unwrap(UnifiedJedis.class);
    JedisPubSub pubSub = new JedisPubSub() {
      @Override
      public void onMessage(String from, String message) {
        try {
          onMessage.accept(message);
        } catch (RuntimeException e) {
          LOG.warn("Rekord: a change listener on {} failed; it keeps listening", from, e);
        }
      }
    };
    Thread thread = new Thread(() -> {
      try {
        jedis.subscribe(pubSub, channel);
      } catch (RuntimeException e) {
        LOG.warn("Rekord: the subscription to {} ended", channel, e);
      }
    }, "rekord-notices-" + channel);
    thread.setDaemon(true);
    thread.start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!pubSub.isSubscribed()) {
      if (System.nanoTime() > deadline || !thread.isAlive()) {
        throw new RekordConnectionException("could not subscribe to " + channel, null);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RekordConnectionException("interrupted while subscribing to " + channel, e);
      }
    }
    return new Notices(pubSub, thread);
  }

  /** Whether it still listens. */
  public boolean isListening() {
    return thread.isAlive() && pubSub.isSubscribed();
  }

  /** Unsubscribes and waits for the listening thread to end. */
  @Override
  public void close() {
    if (pubSub.isSubscribed()) {
      pubSub.unsubscribe();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
