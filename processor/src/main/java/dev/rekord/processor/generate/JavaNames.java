package dev.rekord.processor.generate;

import dev.rekord.processor.model.Words;
import java.util.Locale;

/** Spelling of generated names: constants, nested classes, methods. */
final class JavaNames {
  private JavaNames() {}

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
      if (Character.isUpperCase(c) && i > 0 && Words.startsWord(name, i)) {
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

  /** {@code user-profiles} → {@code userProfiles}, {@code v2.cache} → {@code v2Cache}. */
  static String lowerCamel(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = false;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        upper = out.length() > 0;
      } else {
        out.append(upper ? Character.toUpperCase(c) : out.length() == 0 ? Character.toLowerCase(c) : c);
        upper = false;
      }
    }
    return out.length() == 0 || !Character.isJavaIdentifierStart(out.charAt(0)) ? "c" + out : out.toString();
  }

  private static void appendSeparator(StringBuilder out) {
    if (out.length() > 0 && out.charAt(out.length() - 1) != '_') {
      out.append('_');
    }
  }
}
