package dev.rekord.internal.connection;

/**
 * A short hash tag for each cluster slot ({@code {tag}} hashes to it): a name that must be served
 * by a given node (a search index on an open-source cluster, which a node refuses with {@code
 * MOVED} unless it serves the name's slot) carries the tag of a slot that node serves.
 */
public final class SlotTags {
  private static final int SLOTS = 16384;
  private static volatile String[] tags;

  private SlotTags() {}

  /** The shortest decimal number that hashes to {@code slot}. */
  public static String of(int slot) {
    String[] table = tags;
    if (table == null) {
      table = build();
      tags = table;
    }
    return table[slot];
  }

  private static String[] build() {
    String[] table = new String[SLOTS];
    int found = 0;
    for (int n = 0; found < SLOTS; n++) {
      String tag = Integer.toString(n);
      int slot = KeySlot.of(tag);
      if (table[slot] == null) {
        table[slot] = tag;
        found++;
      }
    }
    return table;
  }

  /** The lowest slot the primary {@code node} serves as the client's slot map says, or -1 for none. */
  public static int firstSlotOf(dev.rekord.connection.RedisConnection connection, String node) {
    for (int slot = 0; slot < SLOTS; slot++) {
      if (connection.nodeOf("{" + of(slot) + "}").equals(node)) {
        return slot;
      }
    }
    return -1;
  }
}
