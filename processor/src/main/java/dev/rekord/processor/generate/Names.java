package dev.rekord.processor.generate;

import java.util.Locale;

/** Spelling of generated names: constants, nested classes, methods. */
final class Names {
  private Names() {}

  /**
   * {@code joinDate} → {@code JOIN_DATE}, {@code address.city} → {@code ADDRESS_CITY}, {@code
   * LocalDate} → {@code LOCAL_DATE}, {@code URLPath} → {@code URL_PATH}.
   */
  static String upperSnake(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        appendSeparator(out);
        continue;
      }
      if (Character.isUpperCase(c) && i > 0 && startsWord(name, i)) {
        appendSeparator(out);
      }
      out.append(c);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  /** {@code address} → {@code Address}, {@code emergency.address} → {@code EmergencyAddress}. */
  static String upperCamel(String dottedPath) {
    StringBuilder out = new StringBuilder(dottedPath.length());
    for (String segment : dottedPath.split("\\.")) {
      out.append(Character.toUpperCase(segment.charAt(0))).append(segment, 1, segment.length());
    }
    return out.toString();
  }

  /** Whether the upper-case letter at {@code i} starts a new word (after lower case or a digit, or ending an acronym). */
  private static boolean startsWord(String name, int i) {
    char previous = name.charAt(i - 1);
    if (Character.isLowerCase(previous) || Character.isDigit(previous)) {
      return true;
    }
    boolean nextIsLower = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
    return Character.isUpperCase(previous) && nextIsLower;
  }

  private static void appendSeparator(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
      out.append('_');
    }
  }
}
