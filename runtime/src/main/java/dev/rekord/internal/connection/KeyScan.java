package dev.rekord.internal.connection;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** {@code SCAN} of one node's keyspace, handed to the caller one batch at a time. */
public final class KeyScan {
  /** Keys examined per SCAN call: large enough to be quick, small enough not to block Redis. */
  static final int COUNT = 1000;

  private KeyScan() {}

  /**
   * Scans with {@code MATCH match TYPE type COUNT 1000} until the cursor returns to 0.
   *
   * @param node runs one command on the node and returns the raw reply
   */
  public static void run(
      Function<CommandArguments, Object> node, String match, String type, Consumer<List<String>> onBatch) {
    ScanParams params = new ScanParams().match(match).count(COUNT);
    String cursor = ScanParams.SCAN_POINTER_START;
    do {
      CommandArguments args = new CommandArguments(Protocol.Command.SCAN).add(cursor).addParams(params);
      if (type != null) {
        args.add(Protocol.Keyword.TYPE).add(type);
      }
      ScanResult<String> page = BuilderFactory.SCAN_RESPONSE.build(node.apply(args));
      if (!page.getResult().isEmpty()) {
        onBatch.accept(page.getResult());
      }
      cursor = page.getCursor();
    } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
  }
}
