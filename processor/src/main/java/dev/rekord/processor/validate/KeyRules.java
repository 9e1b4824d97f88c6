package dev.rekord.processor.validate;

import dev.rekord.processor.diag.Message;
import dev.rekord.processor.diag.Problem;
import dev.rekord.processor.diag.Problems;
import dev.rekord.processor.model.ScalarKind;
import dev.rekord.processor.model.ValueType;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/** The rules for the model's key ({@code @Id}) and version ({@code @Version}) components. */
final class KeyRules {
  private static final Set<ScalarKind> ID_KINDS = EnumSet.of(ScalarKind.STRING, ScalarKind.UUID, ScalarKind.LONG);
  private static final Set<ScalarKind> VERSION_KINDS = EnumSet.of(ScalarKind.INT, ScalarKind.LONG);

  private KeyRules() {}

  static void check(TypeElement record, List<PropertiesBuilder.Component> components, Problems problems) {
    List<PropertiesBuilder.Component> ids = marked(components, ComponentAnnotations::id);
    if (ids.isEmpty()) {
      problems.add(Problem.on(record, Message.MISSING_ID, record.getSimpleName()));
    }
    reportExtras(record, ids, ComponentAnnotations::id, Message.DUPLICATE_ID, problems);
    for (PropertiesBuilder.Component id : ids) {
      if (!hasKind(id, ID_KINDS)) {
        problems.add(Problem.on(id.field(), Message.UNSUPPORTED_ID_TYPE,
            id.path(), typeOf(id), id.field().getSimpleName()));
      }
    }

    List<PropertiesBuilder.Component> versions = marked(components, ComponentAnnotations::version);
    reportExtras(record, versions, ComponentAnnotations::version, Message.DUPLICATE_VERSION, problems);
    for (PropertiesBuilder.Component version : versions) {
      if (!hasKind(version, VERSION_KINDS)) {
        problems.add(Problem.on(version.field(), Message.INVALID_VERSION_TYPE,
            version.path(), typeOf(version), version.field().getSimpleName()));
      }
    }
  }

  private static List<PropertiesBuilder.Component> marked(
      List<PropertiesBuilder.Component> components,
      Function<ComponentAnnotations, Optional<AnnotationMirror>> annotation) {
    return components.stream().filter(c -> annotation.apply(c.annotations()).isPresent()).toList();
  }

  /** Reports every marked component after the first, on its annotation. */
  private static void reportExtras(
      TypeElement record,
      List<PropertiesBuilder.Component> marked,
      Function<ComponentAnnotations, Optional<AnnotationMirror>> annotation,
      Message message,
      Problems problems) {
    for (PropertiesBuilder.Component extra : marked.subList(Math.min(1, marked.size()), marked.size())) {
      problems.add(Problem.onAnnotation(extra.field(), annotation.apply(extra.annotations()).orElseThrow(),
          message, record.getSimpleName(), marked.get(0).field().getSimpleName(), extra.field().getSimpleName()));
    }
  }

  /** Whether the component is a scalar of one of {@code kinds}; unresolved types were reported already. */
  private static boolean hasKind(PropertiesBuilder.Component component, Set<ScalarKind> kinds) {
    return component.property()
        .map(p -> p.type() instanceof ValueType.Scalar scalar && kinds.contains(scalar.kind()))
        .orElse(true);
  }

  private static Object typeOf(PropertiesBuilder.Component component) {
    return component.property().orElseThrow().type().typeName();
  }
}
