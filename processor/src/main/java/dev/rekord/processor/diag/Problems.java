package dev.rekord.processor.diag;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * The problems found in one model, collected so that all of them are reported at once. A problem
 * already recorded for the same rule and place is dropped: an embedded record used twice would
 * otherwise report its own mistakes twice.
 */
public final class Problems {
  private record Place(Message message, Element element, AnnotationMirror annotation, AnnotationValue value) {}

  private final List<Problem> problems = new ArrayList<>();
  private final Set<Place> places = new HashSet<>();

  public void add(Problem problem) {
    Place place = new Place(problem.message(), problem.element(), problem.annotation(), problem.value());
    if (places.add(place)) {
      problems.add(problem);
    }
  }

  public boolean isEmpty() {
    return problems.isEmpty();
  }

  /** The problems in the order they were found. */
  public List<Problem> list() {
    return List.copyOf(problems);
  }
}
