package dev.rekord.docs.snippets;

import java.util.List;

/**
 * A fenced code block of a Markdown page.
 *
 * @param fenceLine the 1-based line of the opening fence
 * @param language what follows the opening backticks, e.g. {@code java}; empty when nothing does
 * @param reference the {@code Class#region} of the snippet marker just before the block, or
 *     {@code null} when there is none
 * @param code the lines between the fences, as written
 */
record CodeBlock(int fenceLine, String language, String reference, List<String> code) {

  CodeBlock {
    code = List.copyOf(code);
  }

  boolean isJava() {
    return language.equals("java");
  }

  boolean isMarked() {
    return reference != null;
  }

  /** The class named by the marker: {@code GettingStartedTest} of {@code GettingStartedTest#crud}. */
  String className() {
    return reference.substring(0, reference.indexOf('#'));
  }

  /** The region named by the marker: {@code crud} of {@code GettingStartedTest#crud}. */
  String region() {
    return reference.substring(reference.indexOf('#') + 1);
  }
}
