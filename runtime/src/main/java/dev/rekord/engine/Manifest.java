package dev.rekord.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a document's manifest ({@code {tag}#doc:<id>}, written by the save script, see {@code
 * manifest.lua}): one string naming each index entry of the document as its key after the
 * bucket's {@code {tag}#} and, for a {@code value\0id} member, the value: {@code
 * <n>:<key suffix>} followed by {@code =} (the member is the id) or {@code <m>:<value>}.
 * Lengths count characters of the Lua string, i.e. bytes; this reader takes the UTF-8 text.
 */
public final class Manifest {

  /** One index entry of a document: the member {@code member} of the sorted set {@code key}. */
  public record Entry(String key, String member) {}

  private Manifest() {}

  /** The entries of the manifest {@code text} of document {@code id} in {@code bucket}. */
  public static List<Entry> entries(String text, KeyLayout.Bucket bucket, String id) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<Entry> entries = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      int colon = indexOf(bytes, ':', pos, text);
      int stop = colon + 1 + length(bytes, pos, colon, text);
      String key = bucket.indexBase() + utf8(bytes, colon + 1, stop);
      if (stop < bytes.length && bytes[stop] == '=') {
        entries.add(new Entry(key, id));
        pos = stop + 1;
      } else {
        colon = indexOf(bytes, ':', stop, text);
        int last = colon + 1 + length(bytes, stop, colon, text);
        entries.add(new Entry(key, utf8(bytes, colon + 1, last) + '\0' + id));
        pos = last;
      }
    }
    return entries;
  }

  private static int indexOf(byte[] bytes, char c, int from, String text) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == c) {
        return i;
      }
    }
    throw malformed(text);
  }

  private static int length(byte[] bytes, int from, int to, String text) {
    try {
      int n = Integer.parseInt(new String(bytes, from, to - from, java.nio.charset.StandardCharsets.US_ASCII));
      if (n < 0 || to + 1 + n > bytes.length) {
        throw malformed(text);
      }
      return n;
    } catch (NumberFormatException e) {
      throw malformed(text);
    }
  }

  private static String utf8(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, java.nio.charset.StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException malformed(String text) {
    return new IllegalArgumentException("not a manifest: " + text);
  }
}
