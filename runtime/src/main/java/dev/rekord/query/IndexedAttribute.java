package dev.rekord.query;

import dev.rekord.codec.ValueCodec;
import dev.rekord.model.IndexField;

/** An indexed component: the base of the typed query fields. */
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

  /** Sort ascending by this field (it must be sortable). */
  public Sort<R> asc() {
    return new Sort<>(this, false);
  }

  /** Sort descending by this field (it must be sortable). */
  public Sort<R> desc() {
    return new Sort<>(this, true);
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
