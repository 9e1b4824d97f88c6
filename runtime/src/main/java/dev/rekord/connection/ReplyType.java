package dev.rekord.connection;

import java.util.List;
import java.util.Map;

/**
 * How a {@link Command}'s reply is read. The connection turns what Redis answers, in RESP2 or
 * RESP3, into the type named here; text is decoded as UTF-8. A closed set: each type is one the
 * connection knows how to read.
 *
 * @param <T> what the reply is read as
 */
public final class ReplyType<T> {

  /**
   * Any reply as plain Java: a string as {@link String}, an integer as {@link Long}, an array as a
   * {@code List<Object>} of such values, nil as {@code null}.
   */
  public static final ReplyType<Object> OBJECT = new ReplyType<>("object");

  /** A bulk or status string ({@code GET}, {@code TYPE}); nil as {@code null}. */
  public static final ReplyType<String> STRING = new ReplyType<>("string");

  /** An integer ({@code ZCARD}, {@code INCRBY}, {@code DEL}). */
  public static final ReplyType<Long> LONG = new ReplyType<>("long");

  /** An integer 1 or 0 as {@code true} or {@code false} ({@code EXISTS} of one key). */
  public static final ReplyType<Boolean> BOOLEAN = new ReplyType<>("boolean");

  /** An array of strings ({@code ZRANGE}, {@code LRANGE}). */
  public static final ReplyType<List<String>> STRING_LIST = new ReplyType<>("string list");

  /** Field/value pairs, or a RESP3 map ({@code HGETALL}); empty when the key does not exist. */
  public static final ReplyType<Map<String, String>> STRING_MAP = new ReplyType<>("string map");

  /** A page of {@code SCAN} or {@code SSCAN}: the next cursor and the elements. */
  public static final ReplyType<ScanPage> SCAN_PAGE = new ReplyType<>("scan page");

  /** A page of {@code ZSCAN}: the next cursor and the members, without their scores. */
  public static final ReplyType<ScanPage> MEMBER_SCAN_PAGE = new ReplyType<>("member scan page");

  private final String name;

  private ReplyType(String name) {
    this.name = name;
  }

  @Override
  public String toString() {
    return name;
  }
}
