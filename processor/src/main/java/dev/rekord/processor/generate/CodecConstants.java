package dev.rekord.processor.generate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.rekord.annotations.Storage;
import dev.rekord.processor.model.ModelDescription;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value codecs a model's codec class ({@code MemberCodec}) declares as constants: one per
 * enum, collection and map type ({@code LIST_OF_STRING = ValueCodecs.listOf(ValueCodecs.STRING)}),
 * and one {@code RecordCodec} per record type stored as JSON ({@code ADDRESS_JSON = new
 * AddressJson()}). Names
 * follow the type, so one constant serves every component of that type. Scalars use the runtime's
 * {@code ValueCodecs} constants directly.
 *
 * <p>Constants are listed dependencies first, so a static initialiser never reads a constant that
 * is declared after it.
 */
final class CodecConstants {

  /** Name of the codec's singleton. */
  static final String INSTANCE = "INSTANCE";
  /** The hash codec's list of its fields ({@link HashCodecMethods#hashFieldsConstant}). */
  static final String HASH_FIELDS = "HASH_FIELDS";

  /**
   * One constant.
   *
   * @param name the field name
   * @param type {@code ValueCodec<List<String>>}, {@code RecordCodec<Address>}
   * @param initializer {@code ValueCodecs.listOf(ValueCodecs.STRING)}, {@code new AddressJson()}
   */
  record Constant(String name, TypeName type, CodeBlock initializer) {}

  /**
   * The JSON codec of one record type, a nested class of the codec class.
   *
   * @param constant the constant holding its instance
   * @param className the nested class, e.g. {@code MemberCodec.AddressJson}
   */
  record RecordCodec(ClassName recordType, List<Property> properties, String constant, ClassName className) {}

  private final ClassName codecClass;
  /** Keyed by the value type's qualified spelling, which distinguishes same-named types of different packages. */
  private final Map<String, Constant> constants = new LinkedHashMap<>();
  private final Map<String, RecordCodec> recordCodecs = new LinkedHashMap<>();
  private final NameAllocator constantNames = new NameAllocator();
  private final NameAllocator classNames = new NameAllocator();

  private CodecConstants(ClassName codecClass) {
    this.codecClass = codecClass;
    constantNames.newName(INSTANCE);
    constantNames.newName(HASH_FIELDS);
    classNames.newName(codecClass.simpleName());
  }

  /**
   * The constants {@code model}'s codec uses. JSON storage: the model's own record codec first, and
   * every codec it is built from. Hash storage flattens embedded records into fields, so it needs no
   * record codec for them, nor for the model: only the codecs of its fields (a collection of records
   * is one field, in JSON text, so its element's record codec is among them).
   */
  static CodecConstants of(ModelDescription model) {
    CodecConstants codecs = new CodecConstants(model.generated("Codec"));
    if (model.storage() == Storage.JSON) {
      codecs.registerRecord(model.recordType(), model.properties());
    } else {
      codecs.registerFlattened(model.properties());
    }
    return codecs;
  }

  /** Every constant, dependencies first. */
  List<Constant> constants() {
    return List.copyOf(constants.values());
  }

  /** The JSON codec of every record type the codec uses, the model first when it is stored as JSON. */
  List<RecordCodec> recordCodecs() {
    return List.copyOf(recordCodecs.values());
  }

  /**
   * The JSON codec of {@code recordType}.
   *
   * @throws IllegalArgumentException when the codec does not use one: the model itself, or a record
   *     embedded (flattened) in a hash
   */
  RecordCodec recordCodec(ClassName recordType) {
    RecordCodec codec = recordCodecs.get(recordType.canonicalName());
    if (codec == null) {
      throw new IllegalArgumentException("no JSON codec for " + recordType);
    }
    return codec;
  }

  /** The codec of {@code type}, as referenced inside the codec class: {@code LIST_OF_STRING}. */
  CodeBlock reference(ValueType type) {
    if (type instanceof ValueType.Scalar scalar) {
      return CodeBlock.of("$T.$N", RuntimeTypes.VALUE_CODECS, scalar.kind().name());
    }
    return CodeBlock.of("$N", constantFor(type).name());
  }

  /** The codec of {@code type}, as referenced from another class: {@code MemberCodec.LIST_OF_STRING}. */
  CodeBlock qualifiedReference(ValueType type) {
    if (type instanceof ValueType.Scalar) {
      return reference(type);
    }
    return CodeBlock.of("$T.$N", codecClass, constantFor(type).name());
  }

