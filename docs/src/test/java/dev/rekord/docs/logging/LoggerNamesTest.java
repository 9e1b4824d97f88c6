package dev.rekord.docs.logging;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The loggers logging.md names are classes of the runtime (loggers are named after the class
 * that logs), so the page follows when a class moves. What they log is checked by {@code
 * MigrationLoggingTest} in the runtime.
 */
class LoggerNamesTest {

  private static final Pattern LOGGER = Pattern.compile("`(dev\\.rekord\\.[\\w.]+)`");

  @TestFactory
  Stream<DynamicTest> everyLoggerNamedIsAClass() throws IOException {
    String page = Files.readString(Path.of("logging.md"));
    Set<String> names = new LinkedHashSet<>();
    Matcher logger = LOGGER.matcher(page);
    while (logger.find()) {
      names.add(logger.group(1));
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : names) {
      tests.add(DynamicTest.dynamicTest(name, () -> assertDoesNotThrow(() -> Class.forName(name),
          "logging.md names the logger " + name + ", which is no class")));
    }
    assertFalse(tests.isEmpty(), "logging.md names no logger");
    return tests.stream();
  }
}
