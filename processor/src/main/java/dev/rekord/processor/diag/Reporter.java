package dev.rekord.processor.diag;

import java.util.Optional;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints problems as compile errors through the {@link Messager}, or, for an annotation repeated on
 * one element (which the JDK 17 {@code Messager} cannot place), at its source through javac's tree
 * API ({@link RepeatedAnnotations}).
 */
public final class Reporter {
  private final Messager messager;
  private final RepeatedAnnotations repeated;

  public Reporter(Messager messager) {
    this(messager, RepeatedAnnotations.none());
  }

  /** A reporter that also places problems of repeated annotations, where the compiler allows. */
  public Reporter(ProcessingEnvironment env) {
    this(env.getMessager(), RepeatedAnnotations.of(env));
  }

  private Reporter(Messager messager, RepeatedAnnotations repeated) {
    this.messager = messager;
    this.repeated = repeated;
  }

  public void report(Problem problem) {
    Optional<RepeatedAnnotations.Place> place = repeated.locate(problem);
    if (place.isPresent()) {
      repeated.error(problem.text(), place.get());
    } else if (problem.value() != null) {
      messager.printMessage(
          Diagnostic.Kind.ERROR, problem.text(), problem.element(), problem.annotation(), problem.value());
    } else if (problem.annotation() != null) {
      messager.printMessage(
          Diagnostic.Kind.ERROR, problem.text(), problem.element(), problem.annotation());
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, problem.text(), problem.element());
    }
  }

  public void reportAll(Iterable<Problem> problems) {
    problems.forEach(this::report);
  }

  /** Reports {@code message} on {@code element}. */
  public void error(Element element, Message message, Object... args) {
    report(Problem.on(element, message, args));
  }

  /** Reports {@code message} with no element, for problems of the compilation as a whole. */
  public void error(Message message, Object... args) {
    messager.printMessage(Diagnostic.Kind.ERROR, message.format(args));
  }
}
