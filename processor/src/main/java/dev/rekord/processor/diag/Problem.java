package dev.rekord.processor.diag;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * One compile error, with the narrowest place to point at: an element, optionally one of its
 * annotations, optionally one value of that annotation.
 *
 * @param message the catalogue entry
 * @param text the formatted text, ID included
 * @param element where it is reported
 * @param annotation the annotation on {@code element} that is wrong, or {@code null}
 * @param value the value of {@code annotation} that is wrong, or {@code null}
 */
public record Problem(
    Message message, String text, Element element, AnnotationMirror annotation, AnnotationValue value) {

  /** A problem with {@code element} as a whole. */
  public static Problem on(Element element, Message message, Object... args) {
    return new Problem(message, message.format(args), element, null, null);
  }

  /** A problem with one annotation of {@code element}. */
  public static Problem onAnnotation(
      Element element, AnnotationMirror annotation, Message message, Object... args) {
    return new Problem(message, message.format(args), element, annotation, null);
  }

  /** A problem with one value of one annotation of {@code element}. */
  public static Problem onValue(
      Element element,
      AnnotationMirror annotation,
      AnnotationValue value,
      Message message,
      Object... args) {
    return new Problem(message, message.format(args), element, annotation, value);
  }
}
