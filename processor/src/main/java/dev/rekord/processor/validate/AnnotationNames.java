package dev.rekord.processor.validate;

import java.util.Set;

/**
 * Qualified names of the annotations and types the processor looks for. Types of the runtime are
 * named, never referenced: the processor does not depend on the runtime module.
 */
public final class AnnotationNames {
  static final String REDIS_MODEL = "dev.rekord.annotations.RedisModel";
  static final String ID = "dev.rekord.annotations.Id";
  static final String VERSION = "dev.rekord.annotations.Version";
  static final String FIELD_NAME = "dev.rekord.annotations.FieldName";
  static final String INDEXED = "dev.rekord.annotations.Indexed";
  static final String TAG = "dev.rekord.annotations.Tag";
  static final String NUMERIC = "dev.rekord.annotations.Numeric";
  static final String TEXT = "dev.rekord.annotations.Text";
  static final String GEO = "dev.rekord.annotations.Geo";
  static final String VECTOR = "dev.rekord.annotations.Vector";
  static final String SORTABLE = "dev.rekord.annotations.Sortable";
  static final String COMPOUND_INDEX = "dev.rekord.annotations.CompoundIndex";
  static final String COMPOUND_INDEXES = "dev.rekord.annotations.CompoundIndexes";
  static final String GENERATED = "javax.annotation.processing.Generated";
  public static final String CACHED = "dev.rekord.annotations.Cached";

  /** Every annotation a model is written with: what Rekord's processors read, and claim. */
  public static final Set<String> MODEL_ANNOTATIONS = Set.of(
      REDIS_MODEL, ID, VERSION, FIELD_NAME, INDEXED, TAG, NUMERIC, TEXT, GEO, VECTOR, SORTABLE,
      COMPOUND_INDEX, COMPOUND_INDEXES, CACHED);

  private AnnotationNames() {}
}
