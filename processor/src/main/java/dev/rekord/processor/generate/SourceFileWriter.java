package dev.rekord.processor.generate;

import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import dev.rekord.processor.model.ModelDescription;
import javax.lang.model.element.Element;

/**
 * Writes one generated source file per model (Dagger's {@code SourceFileGenerator}). Subclasses
 * build the type; this base adds what every generated type carries: {@code @Generated} without a
 * date, and the record as the only originating element.
 */
abstract class SourceFileWriter {

  /** The generated type for {@code model}: modifiers, javadoc and members. */
  abstract TypeSpec.Builder type(ModelDescription model);

  /** The source file, without originating element (for tests). */
  final JavaFile write(ModelDescription model) {
    return file(model, type(model));
  }

  /** The source file, with {@code originating} (the record) as its only originating element. */
  final JavaFile write(ModelDescription model, Element originating) {
    return file(model, type(model).addOriginatingElement(originating));
  }

  private static JavaFile file(ModelDescription model, TypeSpec.Builder type) {
    type.addAnnotation(RuntimeTypes.generatedAnnotation());
    return JavaFile.builder(model.packageName(), type.build()).skipJavaLangImports(true).build();
  }
}
