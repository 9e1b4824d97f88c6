package dev.rekord.processor.validate;

import dev.rekord.processor.model.Words;
import java.util.regex.Pattern;

/** The naming rules for key prefixes and stored field names, and fixes to suggest. */
final class RedisNames {
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z0-9_-]+");

  private RedisNames() {}

  /** {@code OrderLine} → {@code order-line}, {@code HTTPServer} → {@code http-server}. */
  static String kebabCase(String simpleName) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < simpleName.length(); i++) {
      char c = simpleName.charAt(i);
      if (Character.isUpperCase(c) && i > 0 && Words.startsWord(simpleName, i)) {
        out.append('-');
      }
      out.append(Character.toLowerCase(c));
    }
    return out.toString();
  }

  /** Letters, digits, {@code _ . : -}, and not ending in ':' (keys are {@code <prefix>:<id>}). */
  static boolean isValidPrefix(String prefix) {
    return PREFIX.matcher(prefix).matches() && !prefix.endsWith(":");
  }

  /** The nearest valid prefix, to suggest in the message. */
  static String suggestPrefix(String prefix, String fallback) {
    String cleaned = prefix.replaceAll("[^A-Za-z0-9_.:-]+", "-").replaceAll(":+$", "");
    return cleaned.isEmpty() || !isValidPrefix(cleaned) ? fallback : cleaned;
  }

  /** Letters, digits, {@code _ -}; no dots, which separate the segments of nested paths. */
  static boolean isValidFieldName(String name) {
    return FIELD_NAME.matcher(name).matches();
  }

  /** The nearest valid field name, to suggest in the message. */
  static String suggestFieldName(String name, String fallback) {
    String cleaned = name.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
    return cleaned.isEmpty() ? fallback : cleaned;
  }
}
