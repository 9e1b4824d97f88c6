package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;

/** A field indexed for exact matches: strings, enums, booleans, characters, UUIDs. */
public class TagField<R, T> extends ValueField<R, T> {

  public TagField(IndexField index, ValueCodec<T> codec) {
    super(index, codec);
  }
}
