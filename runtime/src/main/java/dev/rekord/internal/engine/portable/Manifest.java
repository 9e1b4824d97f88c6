package dev.rekord.internal.engine.portable;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A document's manifest (the field {@link KeyLayout#MANIFEST_FIELD} of its hash, or its key {@code
 * {tag}#doc:<id>} — {@link #inDocument} says which —, stored by the save scripts, read by the
 * scripts through {@code manifest.lua}): one string naming each index entry of the document as its key
 * after the bucket's {@code {tag}#} and, for a {@code value\0id} member, the value as the member
 * holds it ({@linkplain IndexEncoding#lexical escaped}). Short form ({@link #append}): a letter for
 * the key's family, the rest of its name, {@code :}, and for a lexicographic index {@code
 * <m>:<value>}, e.g. {@code lcity:4:OsloNage:} for {@code {tag}#lex:city} and {@code {tag}#num:age};
 * long form, for keys whose name holds values ({@code eq:}, {@code cmp:}, {@code word:} keys) and
 * as layouts up to 5 wrote every entry: {@code <n>:<key suffix>} followed by {@code =} (the member
 * is the id) or {@code <m>:<value>}, e.g. {@code 8:lex:city4:Oslo7:num:age=}. Lengths count bytes
 * of the UTF-8 text, as Lua does.
 */
public final class Manifest {

  /**
   * The longest manifest (in bytes) kept in the document's own hash. Redis keeps a small hash
   * compact (a listpack) only while each of its values is at most {@code hash-max-listpack-value}
   * bytes (64 by default); a longer manifest would turn the hash into a hash table, which costs far
   * more than the manifest key it saves.
   */
  static final int MAX_IN_DOCUMENT = 64;

  /** One index entry of a document: the member {@code member} of the sorted set {@code key}. */
  public record Entry(String key, String member) {}

  private Manifest() {}

  /**
   * The key families a manifest names by one letter ({@code {tag}#lex:city} as {@code lcity:}):
   * the key after the bucket's index base starts with {@code FAMILIES[i]}, and {@code CODES[i]}
   * stands for it. A lower-case code marks a lexicographic index, whose member is {@code
   * value\0id}. {@code EngineProtocol} declares the same table for the scripts.
   */
  static final String[] FAMILIES = {"lex:", "tok:", "num:", "geo:", "nil:", "eq:", "cmp:", "word:", "ttl", "lex:", "num:"};
  static final String CODES = "ltNGZECWXkM";

  /**
   * The code of an entry {@code value\0id} of a compact set ({@code #lex:} in the compact layout):
   * {@code kcity:4:Oslo}.
   */
  static final char COMPACT_VALUE = 'k';

  /**
   * The code of an entry of a compact scored set ({@code #num:} in the compact layout), which names
   * the entry's score too, as a compact set finds an entry by its score: {@code Mage:2:40}.
   */
  static final char COMPACT_SCORE = 'M';

  /**
   * Appends the entry for {@code key} (which starts with {@code bucket}'s index base): the
   * member {@code value\0id} ({@code value} as the member holds it), or the id when {@code value}
   * is {@code null}. Short form when the key is of a known family and the rest of its name holds
   * no {@code :} (every key of a plain field): the family's letter, the rest, {@code :}, then for a
   * lexicographic index {@code <m>:<value>}; else the long form {@code <n>:<key suffix>} then
   * {@code =} or {@code <m>:<value>}.
   */
  public static void append(StringBuilder manifest, KeyLayout.Bucket bucket, String key, String value) {
    int from = bucket.indexBase().length();
    for (int f = 0; f < FAMILIES.length; f++) {
      String family = FAMILIES[f];
      char code = CODES.charAt(f);
      if (key.startsWith(family, from) && key.indexOf(':', from + family.length()) < 0
          && Character.isLowerCase(code) == (value != null)) {
        manifest.append(code).append(key, from + family.length(), key.length()).append(':');
        if (value != null) {
          manifest.append(utf8Length(value, 0)).append(':').append(value);
        }
        return;
      }
    }
    manifest.append(utf8Length(key, from)).append(':').append(key, from, key.length());
    if (value == null) {
      manifest.append('=');
    } else {
      manifest.append(utf8Length(value, 0)).append(':').append(value);
    }
  }

  /**
   * Appends the entry of a compact set {@code key} ({@code #lex:} or {@code #num:} in the compact
   * layout) to {@code manifest}: {@code code} ({@link #COMPACT_VALUE}, {@link #COMPACT_SCORE}), the
   * key's path, {@code :}, then the value's (or the score's) length in bytes, {@code :} and itself.
   */
  static void appendCompact(StringBuilder manifest, KeyLayout.Bucket bucket, String key, char code, String value) {
    int from = bucket.indexBase().length() + FAMILIES[CODES.indexOf(code)].length();
    manifest.append(code).append(key, from, key.length()).append(':')
        .append(utf8Length(value, 0)).append(':').append(value);
  }

  /**
   * Whether the manifest {@code text} of a document stored in {@code form}, expiring after {@code
   * ttlMillis} (0: never), is kept in the document's own hash ({@link KeyLayout#MANIFEST_FIELD}),
   * else in its manifest key: only a hash can hold it, a document that expires needs its manifest
   * afterwards (its entries are removed when a query meets its id), and a long one would make the
   * hash larger than the key costs.
   */
  static boolean inDocument(EngineProtocol.Form form, long ttlMillis, String text) {
    return form == EngineProtocol.Form.HASH && ttlMillis == 0 && !text.isEmpty()
        && text.length() <= MAX_IN_DOCUMENT && utf8Length(text, 0) <= MAX_IN_DOCUMENT;
  }

  /**
   * The length in bytes of {@code text} from index {@code from} as Jedis sends it ({@code
   * String.getBytes(UTF_8)}, which encodes a lone surrogate as {@code ?}), without encoding it.
   */
  static int utf8Length(String text, int from) {
    int bytes = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes++; // a lone surrogate: '?'
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** The entries of the manifest {@code text} of document {@code id} in {@code bucket}. */
  public static List<Entry> entries(String text, KeyLayout.Bucket bucket, String id) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    List<Entry> entries = new ArrayList<>();
    int pos = 0;
    while (pos < bytes.length) {
      int family = CODES.indexOf(bytes[pos]);
      if (family >= 0) { // short form
        int colon = indexOf(bytes, ':', pos + 1, text);
        String key = bucket.indexBase() + FAMILIES[family] + utf8(bytes, pos + 1, colon);
        if (CODES.charAt(family) == COMPACT_SCORE) {
          int sep = indexOf(bytes, ':', colon + 1, text);
          pos = sep + 1 + length(bytes, colon + 1, sep, text);
          entries.add(new Entry(key, id));
        } else if (Character.isLowerCase(CODES.charAt(family))) {
          int sep = indexOf(bytes, ':', colon + 1, text);
          int last = sep + 1 + length(bytes, colon + 1, sep, text);
          entries.add(new Entry(key, utf8(bytes, sep + 1, last) + '\0' + id));
          pos = last;
        } else {
          entries.add(new Entry(key, id));
          pos = colon + 1;
        }
        continue;
      }
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
      int n = Integer.parseInt(new String(bytes, from, to - from, StandardCharsets.US_ASCII));
      if (n < 0 || to + 1 + n > bytes.length) {
        throw malformed(text);
      }
      return n;
    } catch (NumberFormatException e) {
      throw malformed(text);
    }
  }

  private static String utf8(byte[] bytes, int from, int to) {
    return new String(bytes, from, to - from, StandardCharsets.UTF_8);
  }

  private static IllegalArgumentException malformed(String text) {
    return new IllegalArgumentException("not a manifest: " + text);
  }
}
