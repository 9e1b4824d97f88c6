package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;
import dev.rekord.query.Condition;
import dev.rekord.query.StartsWith;

/** A string tag: exact and prefix matches. */
public class StringField<R> extends TagField<R, String> {

  public StringField(IndexField index, ValueCodec<String> codec) {
    super(index, codec);
  }

  public Condition<R> startsWith(String prefix) {
    return new StartsWith<>(this, prefix);
  }
}
