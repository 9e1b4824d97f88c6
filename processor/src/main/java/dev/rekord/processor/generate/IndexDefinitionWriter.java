package dev.rekord.processor.generate;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.TypeSpec;
import dev.rekord.processor.model.IndexKind;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.ModelDescription;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code MemberIndex}, the model's index definition as data: one {@code IndexField} constant
 * per indexed field ({@code IndexField.numeric("joined").withSortOrder()}), one {@code
 * CompoundIndex} constant per compound index, and the {@code IndexDefinition} with its {@link
 * Fingerprint}, computed here at compile time.
 */
final class IndexDefinitionWriter extends SourceFileWriter {

  @Override
  TypeSpec.Builder type(ModelDescription model) {
    List<IndexedField> fields = IndexedField.of(model);
    TypeSpec.Builder type = TypeSpec.classBuilder(model.generated("Index"))
        .addJavadoc("Index definition of {@link $T}.", model.recordType())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    for (IndexedField field : fields) {
      type.addField(FieldSpec.builder(RuntimeTypes.INDEX_FIELD, field.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("Index of {@code $L}.", field.path().storedPath())
          .initializer(indexField(field))
          .build());
    }
    List<IndexedCompound> compounds = IndexedCompound.of(model);
    for (IndexedCompound compound : compounds) {
      type.addField(FieldSpec.builder(RuntimeTypes.COMPOUND_INDEX, compound.constant(), Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
          .addJavadoc("Compound index of $L, then the number {@code $L}$L.",
              compound.tags().stream().map(tag -> "{@code " + tag.path().storedPath() + "}").collect(Collectors.joining(", ")),
              compound.number().path().storedPath(),
              compound.numberNullable() ? ", which may be null" : ", which is never null")
          .initializer(compoundIndex(compound))
          .build());
    }
    CodeBlock fieldList = fields.stream().map(field -> CodeBlock.of("$N", field.constant())).collect(CodeBlock.joining(", "));
    CodeBlock compoundList = compounds.isEmpty()
        ? CodeBlock.of("")
        : CodeBlock.of("$T.of($L),\n", RuntimeTypes.LIST,
            compounds.stream().map(compound -> CodeBlock.of("$N", compound.constant())).collect(CodeBlock.joining(", ")));
    type.addField(FieldSpec.builder(RuntimeTypes.INDEX_DEFINITION, IndexedField.DEFINITION, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
        .addJavadoc("The index of {@link $T}, with the fingerprint of this definition.", model.recordType())
        .initializer(
            "new $T(\n$>$>$S,\n$S,\n$T.$N,\n$T.of($L),\n$L$S)$<$<",
            RuntimeTypes.INDEX_DEFINITION,
            IndexedField.indexName(model),
            model.keyPrefix(),
            RuntimeTypes.STORAGE,
            model.storage().name(),
            RuntimeTypes.LIST,
            fieldList,
            compoundList,
            Fingerprint.of(model))
        .build());
    return type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
  }

  /**
   * {@code IndexField.tag("city")}, {@code IndexField.numeric("joined").withSortOrder()}, {@code
   * IndexField.tags("skills").caseInsensitive()}: the factory of the kind and multiplicity, then
   * what differs from the defaults.
   */
  static CodeBlock indexField(IndexedField field) {
    IndexSpec spec = field.spec();
    boolean multiValued = field.path().multiValued();
    String factory = switch (spec.kind()) {
      case TAG -> multiValued ? "tags" : "tag";
      case TEXT -> multiValued ? "texts" : "text";
      case NUMERIC -> single(field, "numeric");
      case GEO -> single(field, "geo");
      case VECTOR -> single(field, "vector");
    };
    if (spec.kind() == IndexKind.VECTOR) {
      // IndexField.vector("embedding", 384, Vector.Distance.COSINE, Vector.Algorithm.FLAT)
      IndexSpec.VectorSpec vector = spec.vector();
      if (vector.tuned()) { // ..., Vector.Algorithm.HNSW, 32, 400, 0): m, efConstruction, efRuntime (0: default)
        return CodeBlock.of("$T.$N($S, $L, $T.Distance.$N, $T.Algorithm.$N, $L, $L, $L)", RuntimeTypes.INDEX_FIELD,
            factory, field.path().storedPath(), vector.dimensions(), RuntimeTypes.VECTOR, vector.distance(),
            RuntimeTypes.VECTOR, vector.algorithm(), vector.m(), vector.efConstruction(), vector.efRuntime());
      }
      return CodeBlock.of("$T.$N($S, $L, $T.Distance.$N, $T.Algorithm.$N)", RuntimeTypes.INDEX_FIELD, factory,
          field.path().storedPath(), vector.dimensions(), RuntimeTypes.VECTOR, vector.distance(), RuntimeTypes.VECTOR,
          vector.algorithm());
    }
    CodeBlock.Builder code = CodeBlock.builder().add("$T.$N($S)", RuntimeTypes.INDEX_FIELD, factory, field.path().storedPath());
    if (!spec.caseSensitive()) {
      if (spec.kind() != IndexKind.TAG) {
        throw new IllegalArgumentException("only a tag can be case-insensitive, not " + field.path().javaPath());
      }
      code.add(".caseInsensitive()");
    }
    if (spec.sortable()) {
      code.add(".withSortOrder()");
    }
    if (spec.stemming() != null) {
      code.add(".stemmed($T.Language.$N)", RuntimeTypes.TEXT, spec.stemming());
    }
    return code.build();
  }

  /** {@code CompoundIndex.of(List.of(CITY), AGE)}, plus {@code .numberNeverNull()} when it is. */
  static CodeBlock compoundIndex(IndexedCompound compound) {
    CodeBlock.Builder code = CodeBlock.builder().add("$T.of($T.of($L), $N)",
        RuntimeTypes.COMPOUND_INDEX,
        RuntimeTypes.LIST,
        compound.tags().stream().map(tag -> CodeBlock.of("$N", tag.constant())).collect(CodeBlock.joining(", ")),
        compound.number().constant());
    if (!compound.numberNullable()) {
      code.add(".numberNeverNull()");
    }
    return code.build();
  }

  private static String single(IndexedField field, String factory) {
    if (field.path().multiValued()) {
      throw new IllegalArgumentException("a " + field.spec().kind() + " index holds one value, but "
          + field.path().javaPath() + " has several");
    }
    return factory;
  }
}
