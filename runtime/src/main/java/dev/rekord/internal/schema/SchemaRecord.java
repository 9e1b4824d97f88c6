package dev.rekord.internal.schema;

import dev.rekord.model.CompoundIndex;
import dev.rekord.model.IndexDefinition;
import dev.rekord.model.IndexField;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What Redis knows of one model's index: the hash {@code rekord:schema:<prefix>}.
 *
 * @param fingerprint the fingerprint of the index definition the index was built for
 * @param buckets the model's number of buckets; fixed when the record is created
 * @param state {@link State#READY}, or {@link State#BUILDING} during a rebuild
 * @param target during a rebuild, the fingerprint being built; else {@code null}
 * @param definition the indexed fields (and compound indexes) as text, for people ({@code city TAG
 *     case-sensitive; …; compound city+age})
 * @param updated when the record last changed
 * @param layout the portable engine's key layout the index was built with ({@link
 *     dev.rekord.internal.engine.portable.KeyLayout#LAYOUT_VERSION}); 0 when the record names none
 *     (no release wrote such a record), so {@code migrate()} rebuilds the index
 */
public record SchemaRecord(
    String fingerprint, int buckets, State state, String target, String definition, Instant updated,
    int layout) {

  /** Whether an index is usable or being rebuilt. */
  public enum State {
    READY,
    BUILDING;

    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** The key of the record of the model with key prefix {@code prefix}. */
  public static String key(String prefix) {
    return "rekord:schema:" + prefix;
  }

  /**
   * Whether queries can use the index for a model whose definition has {@code fingerprint}: it is
   * ready, built for that fingerprint and with the key layout of version {@code layoutVersion} (the
   * model's: {@code SchemaStore.layoutVersion}).
   */
  public boolean servesFingerprint(String modelFingerprint, int layoutVersion) {
    return state == State.READY && fingerprint.equals(modelFingerprint) && layout == layoutVersion;
  }

  /** The readable text of a definition's fields, as stored in {@code definition}. */
  public static String describe(IndexDefinition definition) {
    List<String> fields = new ArrayList<>();
    for (IndexField field : definition.fields()) {
      StringBuilder text = new StringBuilder(field.path()).append(' ').append(field.kind());
      if (field.sortable()) {
        text.append(" sortable");
      }
      if (field.caseSensitive()) {
        text.append(" case-sensitive");
      }
      if (field.multiValued()) {
        text.append(" multi-valued");
      }
      fields.add(text.toString());
    }
    for (CompoundIndex compound : definition.compounds()) {
      fields.add("compound " + compound.name());
    }
    return String.join("; ", fields);
  }

  Map<String, String> toHash() {
    Map<String, String> hash = new LinkedHashMap<>();
    hash.put("fingerprint", fingerprint);
    hash.put("buckets", Integer.toString(buckets));
    hash.put("state", state.text());
    if (target != null) {
      hash.put("target", target);
    }
    hash.put("definition", definition);
    hash.put("updated", updated.toString());
    hash.put("layout", Integer.toString(layout));
    return hash;
  }

  /**
   * The record stored as {@code hash}.
   *
   * @throws dev.rekord.exception.SchemaMismatchException when the hash is not a schema record
   */
  static SchemaRecord fromHash(String key, Map<String, String> hash) {
    try {
      return new SchemaRecord(
          require(key, hash, "fingerprint"),
          Integer.parseInt(require(key, hash, "buckets")),
          State.valueOf(require(key, hash, "state").toUpperCase(java.util.Locale.ROOT)),
          hash.get("target"),
          hash.getOrDefault("definition", ""),
          hash.containsKey("updated") ? Instant.parse(hash.get("updated")) : Instant.EPOCH,
          hash.containsKey("layout") ? Integer.parseInt(hash.get("layout")) : 0);
    } catch (RuntimeException e) {
      if (e instanceof dev.rekord.exception.SchemaMismatchException mismatch) {
        throw mismatch;
      }
      throw new dev.rekord.exception.SchemaMismatchException(
          "the schema record " + key + " cannot be read: " + e.getMessage() + "; found " + hash);
    }
  }

  private static String require(String key, Map<String, String> hash, String field) {
    String value = hash.get(field);
    if (value == null) {
      throw new dev.rekord.exception.SchemaMismatchException(
          "the schema record " + key + " has no " + field + "; found " + hash);
    }
    return value;
  }
}
