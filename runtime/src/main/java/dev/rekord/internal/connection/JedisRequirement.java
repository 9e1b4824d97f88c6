package dev.rekord.internal.connection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * Checks, before the first connection, that the Jedis on the class path is one Rekord runs on.
 * Rekord compiles against Jedis 8 ({@code RedisClient}, {@code RedisClusterClient}); a build whose
 * dependency management pins an older Jedis (a framework's BOM, say) still compiles, and would fail
 * later with {@code NoClassDefFoundError} or {@code NoSuchMethodError} deep inside a call. This
 * turns that into one message at start-up naming the version found and the one needed.
 */
public final class JedisRequirement {

  /** The Jedis major version Rekord is built against; later majors are accepted, earlier ones refused. */
  static final int REQUIRED_MAJOR = 8;

  /** The Jedis version Rekord is built and tested with (the build's {@code jedis.version}), for the message. */
  static final String BUILT_WITH = "8.0.2";

  /** Jedis ships its own version here (it reads it for {@code CLIENT SETINFO}). */
  private static final String VERSION_RESOURCE = "redis/clients/jedis/pom.properties";

  private static volatile boolean satisfied;

  private JedisRequirement() {}

  /**
   * Passes when the class path has Jedis {@value #REQUIRED_MAJOR} or later.
   *
   * @throws IllegalStateException naming the Jedis version found and the one needed, otherwise
   */
  public static void check() {
    if (satisfied) {
      return;
    }
    Optional<String> problem = problem(JedisRequirement.class.getClassLoader());
    if (problem.isPresent()) {
      throw new IllegalStateException(problem.get());
    }
    satisfied = true;
  }

  /** What is wrong with the Jedis that {@code loader} sees, if anything. */
  static Optional<String> problem(ClassLoader loader) {
    String version = version(loader);
    if (version == null) {
      if (!present(loader, "redis.clients.jedis.UnifiedJedis")) {
        return Optional.of("Rekord needs Jedis " + REQUIRED_MAJOR + " (redis.clients:jedis " + REQUIRED_MAJOR
            + ".0.0 or later), but no Jedis is on the class path; add the dependency, or import"
            + " dev.rekord:rekord-bom, which manages it");
      }
      // A repackaged Jedis without its version file: judge by the client Jedis 8 has.
      return present(loader, "redis.clients.jedis.RedisClient") ? Optional.empty() : Optional.of(tooOld("of unknown version"));
    }
    return major(version) >= REQUIRED_MAJOR ? Optional.empty() : Optional.of(tooOld(version));
  }

  /**
   * The leading number of a version such as {@code 8.0.2} or {@code 9.0.0-beta1}; 0 when it does not
   * start with one.
   */
  static int major(String version) {
    int end = 0;
    while (end < version.length() && Character.isDigit(version.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
  }

  private static String tooOld(String found) {
    return "Rekord needs Jedis " + REQUIRED_MAJOR + " (redis.clients:jedis " + REQUIRED_MAJOR + ".0.0 or later),"
        + " but the class path has Jedis " + found + ". A <dependencyManagement> entry probably pins it, such"
        + " as Spring Boot's: set the build property jedis.version to " + BUILT_WITH + " (Maven: <properties>"
        + "<jedis.version>" + BUILT_WITH + "</jedis.version></properties>; Gradle: ext['jedis.version'] = '"
        + BUILT_WITH + "'), or import dev.rekord:rekord-bom before other BOMs"
        + " (`mvn dependency:tree -Dincludes=redis.clients` shows where it comes from)";
  }

  private static String version(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(VERSION_RESOURCE)) {
      if (in == null) {
        return null;
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + VERSION_RESOURCE, e);
    }
  }

  private static boolean present(ClassLoader loader, String className) {
    try {
      Class.forName(className, false, loader);
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
