package dev.rekord.processor.validate;

import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.ScalarKind;
import dev.rekord.processor.model.ValueType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/** The index-kind annotations, and which single values each of them can index. */
enum IndexAnnotation {
  INDEXED(AnnotationNames.INDEXED,
      "strings, enums, booleans, chars, UUIDs, numbers, dates, times, durations, periods, zones and GeoPoints"),
  TAG(AnnotationNames.TAG, "strings, enums, booleans, chars, UUIDs, periods, zone ids and integral numbers"),
  NUMERIC(AnnotationNames.NUMERIC, "numbers, dates, times, durations and zone offsets"),
  TEXT(AnnotationNames.TEXT, "strings"),
  GEO(AnnotationNames.GEO, "GeoPoints"),
  VECTOR(AnnotationNames.VECTOR, "float[] embeddings");

  private static final Set<ScalarKind> INTEGRAL =
      EnumSet.of(ScalarKind.BYTE, ScalarKind.SHORT, ScalarKind.INT, ScalarKind.LONG, ScalarKind.BIG_INTEGER);

  private final String qualifiedName;
  private final String indexes;

  IndexAnnotation(String qualifiedName, String indexes) {
    this.qualifiedName = qualifiedName;
    this.indexes = indexes;
  }

  static Optional<IndexAnnotation> of(AnnotationMirror mirror) {
    TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
    for (IndexAnnotation annotation : values()) {
      if (type.getQualifiedName().contentEquals(annotation.qualifiedName)) {
        return Optional.of(annotation);
      }
    }
    return Optional.empty();
  }

  /** What it indexes, for messages: "strings, enums, …". */
  String indexes() {
    return indexes;
  }

  /** {@code @Tag}, for messages. */
  String displayName() {
    return "@" + qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1);
  }

  /** The index kind for one value of {@code type}, or empty if this annotation cannot index it. */
  Optional<IndexKind> kindFor(ValueType type) {
    if (type instanceof ValueType.EnumValue) {
      return this == INDEXED || this == TAG ? Optional.of(IndexKind.TAG) : Optional.empty();
    }
    if (!(type instanceof ValueType.Scalar scalar)) {
      return Optional.empty();
    }
    ScalarKind.Family family = scalar.kind().family();
    boolean numberLike = family == ScalarKind.Family.NUMBER
        || family == ScalarKind.Family.TEMPORAL
        || family == ScalarKind.Family.ORDERED;
    return Optional.ofNullable(switch (this) {
      case INDEXED -> family == ScalarKind.Family.TAG ? IndexKind.TAG
          : numberLike ? IndexKind.NUMERIC
          : family == ScalarKind.Family.GEO ? IndexKind.GEO
          : null;
      case TAG -> family == ScalarKind.Family.TAG || INTEGRAL.contains(scalar.kind()) ? IndexKind.TAG : null;
      case NUMERIC -> numberLike ? IndexKind.NUMERIC : null;
      case TEXT -> scalar.kind() == ScalarKind.STRING ? IndexKind.TEXT : null;
      case GEO -> family == ScalarKind.Family.GEO ? IndexKind.GEO : null;
      case VECTOR -> family == ScalarKind.Family.VECTOR ? IndexKind.VECTOR : null;
    });
  }

  /** Whether the resulting index may hold several values per document (tags and text can). */
  static boolean allowsMultipleValues(IndexKind kind) {
    return kind == IndexKind.TAG || kind == IndexKind.TEXT;
  }
}
