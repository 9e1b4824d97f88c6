package dev.rekord.internal.engine.portable;

import dev.rekord.internal.engine.WriteCondition;
import dev.rekord.internal.script.LuaFunctions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The constants the engine scripts take as arguments, defined once for both sides: the Java side
 * passes {@link ProtocolCode#code()}, and {@link #lua(String)} — prepended to every script by {@link
 * EngineScripts} — declares them as Lua locals, so the scripts name {@code ENTRY_SCORE} or {@code
 * PLAN_AND}, never a literal, and Java and Lua cannot drift apart. The layout of each script's
 * {@code KEYS} and {@code ARGV} is built in {@link ScriptCalls}.
 */
final class EngineProtocol {
  private EngineProtocol() {}

  /** How {@code save.lua} writes the document. */
  enum Form implements ProtocolCode {
    /** {@code HSET} of field/value pairs. */
    HASH,
    /** {@code SET} of the JSON text. */
    JSON;

    /** The form of a storage kind ({@code DocumentStorage.scriptKind()}). */
    static Form of(String kind) {
      for (Form form : values()) {
        if (form.code().equals(kind)) {
          return form;
        }
      }
      throw new IllegalArgumentException("no save script form for storage kind " + kind);
    }
  }

  /**
   * When {@code save.lua} writes a document: checked for every document of a call before anything
   * is written; a document whose condition fails is left alone (with its index entries) and
   * reported, the others are written.
   */
  enum Condition implements ProtocolCode {
    /** Whatever is stored (a plain save). */
    ALWAYS,
    /** Only when no document has the id (an insert). */
    ABSENT,
    /** Only when a document has the id (an update). */
    PRESENT,
    /**
     * Only while the stored document is the one a partial update read: its digest ({@code
     * digest.lua}) travels in place of the expected version.
     */
    UNCHANGED;

    /**
     * The condition of the engine seam's {@link WriteCondition}: a switch, so a new one does not
     * compile until it is mapped (and a save does not look its name up).
     */
    static Condition of(WriteCondition condition) {
      return switch (condition) {
        case ALWAYS, NEW -> ALWAYS; // a new id: nothing to check (IndexWriter.saveNew writes it without a script)
        case ABSENT -> ABSENT;
        case PRESENT -> PRESENT;
      };
    }
  }

  /**
   * Where a save keeps a document's manifest: in its own hash ({@link KeyLayout#MANIFEST_FIELD}), or
   * in its manifest key ({@code {tag}#doc:<id>}). {@link Manifest#inDocument} decides.
   */
  enum ManifestIn implements ProtocolCode {
    /** The field {@link KeyLayout#MANIFEST_FIELD} of the document's hash. */
    DOCUMENT,
    /** The manifest key. */
    KEY,
    /**
     * Nowhere: the item deletes the document, its manifest and every entry the old manifest names
     * (a unit of work's delete, {@link ScriptCalls#deleteItem}).
     */
    NOWHERE;

    static ManifestIn of(boolean inDocument) {
      return inDocument ? DOCUMENT : KEY;
    }
  }

  /**
   * What {@code expire.lua} does to a document's expiry, keeping its entry in the bucket's set of
   * expiring ids and the place of its manifest in line.
   */
  enum Expire implements ProtocolCode {
    /** Expire after the given ms ({@code PEXPIRE}). */
    IN,
    /** Expire at the given unix ms ({@code PEXPIREAT}); a time already past removes the document. */
    AT,
    /** Expire after the given ms, only if the document expires already (a read that refreshes it). */
    REFRESH,
    /** Never expire ({@code PERSIST}). */
    PERSIST,
    /** {@link #REFRESH}, returning the document read in the same script (a read that refreshes it). */
    READ
  }

  /** The kind of a change event ({@code changes.lua}); {@code ChangeKind} names the same five. */
  enum Change implements ProtocolCode {
    CREATED,
    UPDATED,
    DELETED,
    EXPIRED,
    /** Only the expiry changed (a code is one word). */
    EXPIRY_CHANGED {
      @Override
      public String code() {
        return "expiry";
      }
    };

    /** The change kind, public, of an event's or notice's {@code code}. */
    static dev.rekord.changes.ChangeKind kindOf(String code) {
      for (Change change : values()) {
        if (change.code().equals(code)) {
          return dev.rekord.changes.ChangeKind.valueOf(change.name());
        }
      }
      throw new IllegalArgumentException("unknown change kind " + code);
    }
  }

