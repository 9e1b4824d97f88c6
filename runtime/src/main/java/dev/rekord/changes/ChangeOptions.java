package dev.rekord.changes;

/**
 * A model's change feed, given to {@code Rekord.builder().changes(Member.class, options)}.
 *
 * @param streamCap the approximate number of events each bucket's stream keeps ({@code XADD MAXLEN
 *     ~}); 0 for no stream (notices only)
 * @param notices whether every change is also published as a {@link ChangeNotice} on the model's
 *     pub/sub channel
 */
public record ChangeOptions(long streamCap, boolean notices) {

  /** The events a bucket's stream keeps unless told otherwise. */
  public static final long DEFAULT_STREAM_CAP = 100_000;

  public ChangeOptions {
    if (streamCap < 0) {
      throw new IllegalArgumentException("streamCap is 0 (no stream) or positive: " + streamCap);
    }
    if (streamCap == 0 && !notices) {
      throw new IllegalArgumentException("a change feed has a stream, notices, or both");
    }
  }

  /** A change stream keeping about {@value #DEFAULT_STREAM_CAP} events per bucket. */
  public static ChangeOptions stream() {
    return new ChangeOptions(DEFAULT_STREAM_CAP, false);
  }

  /** A change stream keeping about {@code cap} events per bucket. */
  public static ChangeOptions stream(long cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("a change stream keeps at least one event: " + cap);
    }
    return new ChangeOptions(cap, false);
  }

  /** Pub/sub notices only ({@link ChangeStream#listen}), no stream. */
  public static ChangeOptions noticesOnly() {
    return new ChangeOptions(0, true);
  }

  /** These options, also publishing notices. */
  public ChangeOptions withNotices() {
    return new ChangeOptions(streamCap, true);
  }
}