  private Constant constantFor(ValueType type) {
    Constant constant = constants.get(key(type));
    if (constant == null) {
      throw new IllegalArgumentException("no codec constant for " + type.typeName());
    }
    return constant;
  }

  private void registerRecord(ClassName recordType, List<Property> properties) {
    String key = recordType.canonicalName();
    if (recordCodecs.containsKey(key)) {
      return;
    }
    String constant = constantNames.newName(JavaNames.upperSnake(recordType.simpleName()) + "_JSON");
    ClassName className = codecClass.nestedClass(classNames.newName(recordType.simpleName() + "Json"));
    recordCodecs.put(key, new RecordCodec(recordType, properties, constant, className));
    constants.put(
        key,
        new Constant(
            constant,
            ParameterizedTypeName.get(RuntimeTypes.RECORD_CODEC, recordType),
            CodeBlock.of("new $T()", className)));
    for (Property property : properties) {
      register(property.type());
    }
  }

  /** Registers the codecs of the fields of a hash: embedded records by their components. */
  private void registerFlattened(List<Property> properties) {
    for (Property property : properties) {
      if (property.type() instanceof ValueType.Embedded embedded) {
        registerFlattened(embedded.properties());
      } else {
        register(property.type());
      }
    }
  }

  /** Registers the codec of {@code type} after the codecs it is built from. */
  private void register(ValueType type) {
    if (type instanceof ValueType.Scalar) {
      return;
    }
    if (type instanceof ValueType.Embedded embedded) {
      registerRecord(embedded.typeName(), embedded.properties());
      return;
    }
    if (constants.containsKey(key(type))) {
      return;
    }
    CodeBlock initializer;
    if (type instanceof ValueType.EnumValue enumValue) {
      initializer = CodeBlock.of("$T.ofEnum($T.class)", RuntimeTypes.VALUE_CODECS, enumValue.typeName());
    } else if (type instanceof ValueType.CollectionValue collection) {
      register(collection.element());
      String factory = collection.kind() == ValueType.CollectionKind.LIST ? "listOf" : "setOf";
      initializer = CodeBlock.of("$T.$N($L)", RuntimeTypes.VALUE_CODECS, factory, reference(collection.element()));
    } else if (type instanceof ValueType.MapValue map) {
      register(map.value());
      initializer = CodeBlock.of("$T.mapOf($L)", RuntimeTypes.VALUE_CODECS, reference(map.value()));
    } else {
      throw new IllegalArgumentException("unknown value type " + type);
    }
    String name = constantNames.newName(typeWord(type), key(type));
    TypeName codecType = ParameterizedTypeName.get(RuntimeTypes.VALUE_CODEC, codecValueType(type));
    constants.put(key(type), new Constant(name, codecType, initializer));
  }

  /**
   * The Java type a codec of {@code type} converts: boxed, and for collections built from the
   * element type, exactly what {@code ValueCodecs.listOf} returns.
   */
  static TypeName codecValueType(ValueType type) {
    if (type instanceof ValueType.CollectionValue collection) {
      ClassName raw = collection.kind() == ValueType.CollectionKind.LIST ? RuntimeTypes.LIST : RuntimeTypes.SET;
      return ParameterizedTypeName.get(raw, codecValueType(collection.element()));
    }
    if (type instanceof ValueType.MapValue map) {
      return ParameterizedTypeName.get(RuntimeTypes.MAP, ClassName.get(String.class), codecValueType(map.value()));
    }
    return type.typeName().box();
  }

  /** {@code STRING}, {@code COLOR}, {@code LIST_OF_ADDRESS}, {@code MAP_OF_INT}. */
  private static String typeWord(ValueType type) {
    if (type instanceof ValueType.Scalar scalar) {
      return scalar.kind().name();
    }
    if (type instanceof ValueType.EnumValue enumValue) {
      return JavaNames.upperSnake(enumValue.typeName().simpleName());
    }
    if (type instanceof ValueType.Embedded embedded) {
      return JavaNames.upperSnake(embedded.typeName().simpleName());
    }
    if (type instanceof ValueType.CollectionValue collection) {
      return collection.kind().name() + "_OF_" + typeWord(collection.element());
    }
    return "MAP_OF_" + typeWord(((ValueType.MapValue) type).value());
  }

  private static String key(ValueType type) {
    return codecValueType(type).toString();
  }
}