  /** The fields of a change event in a change stream ({@code changes.lua}), read back by the subscriber. */
  enum EventField implements ProtocolCode {
    /** The document's id. */
    ID,
    /** Its {@link Change} code. */
    KIND,
    /** The stored names of the fields that changed, joined by {@code ,}. */
    FIELDS,
    /** The {@code @Version} stored now; empty when none. */
    VERSION
  }

  /** Why {@code save.lua} refused a document, besides its condition and its version. */
  enum Refused implements ProtocolCode {
    /** A fenced save whose token is not the newest issued for the document's lock. */
    FENCE
  }

  /** What {@code query.lua} returns. */
  enum Mode implements ProtocolCode {
    /** The page of ids, each followed by its sort values when asked for. */
    IDS,
    /** The number of matches. */
    COUNT,
    /** Writes the rows to a snapshot list and returns their number. */
    SNAPSHOT,
    /**
     * The ids, as {@link #IDS} without sort values, when there are at most {@code SNAPSHOT_CHUNK}
     * ({@link SnapshotChunks#CHUNK}); more as {@link #SNAPSHOT}: a large read's first step.
     */
    CHUNKS,
    /**
     * The page of ids, each followed by its sort values when asked for and then by its document,
     * read in the same call ({@code HGETALL}'s flat array or the JSON text; nil when the key holds
     * another type).
     */
    DOCUMENTS
  }

  /** The index a sort key walks or ranks. */
  enum SortIndex implements ProtocolCode {
    /** A sorted set scored by number ({@code #num:}, {@code #cmp:}). */
    SCORE,
    /** A lexicographic index ({@code #lex:}): members {@code value\0id}. */
    VALUE
  }

  /** The direction of a sort key. */
  enum Direction implements ProtocolCode {
    ASC,
    DESC
  }

  /** How a row of {@code query.lua} gives an id's sort value: the value after a mark, or null. */
  enum SortValue implements ProtocolCode {
    /** {@code v} then the score or the escaped tag value. */
    PRESENT("v"),
    /** {@code n}: the id has no value there. */
    NULL("n");

    private final String code;

    SortValue(String code) {
      this.code = code;
    }

    @Override
    public String code() {
      return code;
    }
  }

  private static final Pattern PLAIN = Pattern.compile("[a-z]+");

  /** The last line of the generated declarations. */
  static final String END = "-- (end of the generated declarations)\n";

  /**
   * Every constant the engine scripts may name, with its Lua literal, in order: one per enum
   * constant, named after its enum's table name and its own ({@code PLAN_AND = 'and'}), and the key
   * names {@code CHANGES_KEY}, {@code EXPIRING_KEY} and {@code MANIFEST_FIELD} ({@link KeyLayout}).
   */
  static Map<String, String> constants() {
    Map<String, String> constants = new LinkedHashMap<>();
    add(constants, "ENTRY", List.of(EntryOp.values()));
    add(constants, "PLAN", List.of(PlanOp.values()));
    add(constants, "FORM", List.of(Form.values()));
    add(constants, "CONDITION", List.of(Condition.values()));
    add(constants, "REFUSED", List.of(Refused.values()));
    add(constants, "MANIFEST_IN", List.of(ManifestIn.values()));
    add(constants, "EXPIRE", List.of(Expire.values()));
    add(constants, "CHANGE", List.of(Change.values()));
    add(constants, "EVENT", List.of(EventField.values()));
    constants.put("CHANGES_KEY", literal(KeyLayout.CHANGES));
    constants.put("EXPIRING_KEY", literal(KeyLayout.EXPIRING));
    constants.put("MANIFEST_FIELD", literal(KeyLayout.MANIFEST_FIELD));
    constants.put("SNAPSHOT_CHUNK", Integer.toString(SnapshotChunks.CHUNK));
    // a manifest's codes of compact entries (their bytes), and eachEntry's names for them
    constants.put("MANIFEST_COMPACT_VALUE", Integer.toString(Manifest.COMPACT_VALUE));
    constants.put("MANIFEST_COMPACT_SCORE", Integer.toString(Manifest.COMPACT_SCORE));
    constants.put("COMPACT_VALUE", "1");
    constants.put("COMPACT_SCORE", "2");
    constants.put("COMPACT_REFUSED", literal(" is a compact set, of the compact index layout; the model is configured"
        + " with the standard one: run migrate() to rebuild its index"));
    add(constants, "MODE", List.of(Mode.values()));
    add(constants, "SORT_INDEX", List.of(SortIndex.values()));
    add(constants, "DIRECTION", List.of(Direction.values()));
    add(constants, "SORT_VALUE", List.of(SortValue.values()));
    return constants;
  }

