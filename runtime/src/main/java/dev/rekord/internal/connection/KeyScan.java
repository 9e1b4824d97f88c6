package dev.rekord.internal.connection;

import dev.rekord.connection.Commands;
import dev.rekord.connection.ScanPage;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.CommandObject;

/** {@code SCAN} of one node's keyspace, handed to the caller one batch at a time. */
final class KeyScan {
  /** Keys examined per SCAN call: large enough to be quick, small enough not to block Redis. */
  static final int COUNT = 1000;

  private KeyScan() {}

  /**
   * Scans with {@code MATCH match TYPE type COUNT 1000} until the cursor returns to 0.
   *
   * @param node runs one command on the node; Jedis' exceptions pass
   */
  static void run(Function<CommandObject<ScanPage>, ScanPage> node, String match, String type,
      Consumer<List<String>> onBatch) {
    String cursor = ScanPage.START;
    ScanPage page;
    do {
      page = node.apply(JedisCommands.of(Commands.scan(cursor, match, COUNT, type)));
      if (!page.elements().isEmpty()) {
        onBatch.accept(page.elements());
      }
      cursor = page.cursor();
    } while (!page.last());
  }
}
