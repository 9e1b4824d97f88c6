package dev.rekord.processor.validate;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Problem;
import dev.rekord.processor.diag.Problems;
import dev.rekord.processor.model.ScalarKind;
import dev.rekord.processor.model.ValueType;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Maps a component's Java type to a {@link ValueType}: scalars, enums, embedded records (read
 * recursively), {@code List}/{@code Set} of those, and {@code Map<String, V>} of scalars or enums.
 */
final class ValueTypeResolver {
  /** A resolved type, or none — and then whether a more precise problem was already reported. */
  private record Outcome(ValueType type, boolean reported) {
    static final Outcome UNSUPPORTED = new Outcome(null, false);
    static final Outcome REPORTED = new Outcome(null, true);
  }

  private final PropertiesBuilder properties;
  private final Accessibility accessibility;

  ValueTypeResolver(PropertiesBuilder properties, Accessibility accessibility) {
    this.properties = properties;
    this.accessibility = accessibility;
  }

  /**
   * The value type of {@code component} of the scope's current record, or empty after reporting
   * why there is none.
   */
  Optional<ValueType> resolve(
      TypeMirror type, Element field, String component, String storedPath, Scope scope, Problems problems) {
    Outcome outcome = resolveAny(type, field, component, storedPath, scope, problems, true);
    if (outcome.type() == null && !outcome.reported()) {
      String path = scope.path() + "." + component;
      problems.add(optionalValue(type)
          .map(value -> Problem.on(field, Message.OPTIONAL_COMPONENT, path, type, value, component))
          .orElseGet(() -> Problem.on(field, Message.UNSUPPORTED_TYPE, path, type)));
    }
    return Optional.ofNullable(outcome.type());
  }

  /**
   * The type a nullable component would have instead of {@code type}, when {@code type} is an
   * {@code Optional} ({@code String} for {@code Optional<String>}, {@code Integer} for {@code
   * OptionalInt}).
   */
  private static Optional<String> optionalValue(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    return switch (ScalarTypes.qualifiedName(declared)) {
      case "java.util.Optional" -> declared.getTypeArguments().size() == 1
          ? Optional.of(displayName(declared.getTypeArguments().get(0)))
          : Optional.empty();
      case "java.util.OptionalInt" -> Optional.of("Integer");
      case "java.util.OptionalLong" -> Optional.of("Long");
      case "java.util.OptionalDouble" -> Optional.of("Double");
      default -> Optional.empty();
    };
  }

  /** {@code String} for {@code java.lang.String}; parameterized types as javac prints them. */
  private static String displayName(TypeMirror type) {
    if (type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).getTypeArguments().isEmpty()) {
      return ((DeclaredType) type).asElement().getSimpleName().toString();
    }
    return type.toString();
  }

  private Outcome resolveAny(
      TypeMirror type, Element field, String component, String storedPath, Scope scope, Problems problems,
      boolean containersAllowed) {
    Optional<ScalarKind> scalar = ScalarTypes.of(type);
    if (scalar.isPresent()) {
      return new Outcome(new ValueType.Scalar(scalar.get(), TypeName.get(type)), false);
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Outcome.UNSUPPORTED;
    }
    DeclaredType declared = (DeclaredType) type;
    TypeElement element = (TypeElement) declared.asElement();
    if (element.getKind() == ElementKind.ENUM) {
      return accessible(element, field, scope, problems)
          ? new Outcome(new ValueType.EnumValue(ClassName.get(element)), false)
          : Outcome.REPORTED;
    }
    if (element.getKind() == ElementKind.RECORD) {
      return embedded(element, field, component, storedPath, scope, problems, !containersAllowed);
    }
    if (!containersAllowed) {
      return Outcome.UNSUPPORTED;
    }
    return switch (element.getQualifiedName().toString()) {
      case "java.util.List" -> collection(ValueType.CollectionKind.LIST, declared, field, component, storedPath, scope, problems);
      case "java.util.Set" -> collection(ValueType.CollectionKind.SET, declared, field, component, storedPath, scope, problems);
      case "java.util.Map" -> map(declared);
      default -> Outcome.UNSUPPORTED;
    };
  }

  private Outcome collection(
      ValueType.CollectionKind kind, DeclaredType type, Element field, String component, String storedPath,
      Scope scope, Problems problems) {
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (arguments.size() != 1) {
      return Outcome.UNSUPPORTED;
    }
    Outcome element = resolveAny(arguments.get(0), field, component, storedPath, scope, problems, false);
    return element.type() == null
        ? element
        : new Outcome(new ValueType.CollectionValue(kind, element.type(), TypeName.get(type)), false);
  }

  private Outcome map(DeclaredType type) {
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    if (arguments.size() != 2 || ScalarTypes.of(arguments.get(0)).orElse(null) != ScalarKind.STRING) {
      return Outcome.UNSUPPORTED;
    }
    TypeMirror valueType = arguments.get(1);
    Optional<ScalarKind> scalar = ScalarTypes.of(valueType);
    ValueType value = scalar.isPresent()
        ? new ValueType.Scalar(scalar.get(), TypeName.get(valueType))
        : isEnum(valueType) ? new ValueType.EnumValue(ClassName.get((TypeElement) ((DeclaredType) valueType).asElement()))
        : null;
    return value == null ? Outcome.UNSUPPORTED : new Outcome(new ValueType.MapValue(value, TypeName.get(type)), false);
  }

  private static boolean isEnum(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED && ((DeclaredType) type).asElement().getKind() == ElementKind.ENUM;
  }

  private Outcome embedded(
      TypeElement record, Element field, String component, String storedPath, Scope scope, Problems problems,
      boolean throughCollection) {
    String path = scope.path() + "." + component;
    if (!record.getTypeParameters().isEmpty()) {
      String parameters = record.getTypeParameters().stream().map(Object::toString).collect(Collectors.joining(", "));
      problems.add(Problem.on(field, Message.GENERIC_MODEL, record.getQualifiedName(), parameters));
      return Outcome.REPORTED;
    }
    if (!accessible(record, field, scope, problems)) {
      return Outcome.REPORTED;
    }
    Optional<String> cycle = scope.cycleTo(record, component);
    if (cycle.isPresent()) {
      problems.add(Problem.on(field, Message.RECURSIVE_EMBEDDING, path, record.getSimpleName(), cycle.get()));
      return Outcome.REPORTED;
    }
    Scope inner = scope.into(record, component, storedPath, throughCollection);
    return new Outcome(
        new ValueType.Embedded(ClassName.get(record), properties.embedded(record, inner, problems)), false);
  }

  private boolean accessible(TypeElement type, Element field, Scope scope, Problems problems) {
    String modelPackage = ClassName.get(scope.frames().get(0).type()).packageName();
    Optional<String> why = accessibility.whyInaccessible(type, modelPackage);
    why.ifPresent(reason -> problems.add(
        Problem.on(field, Message.NOT_ACCESSIBLE, modelPackage, type.getQualifiedName(), reason)));
    return why.isEmpty();
  }
}
