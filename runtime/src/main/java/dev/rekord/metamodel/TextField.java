package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import dev.rekord.query.Condition;
import dev.rekord.query.IndexedAttribute;
import dev.rekord.query.TextMatch;
import java.util.List;

/** A full-text field: tokenized, case-folded words. */
public class TextField<R, T> extends IndexedAttribute<R, T> {

  public TextField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }

  /** Documents containing every word of {@code words} (split on white space). */
  public Condition<R> matches(String words) {
    return new TextMatch<>(this, split(words), true, false);
  }

  /** Documents containing at least one word of {@code words}. */
  public Condition<R> matchesAny(String words) {
    return new TextMatch<>(this, split(words), false, false);
  }

  /** Documents containing a word that starts with {@code prefix}. */
  public Condition<R> matchesPrefix(String prefix) {
    return new TextMatch<>(this, List.of(prefix), true, true);
  }

  private static List<String> split(String words) {
    return List.of(words.trim().split("\\s+"));
  }
}
