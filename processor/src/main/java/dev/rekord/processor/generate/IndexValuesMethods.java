package dev.rekord.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.TypeName;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * {@code indexValues} of a model's codec: one {@code IndexSink} call per indexed field, in
 * declaration order, naming the {@code MemberIndex} constants of {@link IndexedField}.
 *
 * <p>Helpers, named after the component path ({@code indexAddress}, {@code indexMemberships}),
 * take what is not a single value: an embedded record, a collection of records, and a collection
 * of strings indexed as text (the runtime has {@code tags} but no {@code texts}). Only components
 * with an indexed field at or below them are visited.
 *
 * <p>Then one {@code IndexSink.compound} call per compound index, with the values of its fields
 * ({@code null} through a {@code null} embedded record; the runtime writes no entry when one is
 * {@code null}).
 *
 * <p>Nulls. A single-valued field, and every field below a {@code null} embedded record, is
 * recorded as absent, so {@code isNull} finds it. A multi-valued field (a collection, or inside a
 * collection of records) is absent when the collection is {@code null} or empty; inside it, like
 * {@code IndexSink.tags}, {@code null} elements and {@code null} values are skipped, so a
 * document is never both absent and present on one field.
 */
final class IndexValuesMethods {

  /** The method of {@code DocumentCodec} this class writes. */
  static final String INDEX_VALUES = "indexValues";

  private final ModelDescription model;
  private final ClassName index;
  private final List<IndexedField> fields;
  private final List<MethodSpec> helpers = new ArrayList<>();
  private final NameAllocator methodNames = new NameAllocator();

  private IndexValuesMethods(ModelDescription model) {
    this.model = model;
    this.index = model.generated("Index");
    this.fields = IndexedField.of(model);
    for (String reserved : List.of("toHash", "fromHash", "toJson", "fromJson", INDEX_VALUES)) {
      methodNames.newName(reserved);
    }
  }

  /** {@code indexValues} and its helpers, in that order. */
  static List<MethodSpec> of(ModelDescription model) {
    return new IndexValuesMethods(model).methods();
  }

