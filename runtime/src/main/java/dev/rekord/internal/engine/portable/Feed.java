package dev.rekord.internal.engine.portable;

import dev.rekord.changes.ChangeOptions;
import dev.rekord.connection.ScriptCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's change feed as the portable engine's scripts take it: the last two arguments of every
 * document script ({@code changes.lua}), so every write, delete and removal of an expired document
 * is reported in the same atomic script.
 *
 * @param streamCap the approximate length cap of each bucket's change stream ({@code XADD MAXLEN
 *     ~}); 0 for no stream
 * @param channel the pub/sub channel told {@code <kind>:<id>} of every change; empty for none
 */
public record Feed(long streamCap, String channel) {

  /** No feed: the scripts report nothing. */
  public static final Feed NONE = new Feed(0, "");

  /**
   * The feed of a model with key prefix {@code prefix} configured with {@code options} ({@code
   * null}: none).
   */
  public static Feed of(ChangeOptions options, String prefix) {
    return options == null ? NONE : new Feed(options.streamCap(), options.notices() ? channel(prefix) : "");
  }

  /** The pub/sub channel of the notices of the model with key prefix {@code prefix}. */
  public static String channel(String prefix) {
    return "rekord:changes:" + prefix;
  }

  public Feed {
    if (streamCap < 0) {
      throw new IllegalArgumentException("a change stream's cap is 0 (none) or positive: " + streamCap);
    }
    channel = channel == null ? "" : channel;
  }

  /** {@code call} with the feed's two arguments after its own. */
  public ScriptCall appendTo(ScriptCall call) {
    List<String> args = new ArrayList<>(call.args().size() + 2);
    args.addAll(call.args());
    args.add(Long.toString(streamCap));
    args.add(channel);
    return new ScriptCall(call.keys(), args);
  }

  /** {@code calls}, each with the feed's arguments. */
  public List<ScriptCall> appendTo(List<ScriptCall> calls) {
    List<ScriptCall> fed = new ArrayList<>(calls.size());
    for (ScriptCall call : calls) {
      fed.add(appendTo(call));
    }
    return fed;
  }
}
