package dev.rekord.internal.engine.portable;

import dev.rekord.connection.Command;
import dev.rekord.connection.Commands;
import dev.rekord.connection.RedisConnection;
import dev.rekord.connection.ReplyType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the client reads of a compact set ({@code compact_set.lua}) outside the scripts: the rebuild
 * walks a bucket's set of all ids, the verifier checks a set's counts; the one home of the key names
 * of a set's parts on the Java side. A set {@code K} is
 * its directory {@code K#dir} of chunk bounds, its chunks {@code K#c:<bound>} and its counts
 * ({@code K#n}, {@code K#gdir}, {@code K#gn}, {@code K#count}).
 */
final class CompactSets {

  private CompactSets() {}

  /** The number of entries of the set {@code key}. */
  static long count(RedisConnection connection, String key) {
    String count = connection.execute(Commands.get(total(key)));
    return count == null ? 0 : Long.parseLong(count);
  }

  /** Whether the set {@code key} exists (has entries). */
  static boolean exists(RedisConnection connection, String key) {
    return connection.execute(Commands.exists(directory(key)));
  }

  /**
   * Passes the members of the lexicographic set {@code key} to {@code page}, in order, up to {@code
   * size} at a time. A walk by member, not by chunk: {@code page} may remove members (chunks merge
   * then), and every member there at the start and still there when the walk reaches it is passed.
   */
  static void forEachPage(RedisConnection connection, String key, int size, Consumer<List<String>> page) {
    String directory = directory(key);
    String last = null;
    while (true) {
      // the chunk holding the member after the last one passed: the last chunk bound at or below it
      String bound = first(connection.execute(last == null ? zrangeByLex(directory, "-", "+", false, 1)
          : zrangeByLex(directory, "[" + last, "-", true, 1)));
      List<String> members = List.of();
      while (bound != null) {
        members = connection.execute(zrangeByLex(chunk(key, bound), last == null ? "-" : "(" + last, "+", false, size));
        if (!members.isEmpty()) {
          break;
        }
        bound = first(connection.execute(zrangeByLex(directory, "(" + bound, "+", false, 1))); // the next chunk
      }
      if (members.isEmpty()) {
        return;
      }
      last = members.get(members.size() - 1);
      page.accept(members);
    }
  }

  /** What follows a set's name in the key of one of its chunks, before the chunk's bound. */
  static final String CHUNK = "#c:";

  /** The key of the chunk of set {@code key} at {@code bound}. */
  static String chunk(String key, String bound) {
    return key + CHUNK + bound;
  }

  /** The set's directory: a sorted set (scores 0) of its chunks' bounds. */
  static String directory(String key) {
    return key + "#dir";
  }

  /** The set's chunk counts: a hash, chunk bound -> entries. */
  static String chunkCounts(String key) {
    return key + "#n";
  }

  /** The set's group counts: a hash, group bound -> entries. */
  static String groupCounts(String key) {
    return key + "#gn";
  }

  /** The set's count of all its entries. */
  static String total(String key) {
    return key + "#count";
  }

  private static String first(List<String> members) {
    return members.isEmpty() ? null : members.get(0);
  }

  /** {@code ZRANGE key start stop BYLEX [REV] LIMIT 0 count}. */
  private static Command<List<String>> zrangeByLex(String key, String start, String stop, boolean rev, int count) {
    List<String> args = new ArrayList<>(List.of(start, stop, "BYLEX"));
    if (rev) {
      args.add("REV");
    }
    args.addAll(List.of("LIMIT", "0", Integer.toString(count)));
    return new Command<>("ZRANGE", List.of(key), args, ReplyType.STRING_LIST);
  }
}
