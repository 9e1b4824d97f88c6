package dev.rekord.processor.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * The Rekord annotations on one record component, read from its backing field (where they are
 * also present, and where diagnostics get a file and line on JDK 17).
 *
 * @param indexKinds the index-kind annotations ({@code @Indexed @Tag @Numeric @Text @Geo}) in
 *     source order; more than one is a conflict
 */
record ComponentAnnotations(
    Optional<AnnotationMirror> id,
    Optional<AnnotationMirror> version,
    Optional<AnnotationMirror> fieldName,
    Optional<AnnotationMirror> sortable,
    List<AnnotationMirror> indexKinds) {

  static ComponentAnnotations of(Element field) {
    List<AnnotationMirror> indexKinds = new ArrayList<>();
    for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
      if (IndexAnnotation.of(mirror).isPresent()) {
        indexKinds.add(mirror);
      }
    }
    return new ComponentAnnotations(
        Annotations.find(field, AnnotationNames.ID),
        Annotations.find(field, AnnotationNames.VERSION),
        Annotations.find(field, AnnotationNames.FIELD_NAME),
        Annotations.find(field, AnnotationNames.SORTABLE),
        List.copyOf(indexKinds));
  }
}
