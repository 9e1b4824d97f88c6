package dev.rekord.processor.validate;

import dev.rekord.processor.diag.Problem;
import dev.rekord.processor.model.ModelDescription;
import java.util.List;

/** What {@link ModelBuilder} made of one {@code @RedisModel} type. */
public sealed interface BuildResult {

  /** The type is valid; generate from {@code model}. */
  record Built(ModelDescription model) implements BuildResult {}

  /** The type has problems; report all of them and generate nothing. */
  record Invalid(List<Problem> problems) implements BuildResult {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }

  /**
   * A type the record uses does not exist yet; try again next round.
   *
   * @param missingType the missing type as written, e.g. {@code Money}
   */
  record Unresolved(String missingType) implements BuildResult {}
}
