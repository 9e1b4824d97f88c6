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
 * walks a bucket's set of all ids and removes the set of the layout it leaves. A set {@code K} is
 * its directory {@code K#dir} of chunk bounds, its chunks {@code K#c:<bound>} and its counts
 * ({@code K#n}, {@code K#gdir}, {@code K#gn}, {@code K#count}).
 */
final class CompactSets {

  private CompactSets() {}

  /** The number of entries of the set {@code key}. */
  static long count(RedisConnection connection, String key) {
    String count = connection.execute(Commands.get(key + "#count"));
    return count == null ? 0 : Long.parseLong(count);
  }

  /** Whether the set {@code key} exists (has entries). */
  static boolean exists(RedisConnection connection, String key) {
    return connection.execute(Commands.exists(key + "#dir"));
  }

  /**
   * Passes the members of the lexicographic set {@code key} to {@code page}, in order, up to {@code
   * size} at a time. A walk by member, not by chunk: {@code page} may remove members (chunks merge
   * then), and every member there at the start and still there when the walk reaches it is passed.
   */
  static void forEachPage(RedisConnection connection, String key, int size, Consumer<List<String>> page) {
    String directory = key + "#dir";
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

  /** Deletes the set {@code key}: its chunks, directory and counts. */
  static void delete(RedisConnection connection, String key) {
    List<String> bounds = connection.execute(Commands.zrange(key + "#dir", 0, -1));
    List<String> keys = new ArrayList<>();
    for (String bound : bounds) {
      keys.add(chunk(key, bound));
    }
    keys.addAll(List.of(key + "#dir", key + "#n", key + "#gdir", key + "#gn", key + "#count"));
    for (String name : keys) {
      connection.execute(Commands.unlink(name));
    }
  }

  private static String chunk(String key, String bound) {
    return key + "#c:" + bound;
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
