package dev.rekord.processor.model;

import java.util.List;

/**
 * One {@code @CompoundIndex} of a model, after validation: its fields by Java path ({@code city},
 * {@code address.city}), each a single-valued component indexed as required.
 *
 * @param tags the paths of the tag fields, in declared order; at least one
 * @param number the path of the numeric field
 */
public record CompoundIndexSpec(List<String> tags, String number) {
  public CompoundIndexSpec {
    tags = List.copyOf(tags);
  }

  /** Every path, the tags first. */
  public List<String> paths() {
    List<String> paths = new java.util.ArrayList<>(tags);
    paths.add(number);
    return List.copyOf(paths);
  }
}
