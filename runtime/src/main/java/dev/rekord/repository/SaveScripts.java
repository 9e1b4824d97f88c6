package dev.rekord.repository;

import dev.rekord.annotations.Storage;
import dev.rekord.script.LuaScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scripts that write one document atomically, and their arguments. {@code KEYS[1]} is the
 * document key; {@code ARGV[1]} the time to live in milliseconds ({@code 0}: none); then the
 * document: field/value pairs for a hash, the JSON text for JSON. The write replaces the whole
 * document, so a field that became {@code null} disappears and an old expiry is cleared.
 */
final class SaveScripts {
  private SaveScripts() {}

  /** HSET in chunks: Lua's unpack() cannot spread more than a few thousand arguments. */
  static final LuaScript SAVE_HASH = new LuaScript("save-hash", """
      redis.call('DEL', KEYS[1])
      for i = 2, #ARGV, 1000 do
        redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
      end
      local ttl = tonumber(ARGV[1])
      if ttl > 0 then
        redis.call('PEXPIRE', KEYS[1], ttl)
      end
      return 1
      """);

  static final LuaScript SAVE_JSON = new LuaScript("save-json", """
      local ttl = tonumber(ARGV[1])
      if ttl > 0 then
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
      else
        redis.call('SET', KEYS[1], ARGV[2])
      end
      return 1
      """);

  static LuaScript forStorage(Storage storage) {
    return storage == Storage.HASH ? SAVE_HASH : SAVE_JSON;
  }

  static List<String> hashArgs(long ttlMillis, Map<String, String> fields) {
    List<String> args = new ArrayList<>(1 + 2 * fields.size());
    args.add(Long.toString(ttlMillis));
    for (Map.Entry<String, String> field : fields.entrySet()) {
      args.add(field.getKey());
      args.add(field.getValue());
    }
    return args;
  }

  static List<String> jsonArgs(long ttlMillis, String json) {
    return List.of(Long.toString(ttlMillis), json);
  }

  /**
   * The time to live in whole milliseconds, rounded up so a positive sub-millisecond TTL still
   * expires instead of persisting.
   */
  static long ttlMillis(Duration ttl) {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be zero (no expiry) or positive: " + ttl);
    }
    long millis = ttl.toMillis();
    return ttl.getNano() % 1_000_000 == 0 ? millis : millis + 1;
  }
}
