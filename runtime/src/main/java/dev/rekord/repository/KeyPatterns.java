package dev.rekord.repository;

/** Glob patterns for {@code SCAN MATCH}. */
final class KeyPatterns {
  private KeyPatterns() {}

  /** {@code text} with the glob characters {@code * ? [ ] \} escaped, so it matches only itself. */
  static String escapeGlob(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
