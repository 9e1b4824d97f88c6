package dev.rekord.engine;

/**
 * Every key name of the portable engine for one model, in one place. All index keys of a model
 * carry the hash tag {@code {prefix}}, so they share one cluster slot and one script can touch them
 * all.
 *
 * <table>
 *   <caption>Keys for the model prefix {@code member}</caption>
 *   <tr><td>{@code {member}:all}</td><td>set of every indexed id</td></tr>
 *   <tr><td>{@code {member}:tag:<path>:<value>}</td><td>set of ids with that tag (case-folded
 *       unless case-sensitive)</td></tr>
 *   <tr><td>{@code {member}:lex:<path>}</td><td>sorted set, score 0, members {@code value\0id}:
 *       prefix matches and string sort order of tags</td></tr>
 *   <tr><td>{@code {member}:num:<path>}</td><td>sorted set, score → id: numbers, dates</td></tr>
 *   <tr><td>{@code {member}:txt:<path>:<token>}</td><td>set of ids whose text has the token</td></tr>
 *   <tr><td>{@code {member}:tok:<path>}</td><td>sorted set, score 0, members {@code
 *       token\0id}: prefix matches on words</td></tr>
 *   <tr><td>{@code {member}:geo:<path>}</td><td>GEO set of ids</td></tr>
 *   <tr><td>{@code {member}:null:<path>}</td><td>set of ids whose field is null (or an empty
 *       collection)</td></tr>
 *   <tr><td>{@code {member}:doc:<id>}</td><td>the document's manifest: a list of the index
 *       entries it is in, so they are removed exactly, whatever the model looks like now</td></tr>
 * </table>
 *
 * <p>The document key itself ({@code member:<id>}) belongs to the repository and is passed in.
 * Immutable and thread-safe.
 */
public final class KeyLayout {

  private final String prefix;
  private final String base;

  private KeyLayout(String prefix) {
    this.prefix = prefix;
    this.base = "{" + prefix + "}:";
  }

  /** The layout for the model whose key prefix (without trailing colon) is {@code prefix}. */
  public static KeyLayout of(String prefix) {
    if (prefix == null || prefix.isEmpty() || prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0) {
      throw new IllegalArgumentException("a key prefix must be non-empty and free of braces: " + prefix);
    }
    return new KeyLayout(prefix);
  }

  public String prefix() {
    return prefix;
  }

  /** The glob matching every index key of the model (for tests and tooling, never for queries). */
  public String indexKeyPattern() {
    return "\\{" + prefix + "\\}:*";
  }

  public String all() {
    return base + "all";
  }

  public String tag(String path, String value) {
    return base + "tag:" + path + ":" + value;
  }

  public String lex(String path) {
    return base + "lex:" + path;
  }

  public String numeric(String path) {
    return base + "num:" + path;
  }

  public String text(String path, String token) {
    return base + "txt:" + path + ":" + token;
  }

  public String tokens(String path) {
    return base + "tok:" + path;
  }

  public String geo(String path) {
    return base + "geo:" + path;
  }

  public String nulls(String path) {
    return base + "null:" + path;
  }

  public String manifest(String id) {
    return manifestPrefix() + id;
  }

  /** {@link #manifest} without the id, for scripts that clean up ids they meet. */
  String manifestPrefix() {
    return base + "doc:";
  }

  @Override
  public String toString() {
    return "KeyLayout[" + prefix + "]";
  }
}
