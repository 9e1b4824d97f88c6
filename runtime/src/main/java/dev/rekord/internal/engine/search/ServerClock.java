package dev.rekord.internal.engine.search;

import dev.rekord.connection.Command;
import dev.rekord.connection.RedisConnection;
import java.util.List;

/**
 * The server's clock as seen from here: its offset from the local clock is measured once ({@code
 * TIME}, halfway through the round trip), so a query can leave out documents whose {@code
 * __rk.exp} has passed on the server's clock without asking the server for the time each time.
 */
final class ServerClock {

  private final long offsetMillis;

  ServerClock(RedisConnection connection) {
    long before = System.currentTimeMillis();
    List<?> time = (List<?>) connection.execute(Command.of("TIME", List.of(), List.of()));
    long after = System.currentTimeMillis();
    long server = Long.parseLong(String.valueOf(time.get(0))) * 1000
        + Long.parseLong(String.valueOf(time.get(1))) / 1000;
    this.offsetMillis = server - (before + after) / 2;
  }

  /** Now on the server's clock, in epoch milliseconds. */
  long nowMillis() {
    return System.currentTimeMillis() + offsetMillis;
  }
}
