package dev.rekord.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.ScalarKind;
import dev.rekord.processor.model.ValueType;

/**
 * Chooses the metamodel field class of one component by index kind and type, so a query that makes
 * no sense for the component does not compile: TAG on {@code String} → {@code StringField}, TAG on
 * another scalar → {@code TagField}, any index on a collection (or a tag inside a collection of
 * records) → {@code CollectionField}, NUMERIC → {@code NumericField}, {@code DateField} or {@code
 * ComparableField} (for {@code Duration}, {@code MonthDay}, {@code ZoneOffset}), TEXT → {@code
 * TextField}, GEO → {@code GeoField}, VECTOR → {@code VectorField}, not indexed → {@code Attribute}. A sortable tag or number gets
 * the sortable variant ({@code SortableStringField}, {@code SortableNumericField}, …), the only
 * fields with {@code asc()} and {@code desc()}, so a sort by a field without a sort order does not
 * compile.
 */
final class MetamodelFields {
  private MetamodelFields() {}

  /**
   * A field's declared type and initializer.
   *
   * @param type e.g. {@code StringField<Member>}
   * @param initializer e.g. {@code new StringField<>(MemberIndex.CITY, ValueCodecs.STRING)}
   */
  record Field(TypeName type, CodeBlock initializer) {}

  static Field of(ClassName root, FieldPath path, CodecConstants codecs, ClassName indexClass, IndexedField indexed) {
    ValueType type = path.property().type();
    CodeBlock codec = codecs.qualifiedReference(type);
    TypeName value = CodecConstants.codecValueType(type);
    if (indexed == null) {
      return new Field(
          ParameterizedTypeName.get(RuntimeTypes.ATTRIBUTE, root, value),
          CodeBlock.of("new $T<>($S, $L)", RuntimeTypes.ATTRIBUTE, path.storedPath(), codec));
    }
    TypeName fieldType = indexedType(root, type, value, path.inCollection(), indexed.spec());
    ClassName raw = fieldType instanceof ParameterizedTypeName parameterized ? parameterized.rawType() : (ClassName) fieldType;
    return new Field(fieldType, CodeBlock.of("new $T<>($T.$N, $L)", raw, indexClass, indexed.constant(), codec));
  }

  private static TypeName indexedType(ClassName root, ValueType type, TypeName value, boolean inCollection, IndexSpec spec) {
    if (type instanceof ValueType.CollectionValue collection) {
      TypeName element = CodecConstants.codecValueType(collection.element());
      return ParameterizedTypeName.get(RuntimeTypes.COLLECTION_FIELD, root, element, value);
    }
    ScalarKind.Family family = type instanceof ValueType.Scalar scalar ? scalar.kind().family() : ScalarKind.Family.TAG;
    boolean sortable = spec.sortable();
    return switch (spec.kind()) {
      case TAG -> {
        if (inCollection) {
          yield ParameterizedTypeName.get(RuntimeTypes.COLLECTION_FIELD, root, value, value);
        }
        boolean string = type instanceof ValueType.Scalar scalar && scalar.kind() == ScalarKind.STRING;
        yield string
            ? ParameterizedTypeName.get(sortable ? RuntimeTypes.SORTABLE_STRING_FIELD : RuntimeTypes.STRING_FIELD, root)
            : ParameterizedTypeName.get(sortable ? RuntimeTypes.SORTABLE_TAG_FIELD : RuntimeTypes.TAG_FIELD, root, value);
      }
      case NUMERIC -> switch (family) {
        case NUMBER -> ParameterizedTypeName.get(sortable ? RuntimeTypes.SORTABLE_NUMERIC_FIELD : RuntimeTypes.NUMERIC_FIELD, root, value);
        case TEMPORAL -> ParameterizedTypeName.get(sortable ? RuntimeTypes.SORTABLE_DATE_FIELD : RuntimeTypes.DATE_FIELD, root, value);
        case ORDERED -> ParameterizedTypeName.get(
            sortable ? RuntimeTypes.SORTABLE_COMPARABLE_FIELD : RuntimeTypes.COMPARABLE_FIELD, root, value);
        default -> throw new IllegalArgumentException("a " + type.typeName() + " cannot be indexed as NUMERIC");
      };
      case TEXT -> ParameterizedTypeName.get(RuntimeTypes.TEXT_FIELD, root, value);
      case GEO -> ParameterizedTypeName.get(RuntimeTypes.GEO_FIELD, root);
      case VECTOR -> ParameterizedTypeName.get(RuntimeTypes.VECTOR_FIELD, root);
    };
  }
}
