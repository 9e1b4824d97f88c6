package dev.rekord.connection;

import java.util.List;

/**
 * One call of a {@link LuaScript}, for {@link RedisConnection#evalAll}.
 *
 * @param keys the script's {@code KEYS}; the first routes the call on a cluster
 * @param args the script's {@code ARGV}
 */
public record ScriptCall(List<String> keys, List<String> args) {

  public ScriptCall {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("a script call needs at least one key to be routed by");
    }
  }
}
