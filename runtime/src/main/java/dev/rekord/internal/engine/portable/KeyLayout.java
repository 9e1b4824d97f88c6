package dev.rekord.internal.engine.portable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Every key name of one model, in one place: its documents and the portable engine's index keys.
 *
 * <p><b>Buckets.</b> A model with key prefix {@code p} is split into {@code B ≥ 1} buckets. The
 * bucket of an id is the CRC32 of its UTF-8 bytes modulo {@code B}; its hash tag is {@code {p}}
 * when {@code B = 1} and {@code {p:b}} otherwise. Every key one document write touches — the
 * document, its manifest and its index entries — carries the tag of the document's bucket, so it
 * lives in one cluster slot and one script can write it atomically. Queries run once per bucket.
 *
 * <table>
 *   <caption>Keys of the bucket with tag {@code {member}} (prefix {@code member}, one bucket)</caption>
 *   <tr><td>{@code {member}:<id>}</td><td>the document (a hash, or a string of JSON)</td></tr>
 *   <tr><td>{@code {member}#ids}</td><td>sorted set (score 0) of every indexed id</td></tr>
 *   <tr><td>{@code {member}#eq:<path>:<value>}</td><td>sorted set (score 0) of the ids with that
 *       tag (case-folded unless case-sensitive): multi-valued tags only</td></tr>
 *   <tr><td>{@code {member}#lex:<path>}</td><td>sorted set, score 0, members {@code value\0id}
 *       (the value {@linkplain IndexEncoding#lexical escaped}, so the first byte 0 ends it):
 *       every single-valued tag (equality, prefix matches, sort order), and string tags of
 *       collections of records (prefix matches)</td></tr>
 *   <tr><td>{@code {member}#num:<path>}</td><td>sorted set, score → id: numbers, dates</td></tr>
 *   <tr><td>{@code {member}#cmp:<name>:<values>}</td><td>sorted set, score → id: a compound index
 *       ({@code city+age}), one key per combination of its tag values (folded unless
 *       case-sensitive), each written as its UTF-8 byte length, {@code :}, the value ({@code
 *       4:Oslo}); scored like {@code #num:} by the number</td></tr>
 *   <tr><td>{@code {member}#word:<path>:<token>}</td><td>sorted set (score 0) of the ids whose
 *       text has the token</td></tr>
 *   <tr><td>{@code {member}#tok:<path>}</td><td>sorted set, score 0, members {@code
 *       token\0id}: prefix matches on words</td></tr>
 *   <tr><td>{@code {member}#geo:<path>}</td><td>GEO set of ids</td></tr>
 *   <tr><td>{@code {member}#nil:<path>}</td><td>sorted set (score 0) of the ids whose field is
 *       null (or an empty collection)</td></tr>
 *   <tr><td>{@code {member}#ttl}</td><td>sorted set (score: expiry time, unix ms) of the ids saved with an expiry;
 *       while it is empty, counts come from the index alone</td></tr>
 *   <tr><td>{@code {member}#doc:<id>}</td><td>the document's manifest ({@link Manifest}) when its
 *       document cannot hold it: a string naming the index entries it is in, each by its key's
 *       family letter and the rest of the key's name after {@code {member}#} and, for a {@code
 *       value\0id} member, the (escaped) value ({@code lcity:4:OsloNage:}), so they are removed
 *       exactly, whatever the model looks like now. A hash document saved without expiry keeps
 *       a manifest of at most {@value Manifest#MAX_IN_DOCUMENT} bytes in its own field {@value
 *       #MANIFEST_FIELD} instead (no key, one less key per document); a JSON document, one that
 *       expires (its manifest must outlive it) or a longer manifest uses the key. Never
 *       both.</td></tr>
 *   <tr><td>{@code {member}#lock:<id>}</td><td>the lock on a document ({@link
 *       dev.rekord.DocumentLock}): a hash ({@code owner}, {@code fence}) that expires with its
 *       lease</td></tr>
 *   <tr><td>{@code {member}#fence}</td><td>the counter issuing the bucket's fencing tokens; never
 *       reset, so tokens only grow</td></tr>
 *   <tr><td>{@code {member}#snap:<uuid>}</td><td>a query cursor's (or a large {@code list()}'s) snapshot of matching ids, with
 *       a time to live</td></tr>
 * </table>
 *
 * <p>Documents follow {@code :}, index keys {@code #}, so no id can ever name an index key.
 *
 * <p><b>Layout version.</b> Every id set is a sorted set with score 0, so it is ordered by id
 * (byte-wise, the documented tie order) and a query streams it with {@code ZRANGE … BYLEX LIMIT}
 * and stops when its page is full; {@code ZCARD}/{@code ZSCORE} count and probe it in O(1) like
 * {@code SCARD}/{@code SISMEMBER}. This is layout {@value #LAYOUT_VERSION}. The schema record
 * stores the layout an index was built with; queries refuse another one ({@code
 * SchemaMismatchException}) and {@code migrate()} rebuilds it. Layout 5, the one before, kept
 * every manifest in its key, in the long form only; a rebuild reads it there and moves it into the
 * document. Layout 4 kept the values of {@code value\0id} members unescaped and marked values
 * holding the byte 0 in {@code #zero:} sets; its manifests name those entries, so a rebuild
 * removes them exactly.
 * Immutable and thread-safe.
 */
public final class KeyLayout {

  /**
   * The version of the index layout this runtime writes and reads; stored in the schema record.
   * Bump it whenever index keys change shape, so existing indexes are rebuilt once.
   */
  public static final int LAYOUT_VERSION = 6;

  /**
   * The version of the compact index layout ({@link dev.rekord.model.IndexLayout#COMPACT}): layout
   * {@value #LAYOUT_VERSION} with the set of all ids, the {@code #lex:} and the {@code #num:} sets
   * kept as compact sets ({@code compact_set.lua}: {@code K#dir}, {@code K#c:<bound>}, {@code
   * K#n}, {@code K#gdir}, {@code K#gn}, {@code K#count} for a set {@code K}) and their entries named
   * in manifests by {@link Manifest#COMPACT_VALUE} and {@link Manifest#COMPACT_SCORE}.
   */
  public static final int COMPACT_LAYOUT_VERSION = 1000 + LAYOUT_VERSION;

  /**
   * The field of a hash document that holds its manifest (when {@link Manifest#inDocument}): no
   * record component can map to it, as stored field names are letters, digits, {@code _} and
   * {@code -} joined by dots, and decoding reads fields by name, so it never reaches a record.
   */
  public static final String MANIFEST_FIELD = "#";

  /**
   * {@code key} (or a key prefix) of the bucket tagged {@code from} as the bucket tagged {@code to}
   * names it: every name of a bucket starts with its tag ({@link Bucket#tag}); {@code null} when
   * {@code key} does not.
   */
  static String retagged(String key, String from, String to) {
    return key.startsWith(from) ? to.concat(key.substring(from.length())) : null;
  }

  /** The name of a bucket's set of expiring ids after its index base. */
  static final String EXPIRING = "ttl";

  /** The name of a bucket's change stream after its index base (a model with a change feed). */
  static final String CHANGES = "changes";

  private final String prefix;
  private final Bucket[] buckets;
  private final boolean compact;

  private KeyLayout(String prefix, int buckets, boolean compact) {
    this.prefix = prefix;
    this.compact = compact;
    this.buckets = new Bucket[buckets];
    for (int b = 0; b < buckets; b++) {
      this.buckets[b] = new Bucket(b, buckets == 1 ? "{" + prefix + "}" : "{" + prefix + ":" + b + "}", compact);
    }
  }

  /** The layout of a model with one bucket. */
  public static KeyLayout of(String prefix) {
    return of(prefix, 1);
  }

  /**
   * The layout for the model whose key prefix (without trailing colon) is {@code prefix}, split
   * into {@code buckets} buckets.
   */
  public static KeyLayout of(String prefix, int buckets) {
    return of(prefix, buckets, false);
  }

  /**
   * The layout for the model whose key prefix is {@code prefix}, split into {@code buckets}
   * buckets, its set of all ids, lexicographic and numeric indexes kept as compact sets when {@code
   * compact} ({@link #COMPACT_LAYOUT_VERSION}).
   */
  public static KeyLayout of(String prefix, int buckets, boolean compact) {
    if (prefix == null || prefix.isEmpty() || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("a key prefix must be non-empty and free of braces: " + prefix);
    }
    if (buckets < 1) {
      throw new IllegalArgumentException("a model needs at least one bucket: " + buckets);
    }
    return new KeyLayout(prefix, buckets, compact);
  }

  public String prefix() {
    return prefix;
  }

  /** Whether the set of all ids, lexicographic and numeric indexes are compact sets. */
  public boolean compact() {
    return compact;
  }

  /** The version of this layout, as a model's schema record stores it. */
  public int version() {
    return compact ? COMPACT_LAYOUT_VERSION : LAYOUT_VERSION;
  }

  /** How many buckets the model has. */
  public int buckets() {
    return buckets.length;
  }

  /** The bucket of {@code id}: CRC32 of its UTF-8 bytes, modulo the number of buckets. */
  public int bucketOf(String id) {
    if (buckets.length == 1) {
      return 0;
    }
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % buckets.length);
  }

  /** The keys of bucket {@code b} ({@code 0 ≤ b < buckets()}). */
  public Bucket bucket(int b) {
    return buckets[b];
  }

  /** The keys of the bucket {@code id} belongs to. */
  public Bucket bucketFor(String id) {
    return buckets[bucketOf(id)];
  }

  /** The key of the document with {@code id}: {@code {tag}:<id>}. */
  public String documentKey(String id) {
    return bucketFor(id).documentKey(id);
  }

  /** The id in {@code key} when it is a document key of this layout ({@code {tag}:<id>}), else {@code null}. */
  public String idOfDocumentKey(String key) {
    for (Bucket bucket : buckets) {
      if (key.startsWith(bucket.documentPrefix())) {
        return key.substring(bucket.documentPrefix().length());
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "KeyLayout[" + prefix + ", " + buckets.length + " bucket(s)]";
  }

  /** The key names of one bucket: all share its hash tag, so one cluster slot. */
  public static final class Bucket {
    private final int index;
    private final String tag;
    private final String indexBase;
    // Built once: every save names these (string concatenation per save is avoidable).
    private final String documentPrefix;
    private final String all;
    private final String expiring;
    private final String manifestPrefix;
    private final boolean compact;

    private Bucket(int index, String tag, boolean compact) {
      this.compact = compact;
      this.index = index;
      this.tag = tag;
      this.indexBase = tag + "#";
      this.documentPrefix = tag + ":";
      this.all = indexBase + "ids";
      this.expiring = indexBase + EXPIRING;
      this.manifestPrefix = indexBase + "doc:";
    }

    public int index() {
      return index;
    }

    /** The hash tag with its braces: {@code {member}} or {@code {member:3}}. */
    public String tag() {
      return tag;
    }

    /** Whether the bucket's set of all ids, lexicographic and numeric indexes are compact sets. */
    public boolean compact() {
      return compact;
    }

    /**
     * Whether {@code key} of this bucket is a compact set: in the compact layout its set of all ids,
     * a lexicographic ({@code #lex:}) or a numeric ({@code #num:}) index.
     */
    public boolean compactSet(String key) {
      return compact && compactable(key);
    }

    /** Whether {@code key} is a set the compact layout keeps compact: {@code #ids}, {@code #lex:…}, {@code #num:…}. */
    private boolean compactable(String key) {
      return key.startsWith(indexBase) && (key.equals(all) || key.startsWith("lex:", indexBase.length())
          || key.startsWith("num:", indexBase.length())) && key.indexOf('#', indexBase.length()) < 0;
    }

    /**
     * Whether {@code key} of this bucket belongs to the other index layout than this one's (a layout
     * change leaves it behind until the rebuild removes it): in the compact layout a plain {@code
     * #ids}, {@code #lex:} or {@code #num:} set, in the standard layout a part of a compact one.
     */
    public boolean ofOtherLayout(String key) {
      if (compact) {
        return compactable(key);
      }
      int hash = key.startsWith(indexBase) ? key.indexOf('#', indexBase.length()) : -1;
      return hash >= 0 && compactable(key.substring(0, hash));
    }

    /**
     * The compact set a key of this bucket is part of ({@code compact_set.lua}: {@code K#dir}, {@code
     * K#c:<bound>}, …), or {@code null}: the name up to the first {@code #} after the index base
     * (no path holds one).
     */
    public String compactSetOf(String key) {
      if (!compact || !key.startsWith(indexBase)) {
        return null;
      }
      int hash = key.indexOf('#', indexBase.length());
      if (hash < 0) {
        return null;
      }
      String set = key.substring(0, hash);
      return compactSet(set) ? set : null;
    }

    /** Whether {@code key} is a chunk of a compact set of this bucket ({@code K#c:<bound>}). */
    public boolean compactChunk(String key) {
      String set = compactSetOf(key);
      return set != null && key.startsWith(CompactSets.CHUNK, set.length());
    }

    /** What precedes the id in a document key: {@code {tag}:}. */
    public String documentPrefix() {
      return documentPrefix;
    }

    public String documentKey(String id) {
      return documentPrefix.concat(id);
    }

    /** What every index key of the bucket starts with: {@code {tag}#}. */
    public String indexBase() {
      return indexBase;
    }

    /** The glob (for {@code SCAN MATCH}) matching the bucket's document keys and nothing else. */
    public String documentPattern() {
      return escapeGlob(documentPrefix()) + "*";
    }

    /** The glob matching every index key of the bucket (for tests and tooling, never for queries). */
    public String indexKeyPattern() {
      return escapeGlob(indexBase) + "*";
    }

    /** The sorted set (score 0) of every indexed id of the bucket. */
    public String all() {
      return all;
    }

    /**
     * The sorted set (score 0) of the bucket's ids saved with an expiry. While it is empty, a
     * count is read from the index ({@code ZCARD}, {@code ZCOUNT}) without checking each id.
     */
    public String expiring() {
      return expiring;
    }

    public String tag(String path, String value) {
      return indexBase + "eq:" + path + ":" + value;
    }

    public String lex(String path) {
      return indexBase + "lex:" + path;
    }

    public String numeric(String path) {
      return indexBase + "num:" + path;
    }

    /**
     * The sorted set of the compound index {@code name} ({@code city+age}) for one combination of
     * its tag values, as indexed (folded unless case-sensitive): {@code {tag}#cmp:city+age:4:Oslo}.
     * Each value is written as its UTF-8 byte length, {@code :}, then the value, so any values,
     * {@code :} and the byte 0 included, name exactly one key.
     */
    public String compound(String name, List<String> tagValues) {
      StringBuilder key = new StringBuilder(indexBase).append("cmp:").append(name).append(':');
      for (String value : tagValues) {
        key.append(utf8Length(value)).append(':').append(value);
      }
      return key.toString();
    }

    public String text(String path, String token) {
      return indexBase + "word:" + path + ":" + token;
    }

    public String tokens(String path) {
      return indexBase + "tok:" + path;
    }

    /** Whether {@code key} is a lexicographic index of the bucket ({@link #lex}, {@link #tokens}): members {@code value\0id}. */
    public boolean isLexical(String key) {
      return key.startsWith(indexBase) && (key.startsWith("lex:", indexBase.length())
          || key.startsWith("tok:", indexBase.length()));
    }

    public String geo(String path) {
      return indexBase + "geo:" + path;
    }

    public String nulls(String path) {
      return indexBase + "nil:" + path;
    }

    public String manifest(String id) {
      return manifestPrefix.concat(id);
    }

    /** {@link #manifest} without the id, for scripts that clean up ids they meet. */
    public String manifestPrefix() {
      return manifestPrefix;
    }

    /**
     * Whether {@code key}, a key of this bucket other than a document or manifest, holds index
     * entries: not the id set, a cursor's snapshot, a lock or the fencing counter.
     */
    public boolean holdsIndexEntries(String key) {
      return key.startsWith(indexBase) && !key.equals(all) && !key.equals(fencing())
          && !key.startsWith(snapshot("")) && !key.startsWith(lock("")) && !key.equals(changes());
    }

    /** The bucket's change stream: the events of its documents, in the order they were written. */
    public String changes() {
      return indexBase + CHANGES;
    }

    /** The lock on the document with {@code id}. */
    public String lock(String id) {
      return indexBase + "lock:" + id;
    }

    /** The counter issuing the bucket's fencing tokens. */
    public String fencing() {
      return indexBase + "fence";
    }

    /**
     * A key of the bucket's slot that nothing writes. A cluster transaction names it so that Redis
     * refuses the transaction whole while the slot migrates (a command naming several keys of a
     * migrating slot, one of them missing, is answered {@code TRYAGAIN} or {@code ASK}) and runs it
     * only where every key of the slot is local: its script may then use keys it does not declare.
     */
    public String absent() {
      return indexBase + "absent";
    }

    /** A query cursor's (or a large result's, {@link SnapshotChunks}) snapshot key. */
    public String snapshot(String name) {
      return indexBase + "snap:" + name;
    }

    @Override
    public String toString() {
      return "Bucket[" + tag + "]";
    }
  }

  /** The length of the UTF-8 encoding of {@code text} (an unpaired surrogate encodes as one byte, {@code ?}). */
  static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        bytes += 1;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** {@code text} with the glob characters {@code * ? [ ] \} escaped, so it matches only itself. */
  public static String escapeGlob(String text) {
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
