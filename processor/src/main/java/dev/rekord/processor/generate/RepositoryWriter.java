package dev.rekord.processor.generate;

import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rekord.processor.model.ModelDescription;
import javax.lang.model.element.Modifier;

/** Writes {@code MemberRepository}: the runtime's typed CRUD, fixed to the model. */
final class RepositoryWriter extends SourceFileWriter {

  @Override
  TypeSpec.Builder type(ModelDescription model) {
    return TypeSpec.classBuilder(model.generated("Repository"))
        .addJavadoc("Repository of {@link $T} documents.", model.recordType())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeTypes.REKORD_REPOSITORY, model.recordType(), model.id().type().typeName().box()))
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("A repository of {@link $T} documents stored through {@code rekord}.", model.recordType())
            .addModifiers(Modifier.PUBLIC)
            .addParameter(RuntimeTypes.REKORD, "rekord")
            .addStatement("super(rekord, $T.INSTANCE)", model.generated("Model"))
            .build());
  }
}
