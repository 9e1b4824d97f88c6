package dev.rekord.docs.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rekord.processor.diag.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** errors.md lists exactly the compile-time errors the processor's catalogue can report. */
class ErrorCatalogueTest {

  private static final Pattern ID = Pattern.compile("\\[Rekord\\.(\\w+)]");

  @Test
  void listsEveryMessageOfTheProcessor() throws IOException {
    Set<String> catalogue =
        Arrays.stream(Message.values()).map(Message::id).collect(Collectors.toCollection(TreeSet::new));
    Set<String> documented = new TreeSet<>();
    Matcher ids = ID.matcher(Files.readString(Path.of("errors.md")));
    while (ids.find()) {
      documented.add(ids.group(1));
    }
    assertEquals(catalogue, documented, "the [Rekord.X] IDs in docs/errors.md");
  }
}
