package dev.rekord.cache;

import dev.rekord.Rekord;
import dev.rekord.connection.Commands;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The second JVM of {@link CacheProcessesTest}: connects, says {@code ready}, waits for {@code go}
 * on stdin, then asks the cache for the key the parent asks for, and prints what it got.
 */
public final class CacheProcess {

  private CacheProcess() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    try (Rekord rekord = Rekord.builder().url(url).namespace("app").build()) {
      Cache cache = rekord.cache("processes");
      System.out.println("ready");
      System.out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      if (!"go".equals(in.readLine())) {
        throw new IllegalStateException("expected go");
      }
      String value = cache.getOrCompute("answer", String.class, Duration.ofMinutes(1),
          () -> CacheProcessesTest.compute(rekord, "child"));
      System.out.println("value=" + value);
      System.out.flush();
    }
  }

  /** Counts a computation in Redis, so the parent sees every process's. */
  static long countComputation(Rekord rekord) {
    return rekord.connection().executeOnce(Commands.incrBy("app:computations", 1));
  }
}
