package dev.rekord.processor.validate;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The name most like a misspelled one, for "did you mean" (MapStruct's {@code
 * Strings.getMostSimilarWord}): the fewest single-character edits, ignoring case, and only when
 * that is at most a third of the word's length (at least two) and less than the whole word, so
 * unrelated names are not offered.
 */
final class Similar {
  private Similar() {}

  static Optional<String> mostSimilar(String word, Collection<String> names) {
    String wanted = word.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, word.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String name : names) {
      int distance = distance(wanted, name.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        best = name;
        bestDistance = distance;
      }
    }
    return bestDistance <= limit && bestDistance < word.length() ? Optional.of(best) : Optional.empty();
  }

  /** The Levenshtein distance: insertions, deletions and substitutions of one character each. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
