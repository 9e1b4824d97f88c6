package dev.rekord.internal.engine.search;

import dev.rekord.annotations.Text;
import dev.rekord.exception.QueryException;
import dev.rekord.internal.engine.portable.KeyLayout;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.IndexField;
import dev.rekord.model.IndexKind;
import dev.rekord.model.VectorIndex;
import java.util.ArrayList;
import java.util.List;

/**
 * What the search engine stores and indexes for one model. The document's own hash fields stay as
 * the codec writes them, and where their stored form is the one the Query Engine needs the index
 * reads them directly: a single point ({@code lon,lat}, the codec's form) and a single stemmed
 * text (the text as written). Beside them a save writes <em>index fields</em>, named {@code
 * __rk.…}, only where the engine needs another form, the one the portable engine compares (so both
 * engines answer alike): tags and words as {@link Hex}, numbers as their portable score (dates as
 * epoch days, instants as epoch microseconds, …), the coordinates Redis GEO cells decode to. Every
 * attribute of the {@code FT.CREATE} schema has a short name ({@code t3}: the tag values of the
 * fourth indexed field), so user paths never appear in a query.
 *
 * <table>
 *   <caption>Hash fields indexed for the indexed field at position i, path p</caption>
 *   <tr><th>hash field</th><th>attribute</th><th>type</th><th>holds</th></tr>
 *   <tr><td>{@code __rk.t.p}</td><td>{@code ti}</td><td>TAG</td><td>tag values (folded when
 *       case-insensitive); SORTABLE when the field keeps a sort order</td></tr>
 *   <tr><td>{@code __rk.p.p}</td><td>{@code pi}</td><td>TAG</td><td>every proper prefix of the
 *       values up to {@value Hex#MAX_PREFIX_BYTES} bytes, for {@code startsWith} (which also
 *       matches {@code ti}: a value is not stored twice)</td></tr>
 *   <tr><td>{@code __rk.n.p}</td><td>{@code ni}</td><td>NUMERIC</td><td>the score</td></tr>
 *   <tr><td>{@code __rk.w.p}, {@code __rk.wp.p}</td><td>{@code wi}, {@code wpi}</td><td>TAG</td>
 *       <td>the words of a text (the portable tokens) and their proper prefixes</td></tr>
 *   <tr><td>{@code p} (one text), {@code __rk.s.p} (several, one per line)</td><td>{@code si}</td>
 *       <td>TEXT</td><td>a stemmed text as written ({@code @Text(stemming = …)} only), in the
 *       index's {@code LANGUAGE}</td></tr>
 *   <tr><td>{@code __rk.sr.p}</td><td>{@code sri}</td><td>TEXT</td><td>the rest of one stemmed
 *       text past its first U+0000, where the Query Engine stops reading {@code p} (only for such a
 *       text; the values of {@code __rk.s.p} have their U+0000s written as line breaks)</td></tr>
 *   <tr><td>{@code p} (one point), {@code __rk.g.p} (several); {@code __rk.gx.p}, {@code
 *       __rk.gy.p}</td><td>{@code gi}; {@code gxi}, {@code gyi}</td><td>GEO; NUMERIC</td><td>the
 *       point; its cell's longitude and latitude for boxes</td></tr>
 *   <tr><td>{@code __rk.v.p}</td><td>{@code vi}</td><td>VECTOR</td><td>the vector's FLOAT32
 *       little-endian bytes (FLAT or HNSW, its dimensions and distance)</td></tr>
 *   <tr><td>{@code __rk.null}</td><td>{@code rknull}</td><td>TAG</td><td>the positions of the
 *       fields recorded null ({@code f3})</td></tr>
 *   <tr><td>{@code __rk.id}</td><td>{@code rkid}</td><td>TAG SORTABLE UNF NOINDEX</td><td>the id
 *       as written: ties and unsorted results in id order (a sort key only, never searched, so no
 *       index of its own)</td></tr>
 *   <tr><td>{@code __rk.exp}</td><td>{@code rkexp}</td><td>NUMERIC</td><td>when the document
 *       expires (epoch ms), so expired documents that Redis has not yet removed are never
 *       returned; absent for a document that never expires</td></tr>
 * </table>
 */
final class SearchSchema {

  /**
   * Bumped when the index fields change form: every search index is then rebuilt once. 2: the
   * codec's own fields indexed where they have the form needed, raw ids, no whole value among the
   * prefixes, no expiry stored for documents that never expire. 3: a stemmed text's words past a
   * U+0000 indexed too ({@code __rk.sr.<path>}), which the Query Engine's reading of a field ends at.
   */
  static final int FORMAT = 3;

