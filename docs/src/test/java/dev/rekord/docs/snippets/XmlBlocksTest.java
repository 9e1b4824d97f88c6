package dev.rekord.docs.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Maven snippets can be copied as they are: every {@code ${property}} an XML block uses is defined
 * by an XML block of the same page ({@code <property>…</property>}), or is one of Maven's own.
 */
class XmlBlocksTest {

  private static final Pattern USE = Pattern.compile("\\$\\{([\\w.-]+)}");
  private static final Pattern ELEMENT = Pattern.compile("<([\\w.-]+)>");
  private static final List<String> MAVEN_PREFIXES = List.of("project.", "settings.", "env.", "maven.", "basedir");

  @TestFactory
  Stream<DynamicTest> everyPropertyAnXmlBlockUsesIsDefinedOnItsPage() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (MarkdownPage page : SnippetsTest.pages()) {
      List<CodeBlock> xml = page.blocks().stream().filter(block -> block.language().equals("xml")).toList();
      Set<String> defined = new TreeSet<>();
      xml.forEach(block -> matches(ELEMENT, block).forEach(defined::add));
      for (CodeBlock block : xml) {
        Set<String> undefined = new TreeSet<>(matches(USE, block));
        undefined.removeIf(name -> defined.contains(name) || MAVEN_PREFIXES.stream().anyMatch(name::startsWith));
        String where = page.file().getFileName() + ":" + block.fenceLine();
        tests.add(DynamicTest.dynamicTest(where, () -> assertEquals(Set.of(), undefined,
            where + " uses properties no XML block of the page defines")));
      }
    }
    return tests.stream();
  }

  private static List<String> matches(Pattern pattern, CodeBlock block) {
    List<String> found = new ArrayList<>();
    Matcher matcher = pattern.matcher(String.join("\n", block.code()));
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }
}
