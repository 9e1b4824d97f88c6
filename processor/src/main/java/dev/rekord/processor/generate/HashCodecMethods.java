package dev.rekord.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Modifier;

/**
 * The hash form of a model's codec: {@code toHash} and {@code fromHash}, and for every occurrence
 * of an embedded record a pair of methods that flatten it to dotted field names ({@code
 * writeAddress}/{@code readAddress} for {@code address}, {@code writeEmergencyAddress} for {@code
 * emergency.address}). Collections and maps (of records too) are one field each, in their text
 * form.
 */
final class HashCodecMethods {

  private static final TypeName FIELDS =
      ParameterizedTypeName.get(RuntimeTypes.MAP, ClassName.get(String.class), ClassName.get(String.class));

  private final ModelDescription model;
  private final CodecConstants codecs;
  private final List<MethodSpec> helpers = new ArrayList<>();
  private final NameAllocator methodNames = new NameAllocator();

  private HashCodecMethods(ModelDescription model, CodecConstants codecs) {
    this.model = model;
    this.codecs = codecs;
    for (String reserved : List.of("toHash", "fromHash", "hashFields", "toJson", "fromJson")) {
      methodNames.newName(reserved);
    }
  }

  /** {@code toHash}, {@code fromHash}, {@code hashFields} and their helpers, in that order. */
  static List<MethodSpec> of(ModelDescription model, CodecConstants codecs) {
    return new HashCodecMethods(model, codecs).methods();
  }

  /**
   * {@code HASH_FIELDS}: the fields {@code fromHash} reads, in the order {@code toHash} writes
   * them; what {@code hashFields()} returns.
   */
  static FieldSpec hashFieldsConstant(ModelDescription model) {
    List<String> names = new ArrayList<>();
    storedNames(List.of(), model.properties(), names);
    CodeBlock list = names.stream().map(name -> CodeBlock.of("$S", name)).collect(CodeBlock.joining(", "));
    return FieldSpec.builder(ParameterizedTypeName.get(RuntimeTypes.LIST, ClassName.get(String.class)), CodecConstants.HASH_FIELDS,
            Modifier.PRIVATE, Modifier.STATIC, Modifier.FINAL)
        .initializer("$T.of($L)", RuntimeTypes.LIST, list)
        .build();
  }

  private List<MethodSpec> methods() {
    List<MethodSpec> methods = new ArrayList<>();
    methods.add(toHash());
    methods.add(fromHash());
    methods.add(MethodSpec.methodBuilder("hashFields")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(ParameterizedTypeName.get(RuntimeTypes.LIST, ClassName.get(String.class)))
        .addStatement("return $N", CodecConstants.HASH_FIELDS)
        .build());
    methods.addAll(helpers);
    return methods;
  }

  /** The stored names {@link #puts} writes: an embedded record's presence marker, then its fields. */
  private static void storedNames(List<Property> parent, List<Property> properties, List<String> into) {
    for (Property property : properties) {
      FieldPath path = child(parent, property);
      into.add(path.storedPath());
      if (property.type() instanceof ValueType.Embedded embedded) {
        storedNames(path.chain(), embedded.properties(), into);
      }
    }
  }

  private MethodSpec toHash() {
    CodeBlock.Builder body = CodeBlock.builder()
        .addStatement("$T hash = new $T($S, $L)", RuntimeTypes.HASH_WRITER, RuntimeTypes.HASH_WRITER, model.name(), fieldCount(model.properties()));
    body.add(puts(List.of(), model.properties()));
    body.addStatement("return hash.toMap()");
    return MethodSpec.methodBuilder("toHash")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(FIELDS)
        .addParameter(model.recordType(), "value")
        .addCode(body.build())
        .build();
  }

