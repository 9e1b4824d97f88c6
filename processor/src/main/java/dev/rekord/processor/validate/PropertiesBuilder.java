package dev.rekord.processor.validate;

import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Problem;
import dev.rekord.processor.diag.Problems;
import dev.rekord.processor.model.IndexSpec;
import dev.rekord.processor.model.Property;
import dev.rekord.processor.model.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads the components of the model and of every record it embeds into {@link Property}s, in
 * declaration order, reporting every component-level problem it finds on the way.
 */
final class PropertiesBuilder {
  /**
   * One component of the model with what validation of the model as a whole needs.
   *
   * @param property empty if the component's type could not be resolved (already reported)
   */
  record Component(
      String path, Element field, ComponentAnnotations annotations, Optional<Property> property) {}

  private final Annotations annotations;
  private final ValueTypeResolver types;
  private final IndexResolver indexes;

  PropertiesBuilder(Elements elements) {
    this.annotations = new Annotations(elements);
    this.types = new ValueTypeResolver(this, new Accessibility(elements));
    this.indexes = new IndexResolver(annotations);
  }

  /** The model's own components. */
  List<Component> model(TypeElement record, Problems problems) {
    return components(record, Scope.of(record), problems);
  }

  /** The components of an embedded record, all of which resolved unless problems were added. */
  List<Property> embedded(TypeElement record, Scope scope, Problems problems) {
    List<Property> properties = new ArrayList<>();
    for (Component component : components(record, scope, problems)) {
      component.property().ifPresent(properties::add);
    }
    return properties;
  }

  private List<Component> components(TypeElement record, Scope scope, Problems problems) {
    List<Component> components = new ArrayList<>();
    for (RecordComponentElement component : record.getRecordComponents()) {
      components.add(component(record, component, scope, problems));
    }
    return components;
  }

  private Component component(
      TypeElement record, RecordComponentElement component, Scope scope, Problems problems) {
    String name = component.getSimpleName().toString();
    String path = scope.path() + "." + name;
    Element field = backingField(record, name).<Element>map(f -> f).orElse(component);
    ComponentAnnotations found = ComponentAnnotations.of(field);

    if (scope.embedded()) {
      found.id().ifPresent(id -> problems.add(
          Problem.onAnnotation(field, id, Message.ID_IN_EMBEDDED, "Id", path, record.getSimpleName())));
      found.version().ifPresent(version -> problems.add(
          Problem.onAnnotation(field, version, Message.ID_IN_EMBEDDED, "Version", path, record.getSimpleName())));
    }
    String storedName = storedName(field, found, name, path, problems);
    String storedPath = scope.storedPrefix() + storedName;
    scope.storedNames().claim(storedPath, path).ifPresent(earlier -> problems.add(
        found.fieldName().isPresent()
            ? Problem.onAnnotation(field, found.fieldName().get(), Message.DUPLICATE_FIELD_NAME, earlier, path, storedPath)
            : Problem.on(field, Message.DUPLICATE_FIELD_NAME, earlier, path, storedPath)));

    Optional<ValueType> type = types.resolve(component.asType(), field, name, storedPath, scope, problems);
    Optional<IndexSpec> index = type.flatMap(
        resolved -> indexes.resolve(field, found, resolved, path, scope.insideCollection(), problems));
    boolean id = !scope.embedded() && found.id().isPresent();
    boolean version = !scope.embedded() && found.version().isPresent();
    return new Component(path, field, found,
        type.map(resolved -> new Property(name, storedName, resolved, index, id, version)));
  }

  /** {@code @FieldName}'s value if it is valid, else the component's name. */
  private String storedName(
      Element field, ComponentAnnotations found, String name, String path, Problems problems) {
    if (found.fieldName().isEmpty()) {
      return name;
    }
    AnnotationMirror mirror = found.fieldName().get();
    String value = annotations.stringValue(mirror, "value");
    if (RedisNames.isValidFieldName(value)) {
      return value;
    }
    AnnotationValue written = Annotations.explicitValue(mirror, "value").orElseThrow();
    problems.add(Problem.onValue(field, mirror, written, Message.INVALID_FIELD_NAME,
        path, value, RedisNames.suggestFieldName(value, name)));
    return name;
  }

  /**
   * The private field javac creates for a component. Diagnostics on it carry a file and line on
   * JDK 17, unlike those on the component or its accessor (JDK-8295184).
   */
  private static Optional<VariableElement> backingField(TypeElement record, String name) {
    return ElementFilter.fieldsIn(record.getEnclosedElements()).stream()
        .filter(field -> !field.getModifiers().contains(Modifier.STATIC))
        .filter(field -> field.getSimpleName().contentEquals(name))
        .findFirst();
  }
}
