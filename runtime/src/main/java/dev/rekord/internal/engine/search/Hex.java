package dev.rekord.internal.engine.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The search engine's form of a tag, word or id: {@code x} and the lower-case hex of its UTF-8
 * bytes ({@code x} alone for the empty string, which the Query Engine cannot hold as a tag). The
 * Query Engine's tag syntax gives meaning to many characters (separators, braces, {@code *}, {@code
 * -}, spaces it trims, letters it folds); this form holds none of them, so a value can neither
 * split, change nor break out of a query, and it orders byte-wise as the value does.
 */
final class Hex {

  /** Prefixes longer than this (in UTF-8 bytes) are not stored: {@link #prefixes} stops there. */
  static final int MAX_PREFIX_BYTES = 64;

  /** The stored prefix every value has: what {@code startsWith("")} matches. */
  static final String EMPTY_PREFIX = "x";

  private static final char[] DIGITS = "0123456789abcdef".toCharArray();

  private Hex() {}

  static String of(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    char[] hex = new char[1 + bytes.length * 2];
    hex[0] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      hex[1 + 2 * i] = DIGITS[(bytes[i] >> 4) & 0xF];
      hex[2 + 2 * i] = DIGITS[bytes[i] & 0xF];
    }
    return new String(hex);
  }

  /**
   * The stored form of an id: as written, but for the characters U+0000 (which ends a sort key in
   * the Query Engine) and U+0001, written as U+0001 U+0001 and U+0001 U+0002. The escape is
   * prefix-free and keeps the order of the escaped bytes, so ids sort as their UTF-8 bytes do, and
   * an id costs its own length, not twice it.
   */
  static String id(String id) {
    if (id.indexOf('\0') < 0 && id.indexOf('\1') < 0) {
      return id;
    }
    StringBuilder stored = new StringBuilder(id.length() + 4);
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '\0' || c == '\1') {
        stored.append('\1').append((char) (c + 1));
      } else {
        stored.append(c);
      }
    }
    return stored.toString();
  }

  /** The id of its stored form ({@link #id}). */
  static String idOf(String stored) {
    if (stored.indexOf('\1') < 0) {
      return stored;
    }
    StringBuilder id = new StringBuilder(stored.length());
    for (int i = 0; i < stored.length(); i++) {
      char c = stored.charAt(i);
      id.append(c == '\1' && i + 1 < stored.length() ? (char) (stored.charAt(++i) - 1) : c);
    }
    return id.toString();
  }

  static String decode(String hex) {
    byte[] bytes = new byte[(hex.length() - 1) / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) Integer.parseInt(hex, 1 + 2 * i, 3 + 2 * i, 16);
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /**
   * The stored prefixes of {@code value}: {@link #EMPTY_PREFIX}, then the form of every proper
   * prefix that ends on a code point and is at most {@link #MAX_PREFIX_BYTES} long. The whole value
   * is not among them (nor, for the empty value, {@link #EMPTY_PREFIX}): it is stored once, as the
   * value itself, and a {@code startsWith} matches either.
   */
  static List<String> properPrefixes(String value) {
    List<String> prefixes = new ArrayList<>();
    if (value.isEmpty()) {
      return prefixes;
    }
    prefixes.add(EMPTY_PREFIX);
    String hex = of(value);
    int bytes = 0;
    for (int i = 0; i < value.length(); ) {
      int cp = value.codePointAt(i);
      i += Character.charCount(cp);
      bytes += utf8Length(cp);
      if (bytes > MAX_PREFIX_BYTES || i == value.length()) {
        break;
      }
      prefixes.add(hex.substring(0, 1 + 2 * bytes));
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