  private MethodSpec fromHash() {
    return MethodSpec.methodBuilder("fromHash")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(model.recordType())
        .addParameter(String.class, "key")
        .addParameter(FIELDS, "fields")
        .addStatement("$T hash = new $T(key, $S, fields)", RuntimeTypes.HASH_READER, RuntimeTypes.HASH_READER, model.name())
        .addCode(Constructors.returnNew(model.recordType(), reads(List.of(), model.properties())))
        .build();
  }

  /** One {@code hash.put} per component of the record in {@code value}; embedded records by their write method. */
  private CodeBlock puts(List<Property> parent, List<Property> properties) {
    CodeBlock.Builder code = CodeBlock.builder();
    for (Property property : properties) {
      FieldPath path = child(parent, property);
      if (property.type() instanceof ValueType.Embedded embedded) {
        code.addStatement("$N(hash, value.$N())", writeMethod(path, embedded), property.name());
      } else {
        code.addStatement("hash.put($S, $L, value.$N())", path.storedPath(), codecs.reference(property.type()), property.name());
      }
    }
    return code.build();
  }

  /** One constructor argument per component; primitives and the id are required. */
  private List<CodeBlock> reads(List<Property> parent, List<Property> properties) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (Property property : properties) {
      FieldPath path = child(parent, property);
      if (property.type() instanceof ValueType.Embedded embedded) {
        arguments.add(CodeBlock.of("$N(hash)", readMethod(path, embedded)));
      } else {
        String accessor = required(property) ? "required" : "optional";
        arguments.add(CodeBlock.of("hash.$N($S, $L)", accessor, path.storedPath(), codecs.reference(property.type())));
      }
    }
    return arguments;
  }

  private String writeMethod(FieldPath path, ValueType.Embedded embedded) {
    String name = methodNames.newName("write" + JavaNames.upperCamel(path.javaPath()));
    // Nested helpers are added while the body is built; insert this one before them.
    int position = helpers.size();
    CodeBlock body = puts(path.chain(), embedded.properties());
    helpers.add(
        position,
        MethodSpec.methodBuilder(name)
            .addJavadoc("Flattens the embedded {@link $T} at {@code $L}.", embedded.typeName(), path.storedPath())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .addParameter(RuntimeTypes.HASH_WRITER, "hash")
            .addParameter(embedded.typeName(), "value")
            .beginControlFlow("if (value == null)")
            .addStatement("return")
            .endControlFlow()
            .addStatement("hash.putPresent($S)", path.storedPath())
            .addCode(body)
            .build());
    return name;
  }

  private String readMethod(FieldPath path, ValueType.Embedded embedded) {
    String name = methodNames.newName("read" + JavaNames.upperCamel(path.javaPath()));
    MethodSpec.Builder method =
        MethodSpec.methodBuilder(name)
            .addJavadoc("Reads the embedded {@link $T} at {@code $L}.", embedded.typeName(), path.storedPath())
            .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
            .returns(embedded.typeName())
            .addParameter(RuntimeTypes.HASH_READER, "hash")
            .beginControlFlow("if (!hash.present($S))", path.storedPath())
            .addStatement("return null")
            .endControlFlow();
    int position = helpers.size();
    method.addCode(Constructors.returnNew(embedded.typeName(), reads(path.chain(), embedded.properties())));
    helpers.add(position, method.build());
    return name;
  }

  /** Fields of one document: a presence marker per embedded record plus one per other component. */
  private static int fieldCount(List<Property> properties) {
    int count = 0;
    for (Property property : properties) {
      count += property.type() instanceof ValueType.Embedded embedded ? 1 + fieldCount(embedded.properties()) : 1;
    }
    return count;
  }

  /** Primitives cannot be {@code null}, and a stored document always has its id. */
  static boolean required(Property property) {
    return property.id() || property.type().typeName().isPrimitive();
  }

  private static FieldPath child(List<Property> parent, Property property) {
    List<Property> chain = new ArrayList<>(parent);
    chain.add(property);
    return new FieldPath(chain);
  }
}
