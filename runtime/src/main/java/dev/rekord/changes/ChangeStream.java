package dev.rekord.changes;

import java.util.function.Consumer;

/**
 * The change feed of one model ({@code repository.changes()}): one Redis Stream per bucket, in the
 * bucket's hash slot ({@code {tag}#changes}), appended by the same script that writes, deletes or
 * unindexes the document. See {@code docs/change-streams.md} for what is guaranteed.
 *
 * @param <ID> the id type
 */
public interface ChangeStream<ID> {

  /** {@link #subscribe(String, String, ChangeHandler, SubscribeOptions)} with the defaults. */
  ChangeSubscription subscribe(String group, String consumer, ChangeHandler<ID> handler);

  /**
   * Delivers the events of every bucket to {@code handler} on a thread of its own, as consumer
   * {@code consumer} of the consumer group {@code group} (created at the start of the streams if
   * new, so a new group sees every event the streams still hold). Each event is acknowledged once
   * the handler returns, so a consumer that restarts under the same name resumes where it stopped:
   * first the events it had read and not acknowledged, in order, then new ones. Events another
   * consumer left unacknowledged for {@link SubscribeOptions#claimAfter()} are claimed and
   * delivered here. Delivery is at least once: an event whose handler finished but whose
   * acknowledgement was lost (a crash in between) is delivered again.
   */
  ChangeSubscription subscribe(String group, String consumer, ChangeHandler<ID> handler, SubscribeOptions options);

  /**
   * Delivers a {@link ChangeNotice} of every change published from now on to {@code listener}, on
   * a thread of its own, until closed (needs {@link ChangeOptions#withNotices()}).
   */
  ChangeSubscription listen(Consumer<ChangeNotice<ID>> listener);
}
