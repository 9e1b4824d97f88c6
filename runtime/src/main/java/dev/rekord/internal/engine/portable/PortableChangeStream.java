package dev.rekord.internal.engine.portable;

import dev.rekord.changes.ChangeHandler;
import dev.rekord.changes.ChangeKind;
import dev.rekord.changes.ChangeNotice;
import dev.rekord.changes.ChangeStream;
import dev.rekord.changes.ChangeSubscription;
import dev.rekord.changes.SubscribeOptions;
import dev.rekord.connection.RedisConnection;
import dev.rekord.internal.connection.Notices;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The change feed of a model on the portable engine: the streams {@code {tag}#changes} of its
 * buckets, which its scripts append to ({@code changes.lua}), read by {@link ChangeSubscriber}s;
 * and the notices on its pub/sub channel.
 *
 * @param <ID> the id type
 */
final class PortableChangeStream<ID> implements ChangeStream<ID> {

  private final RedisConnection connection;
  private final String model;
  private final List<String> streams;
  private final Feed feed;
  private final Function<String, ID> ids;

  PortableChangeStream(RedisConnection connection, String model, KeyLayout layout, Feed feed,
      Function<String, ID> ids) {
    this.connection = connection;
    this.model = model;
    this.feed = feed;
    this.ids = ids;
    List<String> keys = new ArrayList<>(layout.buckets());
    for (int b = 0; b < layout.buckets(); b++) {
      keys.add(layout.bucket(b).changes());
    }
    this.streams = List.copyOf(keys);
  }

  @Override
  public ChangeSubscription subscribe(String group, String consumer, ChangeHandler<ID> handler) {
    return subscribe(group, consumer, handler, SubscribeOptions.defaults());
  }

  @Override
  public ChangeSubscription subscribe(String group, String consumer, ChangeHandler<ID> handler,
      SubscribeOptions options) {
    requireName(group, "group");
    requireName(consumer, "consumer");
    Objects.requireNonNull(handler, "handler");
    Objects.requireNonNull(options, "options");
    if (feed.streamCap() == 0) {
      throw new IllegalStateException(model + " has change notices but no change stream; configure"
          + " ChangeOptions.stream() to subscribe");
    }
    return ChangeSubscriber.start(connection, streams, group, consumer, handler, options, ids);
  }

  @Override
  public ChangeSubscription listen(Consumer<ChangeNotice<ID>> listener) {
    Objects.requireNonNull(listener, "listener");
    if (feed.channel().isEmpty()) {
      throw new IllegalStateException(model + " publishes no change notices; configure"
          + " ChangeOptions.stream().withNotices() or ChangeOptions.noticesOnly()");
    }
    Notices notices = Notices.listen(connection, feed.channel(), message -> {
      int colon = message.indexOf(':');
      ChangeKind kind = EngineProtocol.Change.kindOf(message.substring(0, colon));
      listener.accept(new ChangeNotice<>(ids.apply(message.substring(colon + 1)), kind));
    });
    return new ChangeSubscription() {
      @Override
      public boolean isRunning() {
        return notices.isListening();
      }

      @Override
      public void close() {
        notices.close();
      }
    };
  }

  private static void requireName(String name, String what) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException(what + " must be a non-empty name: " + name);
    }
  }
}
