package dev.rekord.docs.gettingstarted;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The README's table "Where each class lives" is true: each class it names in a {@code dev.rekord}
 * package is there (generated classes, in "your model's package", are checked by compiling).
 */
class ClassTableTest {

  private static final Pattern ROW = Pattern.compile("^\\| (.+) \\| `(dev\\.rekord[\\w.]*)` \\| .+ \\|$");
  private static final Pattern CLASS = Pattern.compile("`@?([A-Z]\\w*)`");

  @TestFactory
  Stream<DynamicTest> everyClassIsInThePackageTheReadmeNames() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("../README.md"));
    int table = lines.indexOf("Where each class lives:");
    assertTrue(table >= 0, "README.md has no 'Where each class lives:' table");
    List<DynamicTest> tests = new ArrayList<>();
    for (String line : lines.subList(table + 1, lines.size())) {
      if (!line.isBlank() && !line.startsWith("|")) {
        break;
      }
      Matcher row = ROW.matcher(line);
      if (row.matches()) {
        String pkg = row.group(2);
        Matcher named = CLASS.matcher(row.group(1));
        while (named.find()) {
          String className = pkg + "." + named.group(1);
          tests.add(DynamicTest.dynamicTest(className, () -> assertDoesNotThrow(() -> Class.forName(className),
              "README.md says " + className + " exists")));
        }
      }
    }
    assertTrue(tests.size() > 5, "too few classes found in the README's table: " + tests.size());
    return tests.stream();
  }
}
