package dev.rekord.docs.snippets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Holds the guide to its compiled code: every Java block of a user page is marked with the source
 * region it shows, and shows it exactly (up to indentation). Run with {@code -Dsnippets.update=true}
 * to copy the regions into the pages instead, then review the diff.
 */
class SnippetsTest {

  /** The docs module: Surefire runs tests in it. */
  private static final Path DOCS = Path.of("").toAbsolutePath();

  /**
   * Pages whose Java blocks need no marker: internals.md shows generated code, which the
   * processor's golden tests pin.
   */
  private static final Set<String> UNMARKED_ALLOWED = Set.of("internals.md");

  private static final TaggedRegions REGIONS = new TaggedRegions(
      List.of(DOCS.resolve("src/test/java"), DOCS.resolve("src/main/java")));

  @TestFactory
  Stream<DynamicTest> markedBlocksShowTheirRegion() throws IOException {
    boolean update = Boolean.getBoolean("snippets.update");
    List<DynamicTest> tests = new ArrayList<>();
    for (MarkdownPage page : pages()) {
      if (update) {
        page.rewrite(block -> REGIONS.region(block.className(), block.region()));
        page = MarkdownPage.read(page.file());
      }
      for (CodeBlock block : page.blocks()) {
        if (block.isMarked()) {
          String where = where(page, block);
          tests.add(DynamicTest.dynamicTest(where + " " + block.reference(), () -> assertEquals(
              String.join("\n", REGIONS.region(block.className(), block.region())),
              String.join("\n", Code.normalize(block.code())),
              where + " differs from " + block.reference()
                  + "; fix the source or the page (-Dsnippets.update=true copies the source)")));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyJavaBlockIsMarked() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (MarkdownPage page : pages()) {
      if (UNMARKED_ALLOWED.contains(page.file().getFileName().toString())) {
        continue;
      }
      for (CodeBlock block : page.blocks()) {
        if (block.isJava() && !block.isMarked()) {
          String where = where(page, block);
          tests.add(DynamicTest.dynamicTest(where, () -> fail(where
              + ": a Java block without a '<!-- snippet: Class#region -->' marker; move the code"
              + " into a tagged region under docs/src/test/java and mark the block")));
        }
      }
    }
    return tests.stream();
  }

  @Test
  void findsThePages() throws IOException {
    List<String> names = pages().stream().map(page -> page.file().getFileName().toString()).toList();
    assertTrue(names.containsAll(List.of("README.md", "getting-started.md", "modelling.md", "errors.md")),
        () -> "pages found: " + names);
  }

  /** The guide's pages and the repository's README. */
  static List<MarkdownPage> pages() throws IOException {
    List<MarkdownPage> pages = new ArrayList<>();
    try (Stream<Path> files = Files.list(DOCS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        pages.add(MarkdownPage.read(file));
      }
    }
    pages.add(MarkdownPage.read(DOCS.resolveSibling("README.md")));
    return pages;
  }

  private static String where(MarkdownPage page, CodeBlock block) {
    return DOCS.getParent().relativize(page.file()) + ":" + block.fenceLine();
  }
}