  static final String FIELD_PREFIX = "__rk.";
  static final String ID = FIELD_PREFIX + "id";
  static final String EXPIRES = FIELD_PREFIX + "exp";
  static final String NULLS = FIELD_PREFIX + "null";

  private final IndexDefinition definition;
  private final KeyLayout layout;

  /** The names of the index's attributes, each after an {@code AS} of {@link #createArguments()}. */
  private final java.util.Set<String> attributes = new java.util.HashSet<>();

  SearchSchema(IndexDefinition definition, KeyLayout layout) {
    this.definition = definition;
    this.layout = layout;
    List<String> args = createArguments();
    for (int i = args.indexOf("SCHEMA") + 1; i + 1 < args.size(); i++) {
      if (args.get(i).equals("AS")) {
        attributes.add(args.get(++i));
      }
    }
  }

  IndexDefinition definition() {
    return definition;
  }

  KeyLayout layout() {
    return layout;
  }

  /** The alias queries use: it always names a complete index. */
  String alias() {
    return alias(null);
  }

  /** The index of this definition: versioned by format and fingerprint, behind {@link #alias()}. */
  String indexName() {
    return indexName(null);
  }

  /**
   * The alias on a cluster node whose index names carry {@code tag} ({@code rekord:{tag}:Member}:
   * a node serves an {@code FT.*} command only when the name's slot is its own); {@code null}: no
   * tag, as on a standalone server.
   */
  String alias(String tag) {
    return tag == null ? "rekord:" + definition.name() : tagged(tag) + definition.name();
  }

  /** The index of this definition behind {@link #alias(String)}. */
  String indexName(String tag) {
    return alias(tag) + ":" + FORMAT + ":" + definition.fingerprint();
  }

  /** What the names of this model's indexes on a cluster node start with, before the model's name. */
  static String tagged(String tag) {
    return "rekord:{" + tag + "}:";
  }

  /** The tag of {@code index} when it is an index of this model on a cluster node, else {@code null}. */
  String tagOf(String index) {
    int open = "rekord:{".length();
    int close = index.indexOf('}');
    if (!index.startsWith("rekord:{") || close < open) {
      return null;
    }
    String tag = index.substring(open, close);
    return index.startsWith(alias(tag) + ":") ? tag : null;
  }

  /** The position of {@code field} among the definition's fields. */
  int position(IndexField field) {
    int position = definition.fields().indexOf(field);
    if (position < 0) {
      throw new QueryException("the field " + field.path() + " is not in the index of " + definition.name());
    }
    return position;
  }

  /** The code of a stemmed text's index field: {@code __rk.s.<path>} holds the text as written. */
  static final String STEMMED_CODE = "s";

  /**
   * The code of the index field holding the rest of a single stemmed text past its first U+0000
   * ({@code __rk.sr.<path>}, its U+0000s as line breaks): the Query Engine reads a hash field as a
   * C string, so the codec's own field is indexed only up to there. Written only for such a text.
   */
  static final String STEMMED_REST_CODE = "sr";

