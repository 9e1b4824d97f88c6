package dev.rekord.processor.validate;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Finds component types that do not exist (yet): another processor may generate them in a later
 * round, so the model is deferred rather than reported as broken.
 */
final class MissingTypes {
  private final Set<String> visited = new HashSet<>();

  private MissingTypes() {}

  /** The first missing type among the components of {@code record} and the records it embeds. */
  static Optional<String> in(TypeElement record) {
    return new MissingTypes().inRecord(record);
  }

  private Optional<String> inRecord(TypeElement record) {
    if (!visited.add(record.getQualifiedName().toString())) {
      return Optional.empty();
    }
    for (RecordComponentElement component : record.getRecordComponents()) {
      Optional<String> missing = inType(component.asType());
      if (missing.isPresent()) {
        return missing;
      }
    }
    return Optional.empty();
  }

  private Optional<String> inType(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return Optional.of(type.toString());
    }
    if (type.getKind() == TypeKind.ARRAY) {
      return inType(((ArrayType) type).getComponentType());
    }
    if (type.getKind() != TypeKind.DECLARED) {
      return Optional.empty();
    }
    DeclaredType declared = (DeclaredType) type;
    for (TypeMirror argument : declared.getTypeArguments()) {
      Optional<String> missing = inType(argument);
      if (missing.isPresent()) {
        return missing;
      }
    }
    TypeElement element = (TypeElement) declared.asElement();
    return element.getKind() == ElementKind.RECORD ? inRecord(element) : Optional.empty();
  }
}
