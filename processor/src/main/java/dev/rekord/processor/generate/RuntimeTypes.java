package dev.rekord.processor.generate;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;

/**
 * The runtime (and JDK) types generated code names. The processor does not depend on the runtime
 * module, so every runtime type is named here, once, by its qualified name.
 */
final class RuntimeTypes {
  private RuntimeTypes() {}

  /** The processor named in {@code @Generated}. */
  static final String PROCESSOR = "dev.rekord.processor.RekordProcessor";

  static final ClassName GENERATED = ClassName.get("javax.annotation.processing", "Generated");

  static final ClassName REKORD = ClassName.get("dev.rekord", "Rekord");
  static final ClassName STORAGE = ClassName.get("dev.rekord.annotations", "Storage");

  static final ClassName DOCUMENT_CODEC = ClassName.get("dev.rekord.model", "DocumentCodec");
  static final ClassName HASH_READER = ClassName.get("dev.rekord.codec", "HashReader");
  static final ClassName HASH_WRITER = ClassName.get("dev.rekord.codec", "HashWriter");
  static final ClassName JSON_READER = ClassName.get("dev.rekord.codec", "JsonReader");
  static final ClassName JSON_WRITER = ClassName.get("dev.rekord.codec", "JsonWriter");
  static final ClassName RECORD_CODEC = ClassName.get("dev.rekord.codec", "RecordCodec");
  static final ClassName VALUE_CODEC = ClassName.get("dev.rekord.codec", "ValueCodec");
  static final ClassName VALUE_CODECS = ClassName.get("dev.rekord.codec", "ValueCodecs");

  static final ClassName INDEX_SINK = ClassName.get("dev.rekord.model", "IndexSink");

  static final ClassName ATTRIBUTE = ClassName.get("dev.rekord.query", "Attribute");
  static final ClassName COLLECTION_FIELD = ClassName.get("dev.rekord.metamodel", "CollectionField");
  static final ClassName COMPARABLE_FIELD = ClassName.get("dev.rekord.metamodel", "ComparableField");
  static final ClassName DATE_FIELD = ClassName.get("dev.rekord.metamodel", "DateField");
  static final ClassName GEO_FIELD = ClassName.get("dev.rekord.metamodel", "GeoField");
  static final ClassName VECTOR_FIELD = ClassName.get("dev.rekord.metamodel", "VectorField");
  static final ClassName VECTOR = ClassName.get("dev.rekord.annotations", "Vector");
  static final ClassName TEXT = ClassName.get("dev.rekord.annotations", "Text");
  static final ClassName NUMERIC_FIELD = ClassName.get("dev.rekord.metamodel", "NumericField");
  static final ClassName SORTABLE_COMPARABLE_FIELD = ClassName.get("dev.rekord.metamodel", "SortableComparableField");
  static final ClassName SORTABLE_DATE_FIELD = ClassName.get("dev.rekord.metamodel", "SortableDateField");
  static final ClassName SORTABLE_NUMERIC_FIELD = ClassName.get("dev.rekord.metamodel", "SortableNumericField");
  static final ClassName SORTABLE_STRING_FIELD = ClassName.get("dev.rekord.metamodel", "SortableStringField");
  static final ClassName SORTABLE_TAG_FIELD = ClassName.get("dev.rekord.metamodel", "SortableTagField");
  static final ClassName STRING_FIELD = ClassName.get("dev.rekord.metamodel", "StringField");
  static final ClassName TAG_FIELD = ClassName.get("dev.rekord.metamodel", "TagField");
  static final ClassName TEXT_FIELD = ClassName.get("dev.rekord.metamodel", "TextField");

  static final ClassName COMPOUND_INDEX = ClassName.get("dev.rekord.model", "CompoundIndex");
  static final ClassName ID_KIND = ClassName.get("dev.rekord.model", "IdKind");
  static final ClassName INDEX_DEFINITION = ClassName.get("dev.rekord.model", "IndexDefinition");
  static final ClassName INDEX_FIELD = ClassName.get("dev.rekord.model", "IndexField");
  static final ClassName REKORD_MODEL = ClassName.get("dev.rekord.model", "RekordModel");

  static final ClassName REKORD_REPOSITORY = ClassName.get("dev.rekord", "RekordRepository");

  static final ClassName CACHE = ClassName.get("dev.rekord.cache", "Cache");
  static final ClassName CACHE_KEY = ClassName.get("dev.rekord.cache", "CacheKey");
  static final ClassName VALUE_TYPE = ClassName.get("dev.rekord.values", "ValueType");

  static final ClassName DURATION = ClassName.get("java.time", "Duration");
  static final ClassName IO_EXCEPTION = ClassName.get("java.io", "IOException");
  static final ClassName LIST = ClassName.get("java.util", "List");
  static final ClassName MAP = ClassName.get("java.util", "Map");
  static final ClassName SET = ClassName.get("java.util", "Set");
  static final ClassName UUID = ClassName.get("java.util", "UUID");

  /** {@code @Generated("dev.rekord.processor.RekordProcessor")}, deliberately without a date. */
  static AnnotationSpec generatedAnnotation() {
    return AnnotationSpec.builder(GENERATED).addMember("value", "$S", PROCESSOR).build();
  }
}
