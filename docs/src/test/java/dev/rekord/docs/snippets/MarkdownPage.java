package dev.rekord.docs.snippets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown page of the guide and its fenced code blocks. A block that shows compiled code is
 * preceded (blank lines aside) by a marker naming the source region it copies:
 *
 * <pre>
 * &lt;!-- snippet: GettingStartedTest#crud --&gt;
 * ```java
 * …
 * ```
 * </pre>
 */
final class MarkdownPage {

  private static final Pattern MARKER = Pattern.compile("^ {0,3}<!-- snippet: (\\w+#[\\w-]+) -->\\s*$");
  private static final String FENCE = "```";

  private final Path file;
  private final List<String> lines;

  private MarkdownPage(Path file, List<String> lines) {
    this.file = file;
    this.lines = lines;
  }

  static MarkdownPage read(Path file) throws IOException {
    return new MarkdownPage(file, Files.readAllLines(file));
  }

  Path file() {
    return file;
  }

  /** Every fenced block, in page order. */
  List<CodeBlock> blocks() {
    List<CodeBlock> blocks = new ArrayList<>();
    String reference = null;
    for (int i = 0; i < lines.size(); i++) {
      Matcher marker = MARKER.matcher(lines.get(i));
      String line = lines.get(i).strip();
      if (marker.matches()) {
        reference = marker.group(1);
      } else if (isFence(lines.get(i))) {
        int close = closingFence(i);
        blocks.add(new CodeBlock(i + 1, line.substring(FENCE.length()).strip(), reference,
            lines.subList(i + 1, close)));
        reference = null;
        i = close;
      } else if (!line.isEmpty()) {
        reference = null;
      }
    }
    return blocks;
  }

  /**
   * Rewrites the page with each marked block's code replaced by {@code code(block)}, indented like
   * its fence; leaves the file alone when nothing changes.
   */
  void rewrite(Function<CodeBlock, List<String>> code) throws IOException {
    List<String> result = new ArrayList<>(lines);
    List<CodeBlock> blocks = blocks();
    for (int b = blocks.size() - 1; b >= 0; b--) { // from the end, so line numbers stay valid
      CodeBlock block = blocks.get(b);
      if (!block.isMarked()) {
        continue;
      }
      String fence = lines.get(block.fenceLine() - 1);
      String indent = fence.substring(0, fence.length() - fence.stripLeading().length());
      List<String> replacement = new ArrayList<>();
      for (String line : code.apply(block)) {
        replacement.add(line.isEmpty() ? line : indent + line);
      }
      List<String> old = result.subList(block.fenceLine(), block.fenceLine() + block.code().size());
      old.clear();
      old.addAll(replacement);
    }
    if (!result.equals(lines)) {
      Files.write(file, result);
    }
  }

  /** An opening fence: backticks indented less than four spaces (more is an indented code block). */
  private static boolean isFence(String line) {
    String stripped = line.stripLeading();
    return stripped.startsWith(FENCE) && line.length() - stripped.length() < 4;
  }

  private int closingFence(int open) {
    for (int i = open + 1; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(FENCE)) {
        return i;
      }
    }
    throw new IllegalStateException(file + ":" + (open + 1) + ": code block is never closed");
  }
}
