package dev.rekord.processor.diag;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/** Prints problems as compile errors through the {@link Messager}. */
public final class Reporter {
  private final Messager messager;

  public Reporter(Messager messager) {
    this.messager = messager;
  }

  public void report(Problem problem) {
    if (problem.value() != null) {
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
