package dev.rekord.processor.generate;

import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rekord.annotations.Storage;
import dev.rekord.processor.model.ModelDescription;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code MemberCodec}, the model's {@code DocumentCodec}, in the form of the model's storage
 * only: value codec constants, for a hash {@code toHash}/{@code fromHash} ({@link
 * HashCodecMethods}), for JSON {@code toJson}/{@code fromJson}; the JSON codecs of the record types
 * it uses ({@link JsonRecordCodecs}, one nested class each: on a hash only those of records in
 * collections, which a hash field holds as JSON text); and the index values of a record ({@link
 * IndexValuesMethods}). Straight-line code: accessors and canonical constructors, no reflection.
 */
final class CodecWriter extends SourceFileWriter {

  @Override
  TypeSpec.Builder type(ModelDescription model) {
    CodecConstants codecs = CodecConstants.of(model);
    TypeSpec.Builder type = TypeSpec.classBuilder(model.generated("Codec"))
        .addJavadoc("$L codec of {@link $T}.", model.storage() == Storage.HASH ? "Hash" : "JSON", model.recordType())
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
    if (model.storage() == Storage.HASH) {
      type.addField(HashCodecMethods.hashFieldsConstant(model));
    }
    type.addMethod(MethodSpec.constructorBuilder().addModifiers(Modifier.PRIVATE).build());
    type.addMethods(model.storage() == Storage.HASH ? HashCodecMethods.of(model, codecs) : jsonMethods(model, codecs));
    type.addMethods(IndexValuesMethods.of(model));
    for (CodecConstants.RecordCodec record : codecs.recordCodecs()) {
      type.addType(JsonRecordCodecs.of(record, codecs));
    }
    return type;
  }

  /** {@code toJson} and {@code fromJson}, through the model's own record codec. */
  private static List<MethodSpec> jsonMethods(ModelDescription model, CodecConstants codecs) {
    CodecConstants.RecordCodec root = codecs.recordCodec(model.recordType());
    return List.of(
        MethodSpec.methodBuilder("toJson")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(String.class)
            .addParameter(model.recordType(), "value")
            .addStatement("return $T.toText($S, value, $N)", RuntimeTypes.JSON_WRITER, model.name(), root.constant())
            .build(),
        MethodSpec.methodBuilder("fromJson")
            .addAnnotation(Override.class)
            .addModifiers(Modifier.PUBLIC)
            .returns(model.recordType())
            .addParameter(String.class, "key")
            .addParameter(String.class, "json")
            .addStatement("return $T.fromText(key, $S, json, $N)", RuntimeTypes.JSON_READER, model.name(), root.constant())
            .build());
  }
}
