package dev.rekord.processor.generate;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rekord.processor.model.ModelDescription;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code MemberCodec}, the model's {@code DocumentCodec}: value codec constants, the hash
 * form ({@link HashCodecMethods}), the JSON form ({@link JsonRecordCodecs}, one nested class per
 * record type) and the index values of a record ({@link IndexValuesMethods}). Straight-line code:
 * accessors and canonical constructors, no reflection.
 */
final class CodecWriter extends SourceFileWriter {

  @Override
  TypeSpec.Builder type(ModelDescription model) {
    CodecConstants codecs = CodecConstants.of(model);
    CodecConstants.RecordCodec root = codecs.recordCodec(model.recordType());
    TypeSpec.Builder type = TypeSpec.classBuilder(model.generated("Codec"))
        .addJavadoc("Hash and JSON codec of {@link $T}.", model.recordType())
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.DOCUMENT_CODEC, model.recordType()))
        .addField(FieldSpec.builder(model.generated("Codec"), CodecConstants.INSTANCE, Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", model.generated("Codec"))
            .build());
    // Package-private: the metamodel (Member_) refers to them.
    for (CodecConstants.Constant constant : codecs.constants()) {
      type.addField(FieldSpec.builder(constant.type(), constant.name(), Modifier.STATIC, Modifier.FINAL)
          .initializer(constant.initializer())
          .build());
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethods(HashCodecMethods.of(model, codecs));
    type.addMethod(MethodSpec.methodBuilder("toJson")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(String.class)
        .addParameter(model.recordType(), "value")
        .addStatement("return $T.toText($S, value, $N)", RuntimeTypes.JSON_WRITER, model.name(), root.constant())
        .build());
    type.addMethod(MethodSpec.methodBuilder("fromJson")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(model.recordType())
        .addParameter(String.class, "key")
        .addParameter(String.class, "json")
        .addStatement("return $T.fromText(key, $S, json, $N)", RuntimeTypes.JSON_READER, model.name(), root.constant())
        .build());
    type.addMethods(IndexValuesMethods.of(model));
    for (CodecConstants.RecordCodec record : codecs.recordCodecs()) {
      type.addType(JsonRecordCodecs.of(record, codecs));
    }
    return type;
  }
}
