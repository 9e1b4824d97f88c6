package dev.rekord.processor.generate;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rekord.processor.model.Property;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The JSON form of a record type: a nested {@code RecordCodec} class ({@code AddressJson}) that
 * writes one member per component and reads them back in any order, skipping unknown members.
 */
final class JsonRecordCodecs {
  private JsonRecordCodecs() {}

  static TypeSpec of(CodecConstants.RecordCodec record, CodecConstants codecs) {
    return TypeSpec.classBuilder(record.className())
        .addJavadoc("JSON codec of {@link $T}.", record.recordType())
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .superclass(ParameterizedTypeName.get(RuntimeTypes.RECORD_CODEC, record.recordType()))
        .addMethod(MethodSpec.constructorBuilder().addStatement("super($S)", record.recordType().simpleName()).build())
        .addMethod(writeJson(record, codecs))
        .addMethod(readJson(record, codecs))
        .build();
  }

  private static MethodSpec writeJson(CodecConstants.RecordCodec record, CodecConstants codecs) {
    MethodSpec.Builder method = MethodSpec.methodBuilder("writeJson")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .addParameter(RuntimeTypes.JSON_WRITER, "json")
        .addParameter(record.recordType(), "value")
        .addException(RuntimeTypes.IO_EXCEPTION)
        .addStatement("json.beginObject()");
    for (Property property : record.properties()) {
      method.addStatement("json.field($S, $L, value.$N())", property.storedName(), codecs.reference(property.type()), property.name());
    }
    return method.addStatement("json.endObject()").build();
  }

  /** One boxed local per component, so a member that never appears stays {@code null}. */
  private static MethodSpec readJson(CodecConstants.RecordCodec record, CodecConstants codecs) {
    NameAllocator locals = new NameAllocator();
    String json = locals.newName("json");
    MethodSpec.Builder method = MethodSpec.methodBuilder("readJson")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(record.recordType())
        .addParameter(RuntimeTypes.JSON_READER, json)
        .addException(RuntimeTypes.IO_EXCEPTION);
    for (Property property : record.properties()) {
      String local = locals.newName(property.name(), property);
      method.addStatement("$T $N = null", property.type().typeName().box(), local);
    }
    method.addStatement("$N.beginObject()", json)
        .beginControlFlow("while ($N.nextField())", json)
        .beginControlFlow("switch ($N.fieldName())", json);
    for (Property property : record.properties()) {
      method.addStatement(
          "case $S -> $N = $N.read($L)", property.storedName(), locals.get(property), json, codecs.reference(property.type()));
    }
    method.addStatement("default -> $N.skipValue()", json).endControlFlow().endControlFlow();
    List<CodeBlock> arguments = new ArrayList<>();
    for (Property property : record.properties()) {
      arguments.add(
          HashCodecMethods.required(property)
              ? CodeBlock.of("$N.required($S, $N)", json, property.storedName(), locals.get(property))
              : CodeBlock.of("$N", locals.get(property)));
    }
    return method.addCode(Constructors.returnNew(record.recordType(), arguments)).build();
  }
}
