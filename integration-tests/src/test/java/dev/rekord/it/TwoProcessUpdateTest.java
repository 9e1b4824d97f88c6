package dev.rekord.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rekord.Rekord;
import dev.rekord.it.model.Tally;
import dev.rekord.it.model.TallyRepository;
import dev.rekord.test.RedisExtension;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Partial updates from two JVM processes at once, on the cluster: this one and a second {@code java}
 * started with the test class path ({@link UpdateHammer}) increment, append to and add to the same
 * documents; every update of both is in the final documents and the index is exact.
 */
class TwoProcessUpdateTest {

  @RegisterExtension static RedisExtension redis = RedisExtension.builder().flushBeforeEach(false).build();

  @Test
  void twoProcessesLoseNoUpdate() throws Exception {
    String url = RedisTarget.cluster().url();
    List<String> ids = List.of("jvm-a", "jvm-b");
    int threads = 4;
    int rounds = 40;
    try (Rekord rekord = Rekord.connect(url)) {
      rekord.migrate();
      TallyRepository tallies = new TallyRepository(rekord);
      for (String id : ids) {
        tallies.save(new Tally(id, "jvm", 0, 0L, null, null, null, null, null, null, null, null, null));
      }
      Path log = Files.createTempFile("update-hammer", ".log");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), UpdateHammer.class.getName(),
          url, "other", Integer.toString(threads), Integer.toString(rounds)));
      command.addAll(ids);
      Process other = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        assertEquals(0, UpdateHammer.run(url, "this", threads, rounds, ids));
        assertTrue(other.waitFor(120, TimeUnit.SECONDS), "the second process finished");
        assertEquals(0, other.exitValue(), () -> read(log.toFile()));
      } finally {
        other.destroyForcibly();
      }
      int total = 0;
      Set<String> events = new HashSet<>();
      for (String id : ids) {
        Tally tally = tallies.findById(id).orElseThrow();
        total += tally.count();
        assertEquals(tally.count(), tally.events().size());
        assertEquals(new HashSet<>(tally.events()), tally.labels());
        events.addAll(tally.events());
      }
      assertEquals(2 * threads * rounds, total, "no increment lost");
      assertEquals(2 * threads * rounds, events.size(), "no append lost");
      assertTrue(events.stream().anyMatch(e -> e.startsWith("other:")) && events.stream().anyMatch(e -> e.startsWith("this:")));
      assertTrue(tallies.verifyIndex().consistent(), tallies.verifyIndex().toString());
    }
  }

  private static String read(File log) {
    try {
      return Files.readString(log.toPath());
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}
