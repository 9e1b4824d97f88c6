package dev.rekord.docs.snippets;

import java.util.ArrayList;
import java.util.List;

/** Code as the guide shows it: compared and printed without incidental indentation. */
final class Code {

  private Code() {}

  /**
   * Strips trailing whitespace, leading and trailing blank lines, and the indentation all
   * non-blank lines share.
   */
  static List<String> normalize(List<String> lines) {
    List<String> trimmed = new ArrayList<>();
    for (String line : lines) {
      trimmed.add(line.stripTrailing());
    }
    while (!trimmed.isEmpty() && trimmed.get(0).isEmpty()) {
      trimmed.remove(0);
    }
    while (!trimmed.isEmpty() && trimmed.get(trimmed.size() - 1).isEmpty()) {
      trimmed.remove(trimmed.size() - 1);
    }
    int indent = Integer.MAX_VALUE;
    for (String line : trimmed) {
      if (!line.isEmpty()) {
        indent = Math.min(indent, line.length() - line.stripLeading().length());
      }
    }
    List<String> result = new ArrayList<>();
    for (String line : trimmed) {
      result.add(line.isEmpty() ? line : line.substring(indent));
    }
    return result;
  }
}
