package dev.rekord.internal.engine.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The search engine's form of a tag, word or id: the lower-case hex of its UTF-8 bytes. The Query
 * Engine's tag syntax gives meaning to many characters (separators, braces, {@code *}, {@code -},
 * spaces it trims, letters it folds); hex holds none of them, so a value can neither split, change
 * nor break out of a query, and it orders byte-wise as the value does.
 */
final class Hex {

  /** Prefixes longer than this (in UTF-8 bytes) are not stored: {@link #prefixes} stops there. */
  static final int MAX_PREFIX_BYTES = 64;

  /** The stored prefix every value has: what {@code startsWith("")} matches (not hex, so no value's). */
  static final String EMPTY_PREFIX = "all";

  /** A tag no value has (not hex): a query part that matches nothing. */
  static final String NOTHING = "none";

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  static String of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    char[] hex = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      hex[2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
      hex[2 * i + 1] = DIGITS[bytes[i] & 0xF];
    }
    return new String(hex);
  }

  static String decode(String hex) {
    byte[] bytes = new byte[hex.length() / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex, 2 * i, 2 * i + 2, 16);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The stored prefixes of {@code value}: {@link #EMPTY_PREFIX}, then the hex of every prefix that
   * ends on a code point and is at most {@link #MAX_PREFIX_BYTES} long (the whole value included
   * when it is that short).
   */
  static List<String> prefixes(String value) {
    List<String> prefixes = new ArrayList<>();
    prefixes.add(EMPTY_PREFIX);
    String hex = of(value);
    int bytes = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      bytes += utf8Length(cp);
      if (bytes > MAX_PREFIX_BYTES) {
        break;
      }
      prefixes.add(hex.substring(0, 2 * bytes));
      i += Character.charCount(cp);
    }
    return prefixes;
  }

  /** The longest prefix of {@code value} (ending on a code point) at most {@link #MAX_PREFIX_BYTES} long. */
  static String storedPart(String value) {
    int bytes = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      bytes += utf8Length(cp);
      if (bytes > MAX_PREFIX_BYTES) {
        return value.substring(0, i);
      }
      i += Character.charCount(cp);
    }
    return value;
  }

  private static int utf8Length(int cp) {
    if (cp < 0x80 || Character.isSurrogate((char) cp) && cp < 0x10000) { // a lone surrogate encodes as '?'
      return 1;
    }
    if (cp < 0x80) {
      return 1;
    }
    if (cp < 0x800) {
      return 2;
    }
    return cp < 0x10000 ? 3 : 4;
  }
}
