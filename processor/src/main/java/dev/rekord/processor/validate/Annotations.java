package dev.rekord.processor.validate;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;

/**
 * Reads annotations through {@link AnnotationMirror}s, which work for every value type and keep
 * the source position of each value for diagnostics ({@code getAnnotation(X.class)} has neither).
 */
final class Annotations {
  private final Elements elements;

  Annotations(Elements elements) {
    this.elements = elements;
  }

  /** The annotation of type {@code qualifiedName} directly on {@code element}. */
  static Optional<AnnotationMirror> find(Element element, String qualifiedName) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return Optional.of(mirror);
      }
    }
    return Optional.empty();
  }

  /** The value written in the source for {@code name}, if it was written (defaults have no position). */
  static Optional<AnnotationValue> explicitValue(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return Optional.of(entry.getValue());
      }
    }
    return Optional.empty();
  }

  /** The value of {@code name}, written or default. */
  Object value(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        elements.getElementValuesWithDefaults(mirror).entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue().getValue();
      }
    }
    throw new IllegalArgumentException(mirror + " has no member " + name);
  }

  /** Whether the annotation declares a member called {@code name} (e.g. {@code sortable}). */
  static boolean hasMember(AnnotationMirror mirror, String name) {
    return mirror.getAnnotationType().asElement().getEnclosedElements().stream()
        .anyMatch(member -> member.getSimpleName().contentEquals(name));
  }

  boolean booleanValue(AnnotationMirror mirror, String name) {
    return (Boolean) value(mirror, name);
  }

  String stringValue(AnnotationMirror mirror, String name) {
    return (String) value(mirror, name);
  }

  long longValue(AnnotationMirror mirror, String name) {
    return ((Number) value(mirror, name)).longValue();
  }

  /** The simple name of an enum constant value, e.g. {@code HASH}. */
  String enumValue(AnnotationMirror mirror, String name) {
    return ((VariableElement) value(mirror, name)).getSimpleName().toString();
  }

  /** The annotation's simple name, e.g. {@code Tag}, for messages. */
  static String simpleName(AnnotationMirror mirror) {
    return mirror.getAnnotationType().asElement().getSimpleName().toString();
  }
}
