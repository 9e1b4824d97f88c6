package dev.rekord.internal.engine.portable;

/**
 * The index entries the save scripts write: per entry its key (in {@code KEYS}), then in {@code
 * ARGV} the op's {@linkplain #code() code} and its {@link #arity()} values. The one definition
 * both sides share: {@link EngineProtocol} generates the Lua constants {@code ENTRY_*} and the
 * expression {@code ENTRY_ARITY(op)} from it, {@link IndexEntries} writes it, and {@code
 * EngineProtocolTest} runs every op against Redis.
 */
enum EntryOp implements ProtocolCode {
  /** The id with score 0, so the set is in id order: tags of collections, words, nulls. */
  ID(0, "ZADD key 0 id"),
  /** The id scored by the number: numbers, dates, compound indexes. */
  SCORE(1, "ZADD key score id"),
  /**
   * The member {@code value\0id} with score 0, the value escaped by {@link IndexEncoding#lexical}:
   * single-valued tags, string tags of collections of records, words (for prefixes).
   */
  VALUE(1, "ZADD key 0 value\\0id"),
  /** The id at a point. */
  GEO(2, "GEOADD key longitude latitude id"),
  /**
   * The id scored by its document's expiry time in unix ms, read by the script after it set the
   * expiry: the bucket's set of expiring ids, whose due members a query finds by score.
   */
  EXPIRY(0, "ZADD key <PEXPIRETIME of the document> id"),
  /**
   * {@link #SCORE} into a compact set ({@code compact_set.lua}): a numeric index of the compact
   * layout.
   */
  COMPACT_SCORE(1, "csAdd key score id", "cscore"),
  /**
   * {@link #VALUE} into a compact set ({@code compact_set.lua}): a lexicographic index of the
   * compact layout.
   */
  COMPACT_VALUE(1, "csAdd key 0 value\\0id", "cvalue");

  private final int arity;
  private final String command;
  private final String code;

  EntryOp(int arity, String command) {
    this(arity, command, null);
  }

  EntryOp(int arity, String command, String code) {
    this.arity = arity;
    this.command = command;
    this.code = code;
  }

  @Override
  public String code() {
    return code != null ? code : ProtocolCode.super.code();
  }

  /** The op that writes this one's entry into a compact set; itself when there is none. */
  EntryOp compact() {
    return switch (this) {
      case SCORE -> COMPACT_SCORE;
      case VALUE -> COMPACT_VALUE;
      default -> this;
    };
  }

  /** How many values follow the op's code in {@code ARGV}. */
  int arity() {
    return arity;
  }

  /** The Redis command the op maps to, as the save scripts run it. */
  String command() {
    return command;
  }
}
