package dev.rekord.processor.generate;

import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.ScalarKind;
import dev.rekord.processor.model.ValueType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The fingerprint of a model's index: the first 16 hex characters of the SHA-256 of a canonical
 * text of the definition. It changes exactly when the index must be rebuilt (a field added,
 * removed, moved, or its kind, sort order, case sensitivity, multiplicity or scoring changed; a
 * compound index added, removed or changed), and never
 * with anything else (component order aside, which is the field order of the index).
 */
final class Fingerprint {
  private Fingerprint() {}

  /**
   * Versions the canonical text: bump it when the way a definition becomes an index changes, so
   * every index is rebuilt once.
   */
  private static final String FORMAT = "rekord-index/1";

  static String of(ModelDescription model) {
    return digest(canonicalText(model, IndexedField.of(model), IndexedCompound.of(model)));
  }

  /**
   * One line per fact, fields in index order, then compound indexes (none: no line, so a model
   * without them keeps its fingerprint); exposed for tests.
   */
  static String canonicalText(ModelDescription model, List<IndexedField> fields, List<IndexedCompound> compounds) {
    StringBuilder text = new StringBuilder(FORMAT).append('\n');
    text.append("name=").append(IndexedField.indexName(model)).append('\n');
    text.append("prefix=").append(model.keyPrefix()).append('\n');
    text.append("storage=").append(model.storage().name()).append('\n');
    for (IndexedField field : fields) {
      text.append("field=")
          .append(field.path().storedPath())
          .append('|')
          .append(field.spec().kind().name())
          .append("|sortable=")
          .append(field.spec().sortable())
          .append("|caseSensitive=")
          .append(field.spec().caseSensitive())
          .append("|multiValued=")
          .append(field.path().multiValued())
          .append(scoring(field))
          .append(vector(field))
          // only when given, so the fingerprint of an unstemmed text stays as it was
          .append(field.spec().stemming() == null ? "" : "|stemming=" + field.spec().stemming())
          .append('\n');
    }
    for (IndexedCompound compound : compounds) {
      text.append("compound=").append(compound.name()).append('\n');
    }
    return text.toString();
  }

  /**
   * How a numeric field's values become scores, where that is not the number itself: {@code
   * |score=LOCAL_DATE} (epoch day) differs from {@code |score=LOCAL_DATE_TIME} (epoch microsecond),
   * so changing a component's type between them rebuilds the index. Nothing for numbers and other
   * kinds, whose lines stay as they were.
   */
  private static String scoring(IndexedField field) {
    if (field.spec().kind() == IndexKind.NUMERIC
        && field.path().property().type() instanceof ValueType.Scalar scalar
        && scalar.kind().family() != ScalarKind.Family.NUMBER) {
      return "|score=" + scalar.kind().name();
    }
    return "";
  }

  /** A vector's settings, {@code |vector=384,COSINE,FLAT}; nothing for other kinds, whose lines stay as they were. */
  private static String vector(IndexedField field) {
    IndexSpec.VectorSpec vector = field.spec().vector();
    if (vector == null) {
      return "";
    }
    String line = "|vector=" + vector.dimensions() + "," + vector.distance() + "," + vector.algorithm();
    // the HNSW settings only when given, so the fingerprint of an untuned vector stays as it was
    return vector.tuned() ? line + ",m=" + vector.m() + ",efc=" + vector.efConstruction() + ",efr="
        + vector.efRuntime() : line;
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
