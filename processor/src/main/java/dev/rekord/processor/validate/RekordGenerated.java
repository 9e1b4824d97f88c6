package dev.rekord.processor.validate;

import java.util.List;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/** Rekord's mark on what it generates: {@code @Generated("dev.rekord.processor.RekordProcessor")}. */
public final class RekordGenerated {
  /** The processor named in the mark. */
  public static final String PROCESSOR = "dev.rekord.processor.RekordProcessor";

  private RekordGenerated() {}

  /** Whether {@code element} carries the mark (among the names of its {@code @Generated}). */
  public static boolean isMarked(Element element) {
    return Annotations.find(element, AnnotationNames.GENERATED)
        .flatMap(generated -> Annotations.explicitValue(generated, "value"))
        .map(value -> value.getValue() instanceof List<?> names && names.stream()
            .anyMatch(name -> name instanceof AnnotationValue av && PROCESSOR.equals(av.getValue())))
        .orElse(false);
  }
}
