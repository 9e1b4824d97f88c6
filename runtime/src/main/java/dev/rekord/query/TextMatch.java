package dev.rekord.query;

import java.util.List;

/**
 * Full-text match: the field contains all (or any) of {@code words}; with {@code prefix} the last
 * word matches as a prefix.
 */
public record TextMatch<R>(IndexedAttribute<R, ?> field, List<String> words, boolean all, boolean prefix)
    implements Condition<R> {
  public TextMatch {
    words = List.copyOf(words);
  }
}
