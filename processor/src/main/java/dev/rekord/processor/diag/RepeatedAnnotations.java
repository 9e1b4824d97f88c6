package dev.rekord.processor.diag;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;

/**
 * Finds the source of an annotation written more than once on one element ({@code @CompoundIndex}
 * twice), and of its values. javac wraps such annotations in a container it makes up, and on JDK 17
 * its {@code Messager} cannot place a diagnostic on them: it falls back to the element. Here the
 * n-th annotation of the container is matched with the n-th annotation of its type in the source,
 * through the compiler tree API when javac runs the processor.
 */
final class RepeatedAnnotations {

  /** Where to report: a tree of a compilation unit. */
  record Place(Tree tree, CompilationUnitTree unit) {}

  private final Trees trees;

  private RepeatedAnnotations(Trees trees) {
    this.trees = trees;
  }

  /** The finder of {@code env}; one that finds nothing when the compiler is not javac. */
  static RepeatedAnnotations of(ProcessingEnvironment env) {
    try {
      return new RepeatedAnnotations(Trees.instance(env));
    } catch (IllegalArgumentException | LinkageError notJavac) {
      return new RepeatedAnnotations(null);
    }
  }

  /** A finder that finds nothing: every problem is reported through the {@code Messager}. */
  static RepeatedAnnotations none() {
    return new RepeatedAnnotations(null);
  }

  /**
   * The place of the problem's annotation (or annotation value) when the annotation is one of
   * several of its type on the element; empty otherwise, and when the source cannot be read.
   */
  Optional<Place> locate(Problem problem) {
    Element element = problem.element();
    AnnotationMirror annotation = problem.annotation();
    if (trees == null || annotation == null || element.getAnnotationMirrors().contains(annotation)) {
      return Optional.empty();
    }
    TreePath path = trees.getPath(element);
    if (path == null || !(path.getLeaf() instanceof com.sun.source.tree.ClassTree type)) {
      return Optional.empty();
    }
    for (AnnotationMirror container : element.getAnnotationMirrors()) {
      List<AnnotationMirror> contained = contained(container);
      int index = contained.indexOf(annotation);
      if (index < 0) {
        continue;
      }
      List<AnnotationTree> written = new ArrayList<>();
      for (AnnotationTree tree : type.getModifiers().getAnnotations()) {
        TreePath typePath = new TreePath(new TreePath(path, tree), tree.getAnnotationType());
        if (annotation.getAnnotationType().asElement().equals(trees.getElement(typePath))) {
          written.add(tree);
        }
      }
      if (written.size() != contained.size()) {
        return Optional.empty(); // the container is written in the source: the Messager finds it
      }
      AnnotationTree tree = written.get(index);
      Tree place = problem.value() == null ? tree : valueTree(tree, annotation, problem.value()).orElse(tree);
      return Optional.of(new Place(place, path.getCompilationUnit()));
    }
    return Optional.empty();
  }

  /** Prints {@code text} as an error at {@code place}. */
  void error(String text, Place place) {
    trees.printMessage(javax.tools.Diagnostic.Kind.ERROR, text, place.tree(), place.unit());
  }

  /** The annotations held in {@code container}'s {@code value}, if it holds annotations. */
  private static List<AnnotationMirror> contained(AnnotationMirror container) {
    List<AnnotationMirror> contained = new ArrayList<>();
    for (var entry : container.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals("value") && entry.getValue().getValue() instanceof List<?> list) {
        for (Object value : list) {
          if (value instanceof AnnotationValue av && av.getValue() instanceof AnnotationMirror mirror) {
            contained.add(mirror);
          }
        }
      }
    }
    return contained;
  }

  /** The expression of {@code value}: one of the annotation's arguments, or one element of an array argument. */
  private static Optional<Tree> valueTree(AnnotationTree tree, AnnotationMirror annotation, AnnotationValue value) {
    for (var entry : annotation.getElementValues().entrySet()) {
      ExpressionTree argument = argument(tree, entry.getKey());
      if (argument == null) {
        continue;
      }
      if (entry.getValue() == value) {
        return Optional.of(argument);
      }
      if (entry.getValue().getValue() instanceof List<?> list && argument instanceof NewArrayTree array) {
        int index = indexOf(list, value);
        if (index >= 0 && index < array.getInitializers().size()) {
          return Optional.of(array.getInitializers().get(index));
        }
      }
    }
    return Optional.empty();
  }

  /** The expression written for {@code member}: {@code member = x}, or the lone {@code x} of {@code value}. */
  private static ExpressionTree argument(AnnotationTree tree, ExecutableElement member) {
    for (ExpressionTree argument : tree.getArguments()) {
      if (argument instanceof AssignmentTree assignment) {
        if (assignment.getVariable().toString().equals(member.getSimpleName().toString())) {
          return assignment.getExpression();
        }
      } else if (member.getSimpleName().contentEquals("value")) {
        return argument;
      }
    }
    return null;
  }

  private static int indexOf(List<?> list, Object value) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i) == value) {
        return i;
      }
    }
    return -1;
  }
}
