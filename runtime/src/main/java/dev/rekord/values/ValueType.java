package dev.rekord.values;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * The Java type of a stored value, generic types included: {@code ValueType.of(Profile.class)},
 * or, for a generic type, an anonymous subclass {@code new ValueType<List<Profile>>() {}} (as
 * Jackson's {@code TypeReference}). Compared by the type it names.
 *
 * @param <T> the value's type
 */
public abstract class ValueType<T> {

  private final Type type;

  /** Captures the type argument of an anonymous subclass: {@code new ValueType<List<Profile>>() {}}. */
  protected ValueType() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType parameterized)) {
      throw new IllegalStateException("write new ValueType<List<Profile>>() {} with its type argument");
    }
    this.type = parameterized.getActualTypeArguments()[0];
  }

  private ValueType(Type type) {
    this.type = Objects.requireNonNull(type, "type");
  }

  /** The type of values of class {@code type}. */
  public static <T> ValueType<T> of(Class<T> type) {
    return new Plain<>(type);
  }

  /** The type of {@code value}: its class. */
  @SuppressWarnings("unchecked") // a value is of its own class
  public static <T> ValueType<T> ofValue(T value) {
    Objects.requireNonNull(value, "value must not be null");
    return of((Class<T>) value.getClass());
  }

  /** The Java type named: a {@link Class} or a {@link ParameterizedType}. */
  public Type type() {
    return type;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ValueType<?> that && type.equals(that.type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return type instanceof Class<?> c ? c.getSimpleName() : type.getTypeName();
  }

  private static final class Plain<T> extends ValueType<T> {
    Plain(Class<T> type) {
      super(type);
    }
  }
}
