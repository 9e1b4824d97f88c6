package dev.rekord.processor.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code @CompoundIndex} of a model, after validation (the runtime's {@code CompoundIndex} is
 * what the writers make of it): its fields by Java path ({@code city},
 * {@code address.city}), each a single-valued component indexed as required.
 *
 * @param tags the paths of the tag fields, in declared order; at least one
 * @param number the path of the numeric field
 */
public record CompoundIndexDescription(List<String> tags, String number) {
  public CompoundIndexDescription {
    tags = List.copyOf(tags);
  }

  /** Every path, the tags first. */
  public List<String> paths() {
    List<String> paths = new ArrayList<>(tags);
    paths.add(number);
    return List.copyOf(paths);
  }
}