  /**
   * {@code script} as it runs: every constant it names ({@link #constants()}) replaced by its
   * literal, {@code ENTRY_ARITY(op)} (a local's name) by an expression of {@code op}'s arity ({@link
   * #arityOf}), after the declaration of {@code MANIFEST_FAMILY()} where it is named: a new table of
   * the key families of {@link Manifest}'s short form (the byte of a code → the start of the key's
   * name). Literals, not locals: a script runs its top level on every call, and a local that a
   * function names is an upvalue that every closure built of that function looks up (measured:
   * ~9,000 of a save's ~178,000 server instructions); a table built on every call costs more than
   * the comparisons that replace it (~2,500 of a plain save's ~132,000).
   */
  static String lua(String script) {
    StringBuilder lua = new StringBuilder()
        .append("-- Generated by EngineProtocol.java from its enums (EntryOp, PlanOp, …): the tables the\n")
        .append("-- script names; its constants are written as their literals.\n");
    Set<String> names = LuaFunctions.names(script);
    if (names.contains("MANIFEST_FAMILY")) {
      // a function, not a table: a script's top level runs on every call, most never parse a manifest
      lua.append("local function MANIFEST_FAMILY() return {");
      for (int f = 0; f < Manifest.FAMILIES.length; f++) {
        lua.append(f == 0 ? " " : ", ").append('[').append((int) Manifest.CODES.charAt(f)).append("] = '")
            .append(Manifest.FAMILIES[f]).append('\'');
      }
      lua.append(" } end\n");
    }
    lua.append(END);
    Matcher arity = ARITY.matcher(script);
    StringBuilder expanded = new StringBuilder(script.length());
    while (arity.find()) {
      arity.appendReplacement(expanded, Matcher.quoteReplacement(arityOf(arity.group(1))));
    }
    arity.appendTail(expanded);
    Matcher name = NAME.matcher(expanded);
    Map<String, String> constants = constants();
    StringBuilder inlined = new StringBuilder(script.length());
    while (name.find()) {
      String literal = constants.get(name.group());
      name.appendReplacement(inlined, Matcher.quoteReplacement(literal == null ? name.group() : literal));
    }
    name.appendTail(inlined);
    return lua.append(inlined).toString();
  }

  /** {@code ENTRY_ARITY(op)}: the arity of the entry op in the local {@code op}. */
  private static final Pattern ARITY = Pattern.compile("\\bENTRY_ARITY\\(([a-z][A-Za-z0-9_]*)\\)");

  /**
   * A Lua expression of the arity of the entry op held by the local {@code op}, {@code nil} for an
   * unknown one: {@code (op == 'id' and 0 or op == 'score' and 1 or … or nil)} (every arity is a
   * number, which Lua takes as true).
   */
  static String arityOf(String op) {
    StringBuilder expression = new StringBuilder("(");
    for (EntryOp entry : EntryOp.values()) {
      expression.append(op).append(" == '").append(code(entry)).append("' and ").append(entry.arity()).append(" or ");
    }
    return expression.append("nil)").toString();
  }

  /** A word that may be a constant's name. */
  private static final Pattern NAME = Pattern.compile("\\b[A-Z][A-Z_]*\\b");

  /** The constants of one enum, named {@code table_NAME}. */
  private static void add(Map<String, String> constants, String table, List<? extends ProtocolCode> values) {
    for (ProtocolCode constant : values) {
      constants.put(table + "_" + constant.name(), literal(code(constant)));
    }
  }

  private static String literal(String text) {
    return "'" + text + "'";
  }

  /** The code, checked to be a plain word: it becomes part of the Lua source. */
  private static String code(ProtocolCode constant) {
    String code = constant.code();
    if (!PLAIN.matcher(code).matches()) {
      throw new IllegalStateException("a protocol code must be a lower-case word: " + code);
    }
    return code;
  }
}