  /**
   * {@code LANGUAGE <name>} of the model's stemmed texts, which {@code FT.CREATE} indexes them in
   * and queries stem their words in; empty when no text is stemmed.
   */
  List<String> language() {
    Text.Language language = definition.stemming();
    return language == Text.Language.NONE ? List.of()
        : List.of("LANGUAGE", language.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The code of a vector's index field: {@code __rk.v.<path>} holds its FLOAT32 little-endian blob. */
  static final String VECTOR_CODE = "v";

  /** The attribute a KNN query names for {@code field}: {@code v<position>}. */
  String vectorAttribute(IndexField field) {
    return VECTOR_CODE + position(field);
  }

  static String hashField(String code, IndexField field) {
    return FIELD_PREFIX + code + "." + field.path();
  }

  /**
   * Whether the index reads the codec's own hash field of {@code field}: one value (not a
   * collection, which the codec stores as JSON) whose stored form is the one the Query Engine
   * needs, so a save writes no copy of it.
   */
  static boolean direct(IndexField field) {
    return !field.multiValued() && (field.kind() == IndexKind.GEO || field.kind() == IndexKind.TEXT && field.stemmed());
  }

  /** The hash field of a stemmed text's attribute: the codec's own for one text ({@link #direct}). */
  static String stemmedField(IndexField field) {
    return direct(field) ? field.path() : hashField(STEMMED_CODE, field);
  }

  /** The hash field of a point's attribute: the codec's own ({@code lon,lat}) for one point ({@link #direct}). */
  static String geoField(IndexField field) {
    return direct(field) ? field.path() : hashField("g", field);
  }

  /**
   * Whether {@code name} is the name of an attribute of the index: a query that loads or returns a
   * hash field of that name reads the attribute's field instead.
   */
  boolean isAttribute(String name) {
    return attributes.contains(name);
  }

  /** The {@code FT.CREATE} arguments of {@code index} (after its name). */
  List<String> createArguments() {
    List<String> args = new ArrayList<>(List.of("ON", "HASH", "PREFIX", Integer.toString(layout.buckets())));
    for (int b = 0; b < layout.buckets(); b++) {
      args.add(layout.bucket(b).documentPrefix());
    }
    if (definition.stemming() != Text.Language.NONE) {
      args.addAll(language());
    }
    args.addAll(List.of("STOPWORDS", "0", "SCHEMA"));
    args.addAll(List.of(ID, "AS", "rkid", "TAG", "SORTABLE", "UNF", "NOINDEX"));
    attribute(args, EXPIRES, "rkexp", "NUMERIC", false);
    attribute(args, NULLS, "rknull", "TAG", false);
    List<IndexField> fields = definition.fields();
    for (int i = 0; i < fields.size(); i++) {
      IndexField field = fields.get(i);
      boolean sortable = field.sortable() && !field.multiValued();
      switch (field.kind()) {
        case TAG -> {
          attribute(args, hashField("t", field), "t" + i, "TAG", sortable);
          attribute(args, hashField("p", field), "p" + i, "TAG", false);
        }
        case NUMERIC -> attribute(args, hashField("n", field), "n" + i, "NUMERIC", sortable);
        case TEXT -> {
          attribute(args, hashField("w", field), "w" + i, "TAG", false);
          attribute(args, hashField("wp", field), "wp" + i, "TAG", false);
          if (field.stemmed()) { // the text itself, stemmed by the Query Engine in the index's LANGUAGE
            attribute(args, stemmedField(field), STEMMED_CODE + i, "TEXT", false);
            attribute(args, hashField(STEMMED_REST_CODE, field), STEMMED_REST_CODE + i, "TEXT", false);
          }
        }
        case GEO -> {
          attribute(args, geoField(field), "g" + i, "GEO", false);
          attribute(args, hashField("gx", field), "gx" + i, "NUMERIC", false);
          attribute(args, hashField("gy", field), "gy" + i, "NUMERIC", false);
        }
        case VECTOR -> {
          args.addAll(List.of(hashField(VECTOR_CODE, field), "AS", vectorAttribute(field), "VECTOR",
              field.vector().algorithm().name()));
          args.addAll(vectorAttributes(field.vector()));
        }
      }
    }
    return args;
  }

  /**
   * The count and attributes of a {@code VECTOR} field: type, dimensions and distance, then the
   * HNSW settings the model gives (the others are left to the Query Engine's defaults).
   */
  static List<String> vectorAttributes(VectorIndex vector) {
    List<String> attributes = new ArrayList<>(List.of("TYPE", "FLOAT32", "DIM", Integer.toString(vector.dimensions()),
        "DISTANCE_METRIC", vector.distance().name()));
    setting(attributes, "M", vector.m());
    setting(attributes, "EF_CONSTRUCTION", vector.efConstruction());
    setting(attributes, "EF_RUNTIME", vector.efRuntime());
    attributes.add(0, Integer.toString(attributes.size()));
    return attributes;
  }

  private static void setting(List<String> attributes, String name, int value) {
    if (value != VectorIndex.DEFAULT) {
      attributes.add(name);
      attributes.add(Integer.toString(value));
    }
  }

  private static void attribute(List<String> args, String hashField, String name, String type, boolean sortable) {
    args.addAll(List.of(hashField, "AS", name, type));
    if (type.equals("TAG")) {
      args.addAll(List.of("SEPARATOR", ","));
    }
    if (sortable) {
      args.add("SORTABLE");
    }
  }

  /** Whether the kind of {@code field} keeps a sort order this engine can sort by. */
  static boolean sortsBy(IndexField field) {
    return field.kind() == IndexKind.TAG || field.kind() == IndexKind.NUMERIC;
  }
}
