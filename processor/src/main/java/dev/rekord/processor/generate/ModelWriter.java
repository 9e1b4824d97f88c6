package dev.rekord.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code MemberModel}, the model's {@code RekordModel}: names, storage, TTL, id access and
 * conversion, codec and index. Registered with {@code ServiceLoader}, hence the public no-arg
 * constructor.
 */
final class ModelWriter extends SourceFileWriter {

  /** The supported id types; names match the runtime's {@code IdKind}. */
  private enum IdType {
    STRING,
    UUID,
    LONG;

    static IdType of(Property id) {
      if (id.type() instanceof ValueType.Scalar scalar) {
        switch (scalar.kind()) {
          case STRING:
            return STRING;
          case UUID:
            return UUID;
          case LONG:
            return LONG;
          default:
            break;
        }
      }
      throw new IllegalArgumentException("unsupported id type " + id.type().typeName() + "; expected String, UUID, long or Long");
    }

    /** The id as it appears in the key. */
    CodeBlock toText() {
      return switch (this) {
        case STRING -> CodeBlock.of("return id");
        case UUID -> CodeBlock.of("return id.toString()");
        case LONG -> CodeBlock.of("return $T.toString(id)", Long.class);
      };
    }

    /** Parses the key's suffix. */
    CodeBlock fromText() {
      return switch (this) {
        case STRING -> CodeBlock.of("return text");
        case UUID -> CodeBlock.of("return $T.fromString(text)", RuntimeTypes.UUID);
        case LONG -> CodeBlock.of("return $T.valueOf(text)", Long.class);
      };
    }
  }

  @Override
  TypeSpec.Builder type(ModelDescription model) {
    ClassName modelClass = model.generated("Model");
    ClassName record = model.recordType();
    Property id = model.id();
    IdType idType = IdType.of(id);
    TypeName idTypeName = id.type().typeName().box();
    TypeSpec.Builder type = TypeSpec.classBuilder(modelClass)
        .addJavadoc("The Rekord model of {@link $T}.", record)
        .addModifiers(Modifier.PUBLIC, Modifier.FINAL)
        .addSuperinterface(ParameterizedTypeName.get(RuntimeTypes.REKORD_MODEL, record, idTypeName))
        .addField(FieldSpec.builder(modelClass, "INSTANCE", Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL)
            .initializer("new $T()", modelClass)
            .build())
        .addField(FieldSpec.builder(RuntimeTypes.DURATION, "DEFAULT_TTL", Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
            .initializer(ttl(model))
            .build())
        .addMethod(MethodSpec.constructorBuilder()
            .addJavadoc("For {@link java.util.ServiceLoader}; use {@link #INSTANCE}.")
            .addModifiers(Modifier.PUBLIC)
            .build())
        .addMethod(getter("name", ClassName.get(String.class), CodeBlock.of("$S", model.name())))
        .addMethod(getter("type", ParameterizedTypeName.get(ClassName.get(Class.class), record), CodeBlock.of("$T.class", record)))
        .addMethod(getter("keyPrefix", ClassName.get(String.class), CodeBlock.of("$S", model.keyPrefix())))
        .addMethod(getter("storage", RuntimeTypes.STORAGE, CodeBlock.of("$T.$N", RuntimeTypes.STORAGE, model.storage().name())))
        .addMethod(getter("defaultTtl", RuntimeTypes.DURATION, CodeBlock.of("DEFAULT_TTL")))
        .addMethod(getter("idKind", RuntimeTypes.ID_KIND, CodeBlock.of("$T.$N", RuntimeTypes.ID_KIND, idType.name())))
        .addMethod(override("id", idTypeName)
            .addParameter(record, "entity")
            .addStatement("return entity.$N()", id.name())
            .build())
        .addMethod(override("withId", record)
            .addParameter(record, "entity")
            .addParameter(idTypeName, "id")
            .addCode(Constructors.returnNew(record, withIdArguments(model)))
            .build())
        .addMethod(override("idToString", ClassName.get(String.class))
            .addParameter(idTypeName, "id")
            .addStatement(idType.toText())
            .build())
        .addMethod(override("idFromString", idTypeName)
            .addParameter(String.class, "text")
            .addStatement(idType.fromText())
            .build())
        .addMethod(getter("codec", ParameterizedTypeName.get(RuntimeTypes.DOCUMENT_CODEC, record), CodeBlock.of("$T.INSTANCE", model.generated("Codec"))))
        .addMethod(getter("index", RuntimeTypes.INDEX_DEFINITION, CodeBlock.of("$T.$N", model.generated("Index"), IndexedField.DEFINITION)));
    model.version().ifPresent(version -> addVersion(type, model, version));
    if (model.refreshTtlOnRead()) {
      type.addMethod(getter("refreshTtlOnRead", TypeName.BOOLEAN, CodeBlock.of("true")));
    }
    return type;
  }

  /** The {@code @Version} accessors the runtime checks and increments every save with. */
  private static void addVersion(TypeSpec.Builder type, ModelDescription model, Property version) {
    ClassName record = model.recordType();
    boolean primitive = version.type().typeName().isPrimitive();
    boolean isInt = version.type().typeName().box().equals(TypeName.INT.box());
    List<CodeBlock> arguments = new ArrayList<>();
    for (Property property : model.properties()) {
      arguments.add(!property.version() ? CodeBlock.of("entity.$N()", property.name())
          : isInt ? CodeBlock.of("$T.toIntExact(version)", Math.class) : CodeBlock.of("version"));
    }
    type.addMethod(getter("versionField", ClassName.get(String.class), CodeBlock.of("$S", version.storedName())))
        .addMethod(override("version", TypeName.LONG)
            .addParameter(record, "entity")
            .addStatement(primitive ? CodeBlock.of("return entity.$N()", version.name())
                : CodeBlock.of("return entity.$1N() == null ? 0 : entity.$1N()", version.name()))
            .build())
        .addMethod(override("withVersion", record)
            .addParameter(record, "entity")
            .addParameter(TypeName.LONG, "version")
            .addCode(Constructors.returnNew(record, arguments))
            .build());
  }

  private static CodeBlock ttl(ModelDescription model) {
    return model.ttlSeconds() == 0
        ? CodeBlock.of("$T.ZERO", RuntimeTypes.DURATION)
        : CodeBlock.of("$T.ofSeconds($L)", RuntimeTypes.DURATION, model.ttlSeconds() + "L");
  }

  /** The id parameter in the id's position, every other component from {@code entity}. */
  private static List<CodeBlock> withIdArguments(ModelDescription model) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (Property property : model.properties()) {
      arguments.add(property.id() ? CodeBlock.of("id") : CodeBlock.of("entity.$N()", property.name()));
    }
    return arguments;
  }

  private static MethodSpec getter(String name, TypeName returns, CodeBlock value) {
    return override(name, returns).addStatement("return $L", value).build();
  }

  private static MethodSpec.Builder override(String name, TypeName returns) {
    return MethodSpec.methodBuilder(name).addAnnotation(Override.class).addModifiers(Modifier.PUBLIC).returns(returns);
  }
}
