package dev.rekord.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Redis commands Rekord sends, built in one place (as Jedis' {@code CommandObjects} builds
 * its own): each names its keys, so a cluster routes it, and says how its reply is read. Scripts
 * run through {@link RedisConnection#eval}; any other command can be made with {@link
 * Command#of}.
 */
public final class Commands {
  private Commands() {}

  /** {@code GET key}: the string, or {@code null}. */
  public static Command<String> get(String key) {
    return new Command<>("GET", List.of(key), List.of(), ReplyType.STRING);
  }

  /** {@code HGET key field}: the value, or {@code null}. */
  public static Command<String> hget(String key, String field) {
    return new Command<>("HGET", List.of(key), List.of(field), ReplyType.STRING);
  }

  /** {@code HGETALL key}: every field, empty when there is no hash. */
  public static Command<Map<String, String>> hgetAll(String key) {
    return new Command<>("HGETALL", List.of(key), List.of(), ReplyType.STRING_MAP);
  }

  /** {@code HSET key field value …}: how many fields were new. */
  public static Command<Long> hset(String key, Map<String, String> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("HSET needs at least one field");
    }
    List<String> args = new ArrayList<>(2 * fields.size());
    fields.forEach((field, value) -> {
      args.add(field);
      args.add(value);
    });
    return new Command<>("HSET", List.of(key), args, ReplyType.LONG);
  }

  /** {@code HDEL key field …}: how many fields were removed. */
  public static Command<Long> hdel(String key, List<String> fields) {
    return new Command<>("HDEL", List.of(key), fields, ReplyType.LONG);
  }

  /** {@code TYPE key}: {@code hash}, {@code string}, {@code zset}, …, or {@code none}. */
  public static Command<String> type(String key) {
    return new Command<>("TYPE", List.of(key), List.of(), ReplyType.STRING);
  }

  /**
   * {@code SET key value [options…]} (options such as {@code PX 500}, {@code NX}, {@code KEEPTTL},
   * {@code GET}): {@code OK}, or {@code null} when {@code NX}/{@code XX} kept it from being set;
   * with {@code GET}, the old value.
   */
  public static Command<String> set(String key, String value, List<String> options) {
    List<String> args = new ArrayList<>(1 + options.size());
    args.add(value);
    args.addAll(options);
    return new Command<>("SET", List.of(key), args, ReplyType.STRING);
  }

  /** {@code EXISTS key}: whether the key exists. */
  public static Command<Boolean> exists(String key) {
    return new Command<>("EXISTS", List.of(key), List.of(), ReplyType.BOOLEAN);
  }

  /** {@code PTTL key}: milliseconds left, -1 without expiry, -2 when there is no key. */
  public static Command<Long> pttl(String key) {
    return new Command<>("PTTL", List.of(key), List.of(), ReplyType.LONG);
  }

  /** {@code PERSIST key}: whether an expiry was removed. */
  public static Command<Boolean> persist(String key) {
    return new Command<>("PERSIST", List.of(key), List.of(), ReplyType.BOOLEAN);
  }

  /** {@code PEXPIREAT key unixMillis}: 1 if the key exists. */
  public static Command<Long> pexpireAt(String key, long unixMillis) {
    return new Command<>("PEXPIREAT", List.of(key), List.of(Long.toString(unixMillis)), ReplyType.LONG);
  }

  /** {@code HMGET key field…}: the values in the order of {@code fields}, {@code null} for a missing one. */
  public static Command<List<String>> hmget(String key, List<String> fields) {
    return new Command<>("HMGET", List.of(key), fields, ReplyType.STRING_LIST);
  }

  /** {@code DEL key}: 1 if it existed. */
  public static Command<Long> del(String key) {
    return new Command<>("DEL", List.of(key), List.of(), ReplyType.LONG);
  }

  /** {@code UNLINK key}: like {@code DEL}, the memory reclaimed in the background. */
  public static Command<Long> unlink(String key) {
    return new Command<>("UNLINK", List.of(key), List.of(), ReplyType.LONG);
  }

  /** {@code PEXPIRE key millis}: 1 if the key exists. */
  public static Command<Long> pexpire(String key, long millis) {
    return new Command<>("PEXPIRE", List.of(key), List.of(Long.toString(millis)), ReplyType.LONG);
  }

  /**
   * {@code INCRBY key by}: the new value. Not idempotent: run it with {@link
   * RedisConnection#executeOnce}.
   */
  public static Command<Long> incrBy(String key, long by) {
    return new Command<>("INCRBY", List.of(key), List.of(Long.toString(by)), ReplyType.LONG);
  }

  /** {@code LRANGE key from to} (inclusive, negative from the end). */
  public static Command<List<String>> lrange(String key, long from, long to) {
    return new Command<>("LRANGE", List.of(key), List.of(Long.toString(from), Long.toString(to)),
        ReplyType.STRING_LIST);
  }

  /** {@code ZRANGE key from to}: members by rank (inclusive, negative from the end). */
  public static Command<List<String>> zrange(String key, long from, long to) {
    return new Command<>("ZRANGE", List.of(key), List.of(Long.toString(from), Long.toString(to)),
        ReplyType.STRING_LIST);
  }

  /** {@code ZCARD key}: the number of members. */
  public static Command<Long> zcard(String key) {
    return new Command<>("ZCARD", List.of(key), List.of(), ReplyType.LONG);
  }

  /** {@code ZSCAN key cursor COUNT count}: a page of members (scores left out). */
  public static Command<ScanPage> zscan(String key, String cursor, int count) {
    return new Command<>("ZSCAN", List.of(key), List.of(cursor, "COUNT", Integer.toString(count)),
        ReplyType.MEMBER_SCAN_PAGE);
  }

  /** {@code SSCAN key cursor COUNT count}: a page of members. */
  public static Command<ScanPage> sscan(String key, String cursor, int count) {
    return new Command<>("SSCAN", List.of(key), List.of(cursor, "COUNT", Integer.toString(count)),
        ReplyType.SCAN_PAGE);
  }

  /**
   * {@code SCAN cursor MATCH match COUNT count [TYPE type]}: a page of the keys of one node. Keyless:
   * {@link RedisConnection#scanKeys} runs it on every primary of a cluster.
   *
   * @param type a Redis type ({@code hash}, {@code string}, …), or {@code null} for any
   */
  public static Command<ScanPage> scan(String cursor, String match, int count, String type) {
    List<String> args = new ArrayList<>(List.of(cursor, "MATCH", match, "COUNT", Integer.toString(count)));
    if (type != null) {
      args.add("TYPE");
      args.add(type);
    }
    return new Command<>("SCAN", List.of(), args, ReplyType.SCAN_PAGE);
  }
}
