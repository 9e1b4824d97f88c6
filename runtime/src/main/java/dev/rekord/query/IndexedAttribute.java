package dev.rekord.query;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;

/**
 * An indexed component: the base of the typed query fields of the metamodel. Only the fields that
 * keep a sort order ({@code dev.rekord.metamodel.SortableField}) offer {@code asc()} and {@code
 * desc()}.
 */
public abstract class IndexedAttribute<R, T> extends Attribute<R, T> {

  private final IndexField index;

  protected IndexedAttribute(IndexField index, ValueCodec<T> codec) {
    super(index.path(), codec);
    this.index = index;
  }

  /** How this field is indexed. */
  public final IndexField index() {
    return index;
  }

  /** Documents where this field is {@code null}. */
  public Condition<R> isNull() {
    return new NullCheck<>(this, true);
  }

  /** Documents where this field is not {@code null}. */
  public Condition<R> isNotNull() {
    return new NullCheck<>(this, false);
  }
}
