package dev.rekord;

import dev.rekord.exception.DeserializationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The result of reading many documents at once ({@link RekordRepository#findAllById}, {@link
 * Query#read()}): what was found, what is missing, and what could not be decoded. One bad document
 * does not fail the batch.
 *
 * @param found the decoded records, by id, in the order the ids were asked for
 * @param missing ids with no document
 * @param failures ids whose document could not be decoded, with the error naming key and field, in
 *     the order the ids were asked for
 */
public record BatchRead<ID, T>(
    Map<ID, T> found, List<ID> missing, Map<ID, DeserializationException> failures) {

  /** The decoded records, in the order the ids were asked for. */
  public List<T> values() {
    return new ArrayList<>(found.values());
  }

  public boolean hasFailures() {
    return !failures.isEmpty();
  }

  /**
   * The decoded records, or the first failure thrown when there is one (its siblings are attached
   * as suppressed exceptions).
   */
  public List<T> valuesOrThrow() {
    throwFirst(failures);
    return values();
  }

  /** Throws the first of {@code failures}, its siblings attached as suppressed, when there is one. */
  static void throwFirst(Map<?, DeserializationException> failures) {
    DeserializationException first = null;
    for (DeserializationException failure : failures.values()) {
      if (first == null) {
        first = failure;
      } else {
        first.addSuppressed(failure);
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