  private List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(
        MethodSpec.methodBuilder(INDEX_VALUES)
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .addParameter(model.recordType(), "value")
            .addParameter(RuntimeTypes.INDEX_SINK, "sink")
            .addCode(entries(List.of(), model.properties(), false))
            .addCode(compounds())
            .build());
    methods.addAll(helpers);
    return methods;
  }

  /**
   * The calls for the components of the record in {@code value}.
   *
   * @param multiValued whether the record is an element of a collection (at any depth)
   */
  private CodeBlock entries(List<Property> parent, List<Property> properties, boolean multiValued) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Property property : properties) {
      FieldPath path = child(parent, property);
      if (under(path).isEmpty() && !isIndexed(path)) {
        continue;
      }
      CodeBlock accessor = CodeBlock.of("value.$N()", property.name());
      ValueType type = property.type();
      if (type instanceof ValueType.Embedded embedded) {
        code.addStatement("$N(sink, $L)", embeddedMethod(path, embedded, multiValued), accessor);
      } else if (type instanceof ValueType.CollectionValue collection
          && collection.element() instanceof ValueType.Embedded element) {
        code.addStatement("$N(sink, $L)", recordsMethod(path, collection, element, multiValued), accessor);
      } else if (type instanceof ValueType.CollectionValue collection) {
        IndexedField field = field(path);
        if (field.spec().kind() == IndexKind.TAG && !multiValued) {
          code.addStatement("sink.tags($L, $L)", constant(field), accessor);
        } else {
          code.addStatement("$N(sink, $L)", valuesMethod(path, field, collection, multiValued), accessor);
        }
      } else {
        IndexedField field = field(path);
        CodeBlock call = call(field, accessor);
        if (multiValued && !type.typeName().isPrimitive()) {
          code.beginControlFlow("if ($L != null)", accessor).addStatement(call).endControlFlow();
        } else {
          code.addStatement(call);
        }
      }
    }
    return code.build();
  }

  /**
   * One {@code compound} call per compound index, after the fields: {@code
   * sink.compound(MemberIndex.CITY_AGE, value.city(), value.age())}; a field of an embedded
   * record is {@code null} when the record is.
   */
  private CodeBlock compounds() {
    CodeBlock.Builder code = CodeBlock.builder();
    for (IndexedCompound compound : IndexedCompound.of(model)) {
      CodeBlock values = compound.fields().stream()
          .map(field -> nullSafeValue(field.path()))
          .collect(CodeBlock.joining(",$W"));
      code.addStatement("sink.compound($T.$N,$W$L)", index, compound.constant(), values);
    }
    return code.build();
  }

  /**
   * The value of a single-valued field of the record in {@code value}: {@code value.age()}, or
   * through embedded records {@code value.address() == null ? null : value.address().city()}.
   */
  private static CodeBlock nullSafeValue(FieldPath path) {
    List<Property> chain = path.chain();
    CodeBlock.Builder accessor = CodeBlock.builder().add("value");
    List<CodeBlock> checks = new ArrayList<>();
    for (int i = 0; i < chain.size(); i++) {
      accessor.add(".$N()", chain.get(i).name());
      if (i < chain.size() - 1) {
        checks.add(CodeBlock.of("$L == null", accessor.build()));
      }
    }
    if (checks.isEmpty()) {
      return accessor.build();
    }
    return CodeBlock.of("$L ? null : $L", CodeBlock.join(checks, " || "), accessor.build());
  }

  /** {@code sink.tag(MemberIndex.CITY, value)}: the overload for the field's kind. */
  private CodeBlock call(IndexedField field, CodeBlock value) {
    String method = switch (field.spec().kind()) {
      case TAG -> "tag";
      case NUMERIC -> "numeric";
      case TEXT -> "text";
      case GEO -> "geo";
      case VECTOR -> "vector";
    };
    return CodeBlock.of("sink.$N($L, $L)", method, constant(field), value);
  }

  /** The helper for an embedded record: its indexed fields, or all of them absent when it is null. */
  private String embeddedMethod(FieldPath path, ValueType.Embedded embedded, boolean multiValued) {
    String name = methodNames.newName("index" + JavaNames.upperCamel(path.javaPath()));
    // Nested helpers are added while the body is built; insert this one before them.
    int position = helpers.size();
    CodeBlock body = entries(path.chain(), embedded.properties(), multiValued);
    MethodSpec.Builder method = helper(name, embedded.typeName(), "value")
        .addJavadoc(multiValued
                ? "Indexes the embedded {@link $T} at {@code $L}; nothing when it is null."
                : "Indexes the embedded {@link $T} at {@code $L}; all absent when it is null.",
            embedded.typeName(), path.javaPath())
        .beginControlFlow("if (value == null)")
        .addCode(multiValued ? CodeBlock.of("") : absent(under(path)))
        .addStatement("return")
        .endControlFlow()
        .addCode(body);
    helpers.add(position, method.build());
    return name;
  }

  /** The helper for a collection of records: each element's indexed fields, or all absent when there is none. */
  private String recordsMethod(
      FieldPath path, ValueType.CollectionValue collection, ValueType.Embedded element, boolean multiValued) {
    String name = methodNames.newName("index" + JavaNames.upperCamel(path.javaPath()));
    int position = helpers.size();
    CodeBlock body = entries(path.chain(), element.properties(), true);
    MethodSpec.Builder method = helper(name, collection.typeName(), "values")
        .addJavadoc(multiValued
                ? "Indexes each {@link $T} at {@code $L}."
                : "Indexes each {@link $T} at {@code $L}; all absent when there are none.",
            element.typeName(), path.javaPath());
    emptyCheck(method, multiValued, under(path));
    method
        .beginControlFlow("for ($T value : values)", element.typeName())
        .beginControlFlow("if (value == null)")
        .addStatement("continue")
        .endControlFlow()
        .addCode(body)
        .endControlFlow();
    helpers.add(position, method.build());
    return name;
  }

  /** The helper for a collection of single values: one call per non-null element. */
  private String valuesMethod(
      FieldPath path, IndexedField field, ValueType.CollectionValue collection, boolean multiValued) {
    String name = methodNames.newName("index" + JavaNames.upperCamel(path.javaPath()));
    MethodSpec.Builder method = helper(name, collection.typeName(), "values")
        .addJavadoc(multiValued
                ? "Indexes each element of {@code $L}."
                : "Indexes each element of {@code $L}; absent when there are none.",
            path.javaPath());
    emptyCheck(method, multiValued, List.of(field));
    method
        .beginControlFlow("for ($T value : values)", collection.element().typeName())
        .beginControlFlow("if (value != null)")
        .addStatement(call(field, CodeBlock.of("value")))
        .endControlFlow()
        .endControlFlow();
    helpers.add(method.build());
    return name;
  }

  private static MethodSpec.Builder helper(String name, TypeName type, String parameter) {
    return MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(RuntimeTypes.INDEX_SINK, "sink")
        .addParameter(type, parameter);
  }

  /** Returns early when there is no collection; when it is single-valued, or empty, with {@code absent} recorded. */
  private void emptyCheck(MethodSpec.Builder method, boolean multiValued, List<IndexedField> absent) {
    if (multiValued) {
      method.beginControlFlow("if (values == null)");
    } else {
      method.beginControlFlow("if (values == null || values.isEmpty())").addCode(absent(absent));
    }
    method.addStatement("return").endControlFlow();
  }

  private CodeBlock absent(List<IndexedField> absent) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (IndexedField field : absent) {
      code.addStatement("sink.absent($L)", constant(field));
    }
    return code.build();
  }

  private CodeBlock constant(IndexedField field) {
    return CodeBlock.of("$T.$N", index, field.constant());
  }

  /** The indexed fields strictly below {@code path}, depth first in declaration order. */
  private List<IndexedField> under(FieldPath path) {
    String prefix = path.javaPath() + ".";
    return fields.stream().filter(f -> f.path().javaPath().startsWith(prefix)).toList();
  }

  private boolean isIndexed(FieldPath path) {
    return path.property().index().isPresent();
  }

  private IndexedField field(FieldPath path) {
    return fields.stream()
        .filter(f -> f.path().equals(path))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not indexed: " + path.javaPath()));
  }

  private static FieldPath child(List<Property> parent, Property property) {
    List<Property> chain = new ArrayList<>(parent);
    chain.add(property);
    return new FieldPath(chain);
  }
}
