package dev.rekord.processor.validate;

/**
 * Qualified names of the annotations and types the processor looks for. Types of the runtime are
 * named, never referenced: the processor does not depend on the runtime module.
 */
final class AnnotationNames {
  static final String REDIS_MODEL = "dev.rekord.annotations.RedisModel";
  static final String ID = "dev.rekord.annotations.Id";
  static final String VERSION = "dev.rekord.annotations.Version";
  static final String FIELD_NAME = "dev.rekord.annotations.FieldName";
  static final String INDEXED = "dev.rekord.annotations.Indexed";
  static final String TAG = "dev.rekord.annotations.Tag";
  static final String NUMERIC = "dev.rekord.annotations.Numeric";
  static final String TEXT = "dev.rekord.annotations.Text";
  static final String GEO = "dev.rekord.annotations.Geo";
  static final String SORTABLE = "dev.rekord.annotations.Sortable";
  static final String COMPOUND_INDEX = "dev.rekord.annotations.CompoundIndex";
  static final String COMPOUND_INDEXES = "dev.rekord.annotations.CompoundIndexes";
  static final String GENERATED = "javax.annotation.processing.Generated";

  private AnnotationNames() {}
}
