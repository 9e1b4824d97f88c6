package dev.rekord.metamodel;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;

/** A string tag that keeps a sort order: {@code Member_.name.asc()}, by its UTF-8 bytes (folded to lower case when case-insensitive). */
public final class SortableStringField<R> extends StringField<R> implements SortableField<R> {

  public SortableStringField(IndexField index, ValueCodec<String> codec) {
    super(index, codec);
  }
}
