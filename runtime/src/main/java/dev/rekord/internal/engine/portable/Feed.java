package dev.rekord.internal.engine.portable;

import dev.rekord.connection.ScriptCall;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's change feed as the engine scripts take it: the last two arguments of every document
 * script ({@code changes.lua}), so every write, delete and removal of an expired document is
 * reported in the same atomic script.
 *
 * @param streamCap the approximate length cap of each bucket's change stream ({@code XADD MAXLEN
 *     ~}); 0 for no stream
 * @param channel the pub/sub channel told {@code <kind>:<id>} of every change; empty for none
 */
public record Feed(long streamCap, String channel) {

  /** No feed: the scripts report nothing. */
  public static final Feed NONE = new Feed(0, "");

  public Feed {
    if (streamCap < 0) {
      throw new IllegalArgumentException("a change stream's cap is 0 (none) or positive: " + streamCap);
    }
    channel = channel == null ? "" : channel;
  }

  /** {@code call} with the feed's two arguments after its own. */
  ScriptCall appendTo(ScriptCall call) {
    List<String> args = new ArrayList<>(call.args().size() + 2);
    args.addAll(call.args());
    args.add(Long.toString(streamCap));
    args.add(channel);
    return new ScriptCall(call.keys(), args);
  }

  /** {@code calls}, each with the feed's arguments. */
  List<ScriptCall> appendTo(List<ScriptCall> calls) {
    List<ScriptCall> fed = new ArrayList<>(calls.size());
    for (ScriptCall call : calls) {
      fed.add(appendTo(call));
    }
    return fed;
  }
}
