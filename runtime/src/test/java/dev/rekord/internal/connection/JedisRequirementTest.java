package dev.rekord.internal.connection;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version logic, on class loaders that see a Jedis version file and nothing else. The real
 * thing (a project that pins Jedis 6 and calls {@code Rekord.connect}) is
 * {@code ConsumerProjectsTest#olderJedisFailsAtConnectNamingBothVersions} in consumer-tests.
 */
class JedisRequirementTest {

  @TempDir Path dir;

  @Test
  void acceptsTheJedisThisBuildUses() {
    assertDoesNotThrow(JedisRequirement::check);
    assertEquals(Optional.empty(), JedisRequirement.problem(getClass().getClassLoader()));
  }

  @Test
  void acceptsJedisEightAndLater() throws IOException {
    for (String version : new String[] {"8.0.0", "8.0.2", "8.1.0-SNAPSHOT", "9.0.0", "10.2.1"}) {
      assertEquals(Optional.empty(), JedisRequirement.problem(loaderWithJedisVersion(version)), version);
    }
  }

  @Test
  void refusesOlderJedisNamingTheVersionFoundAndTheOneNeeded() throws IOException {
    for (String version : new String[] {"7.4.1", "7.2.0", "6.2.0", "5.2.0", "4.4.8"}) {
      String problem = JedisRequirement.problem(loaderWithJedisVersion(version)).orElseThrow();
      assertTrue(problem.contains("the class path has Jedis " + version + "."), problem);
      assertTrue(problem.contains("Rekord needs Jedis 8 (redis.clients:jedis 8.0.0 or later)"), problem);
      assertTrue(problem.contains("rekord-bom"), problem);
      assertTrue(problem.contains("set the build property jedis.version to " + JedisRequirement.BUILT_WITH), problem);
    }
  }

  @Test
  void saysSoWhenJedisIsMissing() {
    String problem = JedisRequirement.problem(new URLClassLoader(new URL[0], null)).orElseThrow();
    assertTrue(problem.contains("no Jedis is on the class path"), problem);
  }

  @Test
  void theVersionTheMessageNamesIsTheOneThisBuildUses() throws IOException {
    String pom = java.nio.file.Files.readString(java.nio.file.Path.of("..", "pom.xml"));
    assertTrue(pom.contains("<jedis.version>" + JedisRequirement.BUILT_WITH + "</jedis.version>"),
        "JedisRequirement.BUILT_WITH is not the root pom's jedis.version");
  }

  @Test
  void readsTheMajorVersion() {
    assertEquals(8, JedisRequirement.major("8.0.2"));
    assertEquals(10, JedisRequirement.major("10.0.0-beta1"));
    assertEquals(0, JedisRequirement.major("unknown"));
  }

  /** A class loader (no parent) that sees only {@code redis/clients/jedis/pom.properties}. */
  private URLClassLoader loaderWithJedisVersion(String version) throws IOException {
    Path root = Files.createTempDirectory(dir, "jedis-" + version);
    Path file = root.resolve("redis/clients/jedis/pom.properties");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "groupId=redis.clients\nartifactId=jedis\nversion=" + version + "\n");
    return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
  }
}
