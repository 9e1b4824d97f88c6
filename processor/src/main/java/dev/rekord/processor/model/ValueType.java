package dev.rekord.processor.model;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;

/** What a component holds. */
public sealed interface ValueType {

  /** The Java type as written in the record, e.g. {@code int}, {@code List<String>}. */
  TypeName typeName();

  /**
   * A single value of a supported scalar type.
   *
   * @param typeName {@code int}, {@code Integer}, {@code java.time.LocalDate}, {@code byte[]}, …
   */
  record Scalar(ScalarKind kind, TypeName typeName) implements ValueType {
    public boolean primitive() {
      return typeName.isPrimitive();
    }
  }

  /** An enum, stored by constant name. */
  record EnumValue(ClassName typeName) implements ValueType {}

  /**
   * A record embedded in the model (not itself a {@code @RedisModel}); hashes flatten it to
   * dotted field names.
   */
  record Embedded(ClassName typeName, List<Property> properties) implements ValueType {
    public Embedded {
      properties = List.copyOf(properties);
    }
  }

  /**
   * A {@code List} or {@code Set} of scalars, enums or embedded records.
   *
   * @param typeName e.g. {@code java.util.List<java.lang.String>}
   */
  record CollectionValue(CollectionKind kind, ValueType element, TypeName typeName) implements ValueType {}

  /** {@code Map<String, V>} with scalar or enum values. */
  record MapValue(ValueType value, TypeName typeName) implements ValueType {}

  /** The two collection kinds. */
  enum CollectionKind {
    LIST,
    SET
  }
}
